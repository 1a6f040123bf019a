package io.sluice.hdfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.client.HdfsDataInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fixture itself: a short-circuit cluster serves a multi-block file through the legacy local reader. */
class MiniHdfsSmokeTest {
  @RegisterExtension
  static final MiniHdfsExtension HDFS = MiniHdfsExtension.shared(new MiniHdfs.Settings(1, true));

  @Test
  void legacyShortCircuitReaderServesLocalBlocks() throws Exception {
    byte[] data = new byte[3 * MiniHdfs.BLOCK_SIZE + 100];
    new Random(1).nextBytes(data);
    try (FileSystem fs = HDFS.hdfs().hadoopClient()) {
      Path path = new Path("/smoke/file.bin");
      try (FSDataOutputStream out = fs.create(path)) {
        out.write(data);
      }
      assertEquals(4, fs.getFileBlockLocations(path, 0, data.length).length);
      byte[] back = new byte[data.length];
      try (FSDataInputStream in = fs.open(path)) {
        in.readFully(0, back);
        assertEquals(data.length, ((HdfsDataInputStream) in).getReadStatistics().getTotalShortCircuitBytesRead());
      }
      assertArrayEquals(data, back);
    }
  }
}
