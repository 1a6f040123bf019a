package io.sluice.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.io.NativeFile;
import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.client.HdfsDataInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An HDFS reader's length stays readable after close, as Hadoop's own input stream allows
 * ({@code DFSInputStream.getFileLength()}, behind {@code HdfsDataInputStream.getVisibleLength()},
 * answers from the block list it fetched at open and never checks for close). Every other
 * operation on the closed file still says "closed"; a closed writer's size does too.
 */
class HdfsLengthAfterCloseTest {
  @RegisterExtension
  static final MiniHdfsExtension HDFS = MiniHdfsExtension.perClass(MiniHdfs.STANDARD);

  private static final String PATH = "/length-after-close/data.bin";
  private static final byte[] DATA = TestData.random(2 * MiniHdfs.BLOCK_SIZE + 321, 3);

  @BeforeAll
  static void writeData() throws Exception {
    try (FileSystem fs = HDFS.hdfs().hadoopClient()) {
      TestData.write(fs, PATH, DATA);
    }
  }

  @Test
  void hadoopsOwnStreamAnswersItsLengthAfterClose() throws Exception {
    try (FileSystem fs = HDFS.hdfs().hadoopClient()) {
      HdfsDataInputStream in = (HdfsDataInputStream) fs.open(new Path(PATH));
      in.close();
      assertEquals(DATA.length, in.getVisibleLength(), "what Hadoop allows, and Sluice follows");
    }
  }

  @Test
  void aClosedRandomAccessReaderStillKnowsItsLength() throws Exception {
    for (boolean shortCircuit : new boolean[] {false, true}) {
      try (HadoopFileSystem fs = HadoopFileSystem.connect(HDFS.hdfs().options().shortCircuit(shortCircuit).build())) {
        HdfsFile file = fs.openInputFile(PATH);
        file.readBufferAt(10, 100).close();
        file.close();
        assertTrue(file.isClosed());
        assertEquals(DATA.length, file.size(), "short-circuit " + shortCircuit);
        assertClosed(() -> file.readAt(0, 1));
        assertClosed(file::tell);
      }
    }
  }

  @Test
  void aClosedSequentialStreamStillKnowsItsLength() throws Exception {
    try (HadoopFileSystem fs = HDFS.hdfs().connect()) {
      NativeFile stream = fs.openInputStream(PATH);
      assertEquals(100, stream.read(100).length);
      stream.close();
      assertEquals(DATA.length, stream.size());
      assertClosed(() -> stream.read(1));
    }
  }

  @Test
  void aClosedWriterStaysClosedForSize() throws Exception {
    try (HadoopFileSystem fs = HDFS.hdfs().connect()) {
      NativeFile writer = fs.openOutputStream("/length-after-close/written.bin");
      writer.write(new byte[] {1, 2, 3});
      assertEquals(3, writer.size());
      writer.close();
      assertClosed(writer::size);
    }
  }

  private interface Call {
    Object run() throws IOException;
  }

  private static void assertClosed(Call call) {
    IOException e = assertThrows(IOException.class, call::run);
    assertTrue(String.valueOf(e.getMessage()).contains("closed"), e.getMessage());
  }
}
