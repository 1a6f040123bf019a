package io.sluice.hdfs;

import static io.sluice.hdfs.MiniHdfs.BLOCK_SIZE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.fs.BlockLocation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What Spark and MapReduce need from connector-hdfs: block locations and options they can ship to tasks. */
class EngineSupportTest {
  @RegisterExtension
  static final MiniHdfsExtension HDFS = MiniHdfsExtension.shared(MiniHdfs.STANDARD);

  @Test
  void blockLocationsNameEveryBlockOfTheRangeAndItsDataNode() throws Exception {
    String path = "/engine-support/blocks.bin";
    byte[] data = TestData.random(2 * BLOCK_SIZE + 100, 3);
    try (FileSystem plain = HDFS.hdfs().hadoopClient()) {
      TestData.write(plain, path, data);
    }
    try (HadoopFileSystem fs = HDFS.hdfs().connect()) {
      List<BlockLocation> all = fs.getFileBlockLocations(path, 0, data.length);
      assertEquals(3, all.size());
      assertEquals(new BlockLocation(0, BLOCK_SIZE, all.get(0).hosts()), all.get(0));
      assertEquals(new BlockLocation(BLOCK_SIZE, BLOCK_SIZE, all.get(1).hosts()), all.get(1));
      assertEquals(new BlockLocation(2L * BLOCK_SIZE, 100, all.get(2).hosts()), all.get(2));
      for (BlockLocation block : all) {
        assertEquals(1, block.hosts().size(), "one DataNode holds each replica: " + block);
      }
      List<BlockLocation> second = fs.getFileBlockLocations(path, BLOCK_SIZE + 10, 20);
      assertEquals(List.of(all.get(1)), second);
      assertEquals(List.of(), fs.getFileBlockLocations(path, data.length + 5, 10), "past the end: no blocks");
      assertThrows(NoSuchFileException.class, () -> fs.getFileBlockLocations("/engine-support/missing", 0, 1));
      assertThrows(IOException.class, () -> fs.getFileBlockLocations("/engine-support", 0, 1));
      assertThrows(IllegalArgumentException.class, () -> fs.getFileBlockLocations(path, -1, 1));
      assertThrows(IllegalArgumentException.class, () -> fs.getFileBlockLocations(path, 0, -7));
    }
  }

  @Test
  void optionsSurviveJavaSerializationAndStillConnect() throws Exception {
    HdfsOptions options = HDFS.hdfs().options().user("sluice-task").extraConf("dfs.client.socket-timeout", "30000").build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(options);
    }
    HdfsOptions copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (HdfsOptions) in.readObject();
    }
    assertNotSame(options, copy);
    assertEquals(options, copy);
    assertEquals(options.hashCode(), copy.hashCode());
    assertEquals("30000", copy.extraConf().get("dfs.client.socket-timeout"));
    assertThrows(UnsupportedOperationException.class, () -> copy.extraConf().put("x", "y"), "still immutable");
    try (HadoopFileSystem fs = HadoopFileSystem.connect(copy)) {
      assertEquals("hdfs", fs.typeName());
      fs.getFileInfo("/");
    }
  }
}
