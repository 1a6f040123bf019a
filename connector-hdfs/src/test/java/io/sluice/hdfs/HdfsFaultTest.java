package io.sluice.hdfs;

import static io.sluice.hdfs.MiniHdfs.BLOCK_SIZE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.io.NativeFile;
import io.sluice.memory.Buffer;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.client.HdfsDataInputStream;
import org.apache.hadoop.hdfs.protocol.DatanodeInfo;
import org.apache.hadoop.hdfs.protocol.ExtendedBlock;
import org.apache.hadoop.hdfs.protocol.LocatedBlock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults on a cluster of three DataNodes with replication 3, all on this host (so every replica is
 * a candidate for the zero-copy path). The cluster is this class's own: the last tests stop
 * DataNodes, so they run in a fixed order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HdfsFaultTest {
  @RegisterExtension
  static final MiniHdfsExtension HDFS = MiniHdfsExtension.perClass(new MiniHdfs.Settings(3, true));

  private static FileSystem hadoop;

  @BeforeAll
  static void connect() throws IOException {
    hadoop = HDFS.hdfs().hadoopClient();
  }

  @AfterAll
  static void disconnect() throws IOException {
    hadoop.close();
  }

  private static ExtendedBlock block(String path, int index) throws IOException {
    try (FSDataInputStream in = hadoop.open(new Path(path))) {
      List<LocatedBlock> blocks = ((HdfsDataInputStream) in).getAllBlocks();
      return blocks.get(index).getBlock();
    }
  }

  /** Inverts 100 bytes in the middle of a DataNode's block file: its checksums no longer match. */
  private static void corrupt(int dataNode, ExtendedBlock block) throws IOException {
    File blockFile = HDFS.hdfs().cluster().getBlockFile(dataNode, block);
    try (RandomAccessFile file = new RandomAccessFile(blockFile, "rw")) {
      byte[] bytes = new byte[100];
      file.seek(1000);
      file.readFully(bytes);
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) ~bytes[i];
      }
      file.seek(1000);
      file.write(bytes);
    }
  }

  @Test
  @Order(1)
  void zeroCopyPathSkipsCorruptLocalReplicasAndServesAGoodOne() throws Exception {
    byte[] data = TestData.random(3 * BLOCK_SIZE, 11);
    String path = "/faults/corrupt-two.bin";
    TestData.write(hadoop, path, data);
    TestData.waitForReplication(hadoop, path, 3);

    try (HadoopFileSystem fs = HDFS.hdfs().connect(); HdfsReadableFile file = fs.openInputFile(path)) {
      // Corrupt the replicas the zero-copy path tries first and second (it walks the locations in
      // the order the NameNode gave this file), so it must detect both and map the third.
      LocatedBlock block = file.hadoopStream().getAllBlocks().get(1);
      DatanodeInfo[] locations = block.getLocations();
      assertEquals(3, locations.length);
      corrupt(dataNodeIndex(locations[0]), block.getBlock());
      corrupt(dataNodeIndex(locations[1]), block.getBlock());

      try (Buffer buffer = file.readBufferAt(BLOCK_SIZE, BLOCK_SIZE)) {
        assertArrayEquals(TestData.slice(data, BLOCK_SIZE, BLOCK_SIZE), buffer.toByteArray());
        Buffer mapping = file.localBlocks().mappingOf(BLOCK_SIZE);
        assertEquals(mapping.address(), buffer.address(), "served as a view of the good replica's mapping");
        File goodReplica = HDFS.hdfs().cluster().getBlockFile(dataNodeIndex(locations[2]), block.getBlock());
        assertEquals(goodReplica.length(), mapping.size());
      }
      assertEquals(BLOCK_SIZE, file.statistics().zeroCopyBytesRead());
    }
    // Nothing else read this block (the block scanner is off): the zero-copy path reported the two
    // bad replicas, and the NameNode now only offers the good one.
    org.apache.hadoop.fs.BlockLocation[] locations = hadoop.getFileBlockLocations(new Path(path), BLOCK_SIZE, 1);
    assertEquals(1, locations.length);
    assertEquals(1, locations[0].getNames().length, "the corrupt replicas were reported to the NameNode: "
        + String.join(", ", locations[0].getNames()));
  }

  private static int dataNodeIndex(DatanodeInfo location) {
    List<org.apache.hadoop.hdfs.server.datanode.DataNode> dataNodes = HDFS.hdfs().cluster().getDataNodes();
    for (int i = 0; i < dataNodes.size(); i++) {
      if (dataNodes.get(i).getXferPort() == location.getXferPort()) {
        return i;
      }
    }
    throw new IllegalStateException("no DataNode serves " + location);
  }

  @Test
  @Order(2)
  void readsSucceedWithOneCorruptReplicaPerBlock() throws Exception {
    byte[] data = TestData.random(3 * BLOCK_SIZE, 12);
    String path = "/faults/corrupt-one.bin";
    TestData.write(hadoop, path, data);
    TestData.waitForReplication(hadoop, path, 3);
    for (int index = 0; index < 3; index++) {
      corrupt(index, block(path, index)); // a different DataNode's replica for each block
    }
    for (boolean shortCircuit : new boolean[] {false, true}) {
      try (HadoopFileSystem fs = HadoopFileSystem.connect(HDFS.hdfs().options().shortCircuit(shortCircuit).build());
          HdfsReadableFile file = fs.openInputFile(path)) {
        assertArrayEquals(data, file.read(), "sequential, shortCircuit=" + shortCircuit);
        for (int index = 0; index < 3; index++) {
          try (Buffer buffer = file.readBufferAt((long) index * BLOCK_SIZE, BLOCK_SIZE)) {
            assertArrayEquals(TestData.slice(data, (long) index * BLOCK_SIZE, BLOCK_SIZE), buffer.toByteArray(),
                "block " + index + ", shortCircuit=" + shortCircuit);
          }
        }
        if (shortCircuit) {
          assertEquals(3L * BLOCK_SIZE, file.statistics().zeroCopyBytesRead(), "every block served from a good mapping");
        }
      }
    }
  }

  @Test
  @Order(3)
  void allReplicasCorruptIsAnIOExceptionNotAHang() throws Exception {
    byte[] data = TestData.random(2 * BLOCK_SIZE, 13);
    String path = "/faults/corrupt-all.bin";
    TestData.write(hadoop, path, data);
    TestData.waitForReplication(hadoop, path, 3);
    ExtendedBlock block = block(path, 0);
    for (int dataNode = 0; dataNode < 3; dataNode++) {
      corrupt(dataNode, block);
    }
    for (boolean shortCircuit : new boolean[] {true, false}) {
      try (HadoopFileSystem fs = HadoopFileSystem.connect(HDFS.hdfs().options().shortCircuit(shortCircuit).build());
          HdfsReadableFile file = fs.openInputFile(path)) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
          IOException e = assertThrows(IOException.class, () -> file.readBufferAt(0, BLOCK_SIZE).close());
          assertTrue(e.toString().contains("hecksum") || e.toString().contains("BlockMissing"), e.toString());
        });
        assertEquals(0, file.statistics().zeroCopyBytesRead(), "no corrupt byte was handed out");
        try (Buffer second = file.readBufferAt(BLOCK_SIZE, 100)) {
          assertArrayEquals(TestData.slice(data, BLOCK_SIZE, 100), second.toByteArray(), "the intact block still reads");
        }
      }
    }
  }

  @Test
  @Order(4)
  void operationsSucceedAfterANameNodeRestart() throws Exception {
    try (HadoopFileSystem fs = HDFS.hdfs().connect()) {
      fs.createDir("/faults/restart", true);
      try (NativeFile out = fs.openOutputStream("/faults/restart/before")) {
        out.write(new byte[] {1, 2, 3});
      }
      HDFS.hdfs().cluster().restartNameNode(true);
      assertEquals(3, fs.getFileInfo("/faults/restart/before").size());
      try (NativeFile in = fs.openInputFile("/faults/restart/before")) {
        assertArrayEquals(new byte[] {1, 2, 3}, in.read());
      }
      try (NativeFile out = fs.openOutputStream("/faults/restart/after")) {
        out.write(new byte[] {4});
      }
      assertEquals(1, fs.getFileInfo("/faults/restart/after").size());
    }
  }

  private static final String LARGE_FILE = "/faults/large.bin";
  private static final byte[] LARGE_DATA = TestData.random(24 * BLOCK_SIZE, 14);
  private static boolean largeFileWritten;

  /**
   * A 24-block file with three replicas of every block, written once while all three DataNodes
   * run; the mid-read DataNode stops of both read paths use it.
   */
  private static String largeFile() throws Exception {
    if (!largeFileWritten) {
      TestData.write(hadoop, LARGE_FILE, LARGE_DATA);
      TestData.waitForReplication(hadoop, LARGE_FILE, 3);
      largeFileWritten = true;
    }
    return LARGE_FILE;
  }

  @Test
  @Order(5)
  void readCompletesWhenItsDataNodeStopsMidway() throws Exception {
    byte[] data = LARGE_DATA;
    String path = largeFile();
    MiniDFSCluster cluster = HDFS.hdfs().cluster();
    try (HadoopFileSystem fs = HadoopFileSystem.connect(HDFS.hdfs().options().shortCircuit(false).build());
        HdfsReadableFile file = fs.openRawInputStream(path)) {
      byte[] firstHalf = file.read(data.length / 2);
      DatanodeInfo serving = currentDataNode(file);
      cluster.stopDataNode(serving.getXferAddr());
      byte[] secondHalf = file.read();
      assertArrayEquals(TestData.slice(data, 0, data.length / 2), firstHalf);
      assertArrayEquals(TestData.slice(data, data.length / 2, data.length - data.length / 2), secondHalf);
    }
  }

  @Test
  @Order(6)
  void zeroCopyReadCompletesWhenItsDataNodeStopsMidway() throws Exception {
    byte[] data = LARGE_DATA;
    String path = largeFile();
    MiniDFSCluster cluster = HDFS.hdfs().cluster();
    try (HadoopFileSystem fs = HDFS.hdfs().connect(); HdfsReadableFile file = fs.openInputFile(path)) {
      int half = data.length / 2;
      readBlocksZeroCopy(file, data, 0, half);
      assertEquals(half, file.statistics().zeroCopyBytesRead(), "the first half came from mapped blocks");

      // The replica the zero-copy path maps next is the first one in the NameNode's order whose
      // DataNode still runs (it asks that DataNode where the block file is): stop that DataNode.
      LocatedBlock next = file.hadoopStream().getAllBlocks().get(half / BLOCK_SIZE);
      DatanodeInfo nextServer = firstRunningDataNode(next.getLocations());
      assertTrue(cluster.getDataNodes().size() >= 2, "another DataNode must still hold the rest");
      cluster.stopDataNode(nextServer.getXferAddr());

      readBlocksZeroCopy(file, data, half, data.length);
      HdfsReadStatistics stats = file.statistics();
      assertEquals(data.length, stats.bytesRead());
      assertEquals(data.length, stats.zeroCopyBytesRead(), "the second half was mapped from another local replica");
      assertEquals(0, stats.remoteBytesRead());
    }
  }

  /** Reads {@code [from, to)} block by block with readBuffer, checking each view's bytes and that it lies in a mapping. */
  private static void readBlocksZeroCopy(HdfsReadableFile file, byte[] data, int from, int to) throws IOException {
    assertEquals(from, file.tell());
    for (int position = from; position < to; position += BLOCK_SIZE) {
      try (Buffer buffer = file.readBuffer(BLOCK_SIZE)) {
        assertArrayEquals(TestData.slice(data, position, BLOCK_SIZE), buffer.toByteArray(), "block at " + position);
        Buffer mapping = file.localBlocks().mappingOf(position);
        assertEquals(mapping.address(), buffer.address(), "block at " + position + " is a view of its mapping");
      }
    }
  }

  private static DatanodeInfo firstRunningDataNode(DatanodeInfo[] locations) {
    for (DatanodeInfo location : locations) {
      for (org.apache.hadoop.hdfs.server.datanode.DataNode running : HDFS.hdfs().cluster().getDataNodes()) {
        if (running.getXferPort() == location.getXferPort()) {
          return location;
        }
      }
    }
    throw new IllegalStateException("no running DataNode holds a replica among " + java.util.Arrays.toString(locations));
  }

  private static DatanodeInfo currentDataNode(HdfsReadableFile file) {
    return file.hadoopStream().getCurrentDatanode();
  }

  @Test
  @Order(7)
  void withEveryDataNodeStoppedReadsFailWithinAMinute() throws Exception {
    byte[] data = TestData.random(2 * BLOCK_SIZE, 15);
    String path = "/faults/unreachable.bin";
    TestData.write(hadoop, path, data); // one replica now: earlier tests stopped two DataNodes
    try (HadoopFileSystem remoteFs = HadoopFileSystem.connect(HDFS.hdfs().options().shortCircuit(false).build());
        HdfsReadableFile remote = remoteFs.openInputFile(path);
        HadoopFileSystem zeroCopyFs = HDFS.hdfs().connect();
        HdfsReadableFile zeroCopy = zeroCopyFs.openInputFile(path)) {
      // Block 0 is mapped before the stop; block 1 has not been touched.
      try (Buffer first = zeroCopy.readBufferAt(0, 100)) {
        assertArrayEquals(TestData.slice(data, 0, 100), first.toByteArray());
      }
      HDFS.hdfs().cluster().shutdownDataNodes();
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        IOException e = assertThrows(IOException.class, () -> remote.readAt(0, 100));
        assertTrue(e.getMessage() != null && e.getMessage().contains(path), e.toString());
      });
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        IOException e = assertThrows(IOException.class, () -> zeroCopy.readBufferAt(BLOCK_SIZE, 100).close());
        assertTrue(e.getMessage() != null && e.getMessage().contains(path), e.toString());
      });
      // A block mapped before the stop stays readable: its file is still on this host's disk.
      try (Buffer again = zeroCopy.readBufferAt(200, 100)) {
        assertArrayEquals(TestData.slice(data, 200, 100), again.toByteArray());
      }
      assertEquals(200, zeroCopy.statistics().zeroCopyBytesRead());
    }
  }
}
