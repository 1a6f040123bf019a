package io.sluice.hdfs;

import static io.sluice.hdfs.MiniHdfs.BLOCK_SIZE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.memory.Buffer;
import io.sluice.testing.ChildJvm;
import java.io.File;
import java.io.RandomAccessFile;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.client.HdfsDataInputStream;
import org.apache.hadoop.hdfs.protocol.ExtendedBlock;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 scenario 5: the last block of a file is mapped by a zero-copy reader, then shrinks under
 * it, either through HDFS {@code truncate} (the DataNode shrinks the finalized block file in place)
 * or on the DataNode's disk. The next zero-copy read must not hand the shrunken mapping to the
 * CRC32C intrinsic (SIGBUS); it falls back to the DataNode path and gives the post-truncate data
 * or an {@link java.io.IOException} naming the file. Each case runs in a child JVM with its own
 * MiniDFSCluster.
 */
class TruncatedMappedBlockTest {
  private static final String PATH = "/truncate/data.bin";
  /** Two blocks: the last one holds 40,000 bytes. */
  private static final int FILE_SIZE = BLOCK_SIZE + 40_000;
  /** After the truncate the last block holds 1,000 bytes: its first page of the block file only. */
  private static final int TRUNCATED_SIZE = BLOCK_SIZE + 1_000;

  @Test
  void hdfsTruncateOfAMappedBlockFallsBackToTheDataNodePath() {
    ChildJvm.Result result = ChildJvm.run(Scenario.class, Duration.ofSeconds(240), "hdfs-truncate");
    assertFalse(result.crashed(), result.describe());
    assertEquals(0, result.exitCode(), result.describe());
    List<String> lines = result.lines();
    assertTrue(lines.contains("first view: 512 bytes, equal true"), result.describe());
    assertTrue(lines.contains("truncated to " + TRUNCATED_SIZE), result.describe());
    // Past the new end: the range is gone. The DataNode path asks for the block under its old
    // generation stamp, which no DataNode holds any more: Hadoop's IOException naming the file.
    String failure = lines.stream().filter(line -> line.startsWith("past the new end: ")).findFirst().orElse("");
    assertTrue(failure.startsWith("past the new end: org.apache.hadoop.hdfs.BlockMissingException: Could not obtain block: ")
        && failure.contains("file=" + PATH), result.describe());
    // Inside the new end: the post-truncate content (the same bytes), never a stale or faulting view.
    assertTrue(lines.contains("inside the new end: 1000 bytes, equal true"), result.describe());
    assertTrue(lines.contains("reopened: size " + TRUNCATED_SIZE + ", last block equal true"), result.describe());
  }

  @Test
  void aBlockFileShrunkOnTheDataNodesDiskFailsWithAnIOExceptionNamingTheFile() {
    ChildJvm.Result result = ChildJvm.run(Scenario.class, Duration.ofSeconds(240), "shrink-block-file");
    assertFalse(result.crashed(), result.describe());
    assertEquals(0, result.exitCode(), result.describe());
    List<String> lines = result.lines();
    assertTrue(lines.contains("first view: 512 bytes, equal true"), result.describe());
    assertTrue(lines.contains("block file shrunk to 4096"), result.describe());
    String failure = lines.stream().filter(line -> line.startsWith("past the shrink: ")).findFirst().orElse("");
    // The only replica is damaged: Hadoop's DataNode path cannot serve the range either.
    assertTrue(failure.startsWith("past the shrink: org.apache.hadoop.hdfs.BlockMissingException: ")
        && failure.contains("file=" + PATH), result.describe());
    assertTrue(lines.contains("inside the shrink: 4096 bytes, equal true"), result.describe());
  }

  /** The dangerous part: a MiniDFSCluster, a zero-copy reader and a block that shrinks under it. */
  public static final class Scenario {
    public static void main(String[] args) throws Exception {
      String mode = args[0];
      byte[] data = TestData.random(FILE_SIZE, 5);
      try (MiniHdfs hdfs = MiniHdfs.start(new MiniHdfs.Settings(1, true));
          FileSystem hadoop = hdfs.hadoopClient()) {
        TestData.write(hadoop, PATH, data);
        ExtendedBlock lastBlock;
        try (FSDataInputStream in = hadoop.open(new Path(PATH))) {
          lastBlock = ((HdfsDataInputStream) in).getAllBlocks().get(1).getBlock();
        }
        try (HadoopFileSystem fs = hdfs.connect(); HdfsReadableFile file = fs.openInputFile(PATH)) {
          try (Buffer first = file.readBufferAt(BLOCK_SIZE, 512)) {
            System.out.println("first view: " + first.size() + " bytes, equal "
                + Arrays.equals(first.toByteArray(), TestData.slice(data, BLOCK_SIZE, 512)));
          }
          if (file.localBlocks().mappingOf(BLOCK_SIZE) == null) {
            throw new AssertionError("the last block was not mapped: the scenario tests nothing");
          }
          if (mode.equals("hdfs-truncate")) {
            truncate((DistributedFileSystem) hadoop, TRUNCATED_SIZE);
            System.out.println("truncated to " + TRUNCATED_SIZE);
            report("past the new end", file, BLOCK_SIZE + 8192, 20_000, data);
            report("inside the new end", file, BLOCK_SIZE, 1000, data);
            try (HdfsReadableFile reopened = fs.openInputFile(PATH); Buffer last = reopened.readBufferAt(BLOCK_SIZE, 1000)) {
              System.out.println("reopened: size " + reopened.size() + ", last block equal "
                  + Arrays.equals(last.toByteArray(), TestData.slice(data, BLOCK_SIZE, 1000)));
            }
          } else {
            File blockFile = hdfs.cluster().getBlockFile(0, lastBlock);
            try (RandomAccessFile raf = new RandomAccessFile(blockFile, "rw")) {
              raf.setLength(4096);
            }
            System.out.println("block file shrunk to 4096");
            report("past the shrink", file, BLOCK_SIZE + 8192, 20_000, data);
            report("inside the shrink", file, BLOCK_SIZE, 4096, data);
          }
        }
      }
      System.out.flush();
      // MiniDFSCluster leaves non-daemon threads behind; the outcome is printed, so leave now.
      Runtime.getRuntime().halt(0);
    }

    private static void truncate(DistributedFileSystem hadoop, long newLength) throws Exception {
      Path path = new Path(PATH);
      boolean done = hadoop.truncate(path, newLength);
      // Not on a block boundary: the NameNode recovers the last block in the background.
      for (int i = 0; !done && i < 600; i++) {
        Thread.sleep(100);
        done = hadoop.isFileClosed(path);
      }
      if (!done || hadoop.getFileStatus(path).getLen() != newLength) {
        throw new AssertionError("truncate did not finish: " + hadoop.getFileStatus(path));
      }
    }

    private static void report(String label, HdfsReadableFile file, long offset, int length, byte[] data) {
      try (Buffer buffer = file.readBufferAt(offset, length)) {
        System.out.println(label + ": " + buffer.size() + " bytes, equal "
            + Arrays.equals(buffer.toByteArray(), TestData.slice(data, offset, buffer.size())));
      } catch (Throwable e) {
        System.out.println(label + ": " + e.getClass().getName() + ": " + e.getMessage());
      }
    }
  }
}
