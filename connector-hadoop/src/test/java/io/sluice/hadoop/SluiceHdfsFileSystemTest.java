package io.sluice.hadoop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.hdfs.HdfsReadStatistics;
import io.sluice.hdfs.MiniHdfs;
import io.sluice.hdfs.MiniHdfsExtension;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileRange;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.StreamCapabilities;
import org.apache.hadoop.fs.statistics.IOStatisticsSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SluiceHdfsFileSystem on a MiniDFSCluster, reached exactly as an unmodified job reaches it: through
 * {@code FileSystem.get} with {@code fs.hdfs.impl} set and nothing else changed.
 */
class SluiceHdfsFileSystemTest {
  @RegisterExtension
  static final MiniHdfsExtension HDFS = MiniHdfsExtension.shared(MiniHdfs.STANDARD);

  private static final Path FILE = new Path("/sluice-fs/data.bin");
  private static final byte[] DATA = new byte[3 * MiniHdfs.BLOCK_SIZE + 1234];

  @BeforeAll
  static void writeData() throws IOException {
    new Random(7).nextBytes(DATA);
    try (FileSystem plain = HDFS.hdfs().hadoopClient(); FSDataOutputStream out = plain.create(FILE, true)) {
      out.write(DATA);
    }
  }

  private static FileSystem sluiceFileSystem(boolean shortCircuit) throws IOException {
    Configuration conf = HDFS.hdfs().clientConfiguration();
    conf.set("fs.hdfs.impl", SluiceHdfsFileSystem.class.getName());
    conf.setBoolean("fs.hdfs.impl.disable.cache", true);
    conf.setBoolean("dfs.client.read.shortcircuit", shortCircuit);
    return FileSystem.get(URI.create(HDFS.hdfs().uri()), conf);
  }

  @Test
  void sequentialReadsOfALocalReplicaAreShortCircuit() throws IOException {
    try (FileSystem fs = sluiceFileSystem(true)) {
      assertInstanceOf(SluiceHdfsFileSystem.class, fs);
      byte[] read = new byte[DATA.length];
      try (FSDataInputStream in = fs.open(FILE)) {
        in.readFully(read);
        assertEquals(-1, in.read());
        assertEquals(DATA.length, in.getPos());
        Map<String, Long> counters = IOStatisticsSupport.retrieveIOStatistics(in).counters();
        assertEquals((long) DATA.length, counters.get("sluice_bytes_read"));
        assertEquals((long) DATA.length, counters.get("sluice_short_circuit_bytes_read"));
        assertEquals(0L, counters.get("sluice_remote_bytes_read"));
      }
      assertArrayEquals(DATA, read);
      HdfsReadStatistics total = ((SluiceHdfsFileSystem) fs).readStatistics();
      assertEquals(DATA.length, total.bytesRead());
      assertEquals(DATA.length, total.shortCircuitBytesRead());
      Map<String, Long> fsCounters = IOStatisticsSupport.retrieveIOStatistics(fs).counters();
      assertEquals((long) DATA.length, fsCounters.get("sluice_short_circuit_bytes_read"), "the file system sums its streams");
    }
  }

  @Test
  void positionalAndByteBufferReadsReturnTheRightBytesAndLeaveThePosition() throws IOException {
    try (FileSystem fs = sluiceFileSystem(true); FSDataInputStream in = fs.open(FILE)) {
      in.seek(100);
      byte[] some = new byte[5000];
      in.readFully(MiniHdfs.BLOCK_SIZE - 10, some);
      assertArrayEquals(Arrays.copyOfRange(DATA, MiniHdfs.BLOCK_SIZE - 10, MiniHdfs.BLOCK_SIZE + 4990), some);
      assertEquals(100, in.getPos(), "positional reads leave the position");

      ByteBuffer direct = ByteBuffer.allocateDirect(777);
      in.readFully(2 * MiniHdfs.BLOCK_SIZE, direct);
      direct.flip();
      byte[] fromDirect = new byte[777];
      direct.get(fromDirect);
      assertArrayEquals(Arrays.copyOfRange(DATA, 2 * MiniHdfs.BLOCK_SIZE, 2 * MiniHdfs.BLOCK_SIZE + 777), fromDirect);

      ByteBuffer heap = ByteBuffer.allocate(64);
      assertEquals(64, in.read(heap));
      assertArrayEquals(Arrays.copyOfRange(DATA, 100, 164), heap.array());
      assertEquals(164, in.getPos());

      assertEquals(-1, in.read(DATA.length, new byte[4], 0, 4), "a positional read at the end finds nothing");
      assertThrows(EOFException.class, () -> in.readFully(DATA.length - 2, new byte[4]));
      assertThrows(EOFException.class, () -> in.seek(DATA.length + 1));
      assertTrue(in.hasCapability(StreamCapabilities.PREADBYTEBUFFER));
      assertTrue(in.hasCapability(StreamCapabilities.READBYTEBUFFER));
      assertTrue(in.hasCapability(StreamCapabilities.VECTOREDIO));
      assertFalse(in.hasCapability("in:something-else"));
    }
  }

  @Test
  void vectoredReadsFillEveryRangeFromTheAllocator() throws Exception {
    try (FileSystem fs = sluiceFileSystem(true); FSDataInputStream in = fs.open(FILE)) {
      List<FileRange> ranges = List.of(
          FileRange.createFileRange(3 * MiniHdfs.BLOCK_SIZE, 1234),
          FileRange.createFileRange(10, 100),
          FileRange.createFileRange(MiniHdfs.BLOCK_SIZE - 50, 100),
          FileRange.createFileRange(20, 30));
      in.readVectored(ranges, ByteBuffer::allocate);
      for (FileRange range : ranges) {
        ByteBuffer data = range.getData().get();
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        int from = (int) range.getOffset();
        assertArrayEquals(Arrays.copyOfRange(DATA, from, from + range.getLength()), bytes, range.toString());
      }
    }
  }

  @Test
  void withoutShortCircuitTheSameReadsGoThroughTheDataNode() throws IOException {
    try (FileSystem fs = sluiceFileSystem(false)) {
      byte[] read = new byte[DATA.length];
      try (FSDataInputStream in = fs.open(FILE)) {
        in.readFully(0, read);
      }
      assertArrayEquals(DATA, read);
      HdfsReadStatistics total = ((SluiceHdfsFileSystem) fs).readStatistics();
      assertEquals(new HdfsReadStatistics(DATA.length, DATA.length, 0, 0), total);
    }
  }

  @Test
  void namespaceOperationsAreHadoopsOwn() throws IOException {
    try (FileSystem fs = sluiceFileSystem(true)) {
      Path dir = new Path("/sluice-fs/ns");
      assertTrue(fs.mkdirs(dir));
      try (FSDataOutputStream out = fs.create(new Path(dir, "a.txt"))) {
        out.write("hello".getBytes());
      }
      assertTrue(fs.rename(new Path(dir, "a.txt"), new Path(dir, "b.txt")));
      assertEquals(1, fs.listStatus(dir).length);
      assertEquals("b.txt", fs.listStatus(dir)[0].getPath().getName());
      BlockLocation[] blocks = fs.getFileBlockLocations(fs.getFileStatus(FILE), 0, DATA.length);
      assertEquals(4, blocks.length);
      try (FSDataInputStream in = fs.open(new Path(dir, "b.txt"))) {
        byte[] five = new byte[5];
        in.readFully(five);
        assertEquals("hello", new String(five));
      }
      assertTrue(fs.delete(dir, true));
      assertThrows(java.io.FileNotFoundException.class, () -> fs.open(new Path(dir, "b.txt")));
    }
  }
}
