package io.sluice.hdfs;

import static io.sluice.hdfs.MiniHdfs.BLOCK_SIZE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.memory.Buffer;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.client.HdfsDataInputStream;
import org.apache.hadoop.hdfs.protocol.ExtendedBlock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Mapped replicas verified once per JVM (issue 10's HDFS cost): a later open of an unchanged
 * replica verifies nothing; the switch off verifies every open; a replica rewritten or corrupted
 * on disk (new file identity) is verified again and the corruption caught. What is verified is
 * seen through {@link MappedBlockChecksums#bytesVerifiedInProcess()}; each test uses its own file
 * (the record is process-wide, keyed by block).
 */
class VerifiedReplicaMemoTest {
  @RegisterExtension
  static final MiniHdfsExtension HDFS = MiniHdfsExtension.perClass(new MiniHdfs.Settings(1, true));

  private static FileSystem hadoop;

  @BeforeAll
  static void connect() throws IOException {
    hadoop = HDFS.hdfs().hadoopClient();
  }

  @AfterAll
  static void disconnect() throws IOException {
    hadoop.close();
  }

  /** Reads the file block by block with zero-copy views; returns the bytes verified meanwhile. */
  private static long readAllBlocks(HdfsOptions options, String path, byte[] data) throws IOException {
    long before = MappedBlockChecksums.bytesVerifiedInProcess();
    try (HadoopFileSystem fs = HadoopFileSystem.connect(options); HdfsFile file = fs.openInputFile(path)) {
      for (long at = 0; at < data.length; at += BLOCK_SIZE) {
        long length = Math.min(BLOCK_SIZE, data.length - at);
        try (Buffer view = file.readBufferAt(at, length)) {
          assertArrayEquals(TestData.slice(data, at, length), view.toByteArray(), "block at " + at);
        }
      }
      assertEquals(data.length, file.statistics().zeroCopyBytesRead(), "every block served zero-copy");
    }
    return MappedBlockChecksums.bytesVerifiedInProcess() - before;
  }

  private static File blockFile(String path, int index) throws IOException {
    ExtendedBlock block;
    try (FSDataInputStream in = hadoop.open(new Path(path))) {
      block = ((HdfsDataInputStream) in).getAllBlocks().get(index).getBlock();
    }
    return HDFS.hdfs().cluster().getBlockFile(0, block);
  }

  @Test
  void aSecondOpenOfAnUnchangedReplicaVerifiesNothing() throws Exception {
    byte[] data = TestData.random(2 * BLOCK_SIZE + 700, 31);
    String path = "/memo/unchanged.bin";
    TestData.write(hadoop, path, data);
    HdfsOptions options = HDFS.hdfs().options().build();
    assertTrue(options.rememberVerifiedReplicas(), "on by default");
    assertEquals(data.length, readAllBlocks(options, path, data), "first open: every byte verified once");
    assertEquals(0, readAllBlocks(options, path, data), "second open: remembered");
    assertEquals(0, readAllBlocks(HDFS.hdfs().options().build(), path, data), "another file system of the same JVM too");
  }

  @Test
  void withTheSwitchOffEveryOpenVerifiesAgain() throws Exception {
    byte[] data = TestData.random(2 * BLOCK_SIZE, 32);
    String path = "/memo/switch-off.bin";
    TestData.write(hadoop, path, data);
    HdfsOptions off = HDFS.hdfs().options().rememberVerifiedReplicas(false).build();
    assertEquals(data.length, readAllBlocks(off, path, data));
    assertEquals(data.length, readAllBlocks(off, path, data));
    // Opens that remember start from nothing: the switched-off opens left no record behind.
    HdfsOptions on = HDFS.hdfs().options().build();
    assertEquals(data.length, readAllBlocks(on, path, data));
    assertEquals(0, readAllBlocks(on, path, data));
  }

  @Test
  void aReplicaRewrittenInPlaceIsVerifiedAgain() throws Exception {
    byte[] data = TestData.random(2 * BLOCK_SIZE, 33);
    String path = "/memo/rewritten.bin";
    TestData.write(hadoop, path, data);
    HdfsOptions options = HDFS.hdfs().options().build();
    assertEquals(data.length, readAllBlocks(options, path, data));
    // The same bytes written over block 1's file: same size and content, new file times (written
    // after the verification's clock tick; file times advance in kernel clock ticks).
    TestData.waitForFileTimesToPass(blockFile(path, 1).toPath());
    try (RandomAccessFile block = new RandomAccessFile(blockFile(path, 1), "rw")) {
      block.seek(0);
      block.write(data, BLOCK_SIZE, 4096);
    }
    assertEquals(BLOCK_SIZE, readAllBlocks(options, path, data), "block 1 verified again, block 0 remembered");
    assertEquals(0, readAllBlocks(options, path, data));
  }

  @Test
  void aReplicaCorruptedAfterItsVerificationIsCaughtByTheNextOpen() throws Exception {
    byte[] data = TestData.random(2 * BLOCK_SIZE, 34);
    String path = "/memo/corrupted.bin";
    TestData.write(hadoop, path, data);
    HdfsOptions options = HDFS.hdfs().options().build();
    assertEquals(data.length, readAllBlocks(options, path, data));
    TestData.waitForFileTimesToPass(blockFile(path, 0).toPath());
    try (RandomAccessFile block = new RandomAccessFile(blockFile(path, 0), "rw")) {
      byte[] bytes = new byte[100];
      block.seek(1000);
      block.readFully(bytes);
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) ~bytes[i];
      }
      block.seek(1000);
      block.write(bytes);
    }
    try (HadoopFileSystem fs = HadoopFileSystem.connect(options); HdfsFile file = fs.openInputFile(path)) {
      // The only replica is corrupt: the zero-copy path refuses it, and so does the DataNode path.
      IOException e = assertThrows(IOException.class, () -> file.readBufferAt(0, BLOCK_SIZE).close());
      assertTrue(e.toString().contains("hecksum") || e.toString().contains("BlockMissing"), e.toString());
      assertEquals(0, file.statistics().zeroCopyBytesRead(), "no corrupt byte was handed out");
      try (Buffer intact = file.readBufferAt(BLOCK_SIZE, BLOCK_SIZE)) {
        assertArrayEquals(TestData.slice(data, BLOCK_SIZE, BLOCK_SIZE), intact.toByteArray(), "block 1 is intact");
      }
      assertEquals(BLOCK_SIZE, file.statistics().zeroCopyBytesRead());
    }
  }
}
