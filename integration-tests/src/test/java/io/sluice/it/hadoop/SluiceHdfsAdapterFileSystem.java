package io.sluice.it.hadoop;

import io.sluice.hdfs.HadoopFileSystem;
import io.sluice.hdfs.HdfsFile;
import io.sluice.hdfs.HdfsReadStatistics;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;

/**
 * A test-only Hadoop file system over HDFS whose {@link #open} serves files as Sluice
 * {@link HdfsFile}s (opened by a Sluice {@link HadoopFileSystem} on the same cluster and adapted by
 * {@link NativeFileFSInputStream}: Seekable, PositionedReadable and vectored reads through
 * {@code HdfsFile.readRanges}); everything else (create, list, rename, delete) is Hadoop's own
 * {@link DistributedFileSystem}. So Hadoop's seek/open/vectored-read contract tests exercise
 * Sluice's HDFS reader, zero-copy path included when the Sluice side allows short-circuit reads.
 *
 * <p>Every file it opens is remembered, so a test can prove afterwards that Sluice's files were the
 * ones exercised and which read paths served them.
 */
final class SluiceHdfsAdapterFileSystem extends DistributedFileSystem {
  private static final Queue<HdfsFile> OPENED = new ConcurrentLinkedQueue<>();

  private final HadoopFileSystem sluice;

  /** {@code sluice} must reach the cluster this file system is initialized with; closed with it. */
  SluiceHdfsAdapterFileSystem(HadoopFileSystem sluice) {
    this.sluice = sluice;
  }

  @Override
  public FSDataInputStream open(Path path, int bufferSize) throws IOException {
    String file = makeQualified(path).toUri().getPath();
    HdfsFile hdfsFile = sluice.openInputFile(file);
    OPENED.add(hdfsFile);
    return new FSDataInputStream(new NativeFileFSInputStream(hdfsFile));
  }

  @Override
  public void close() throws IOException {
    try {
      sluice.close();
    } finally {
      super.close();
    }
  }

  /** How many files were opened through Sluice so far (in this JVM). */
  static long opens() {
    return OPENED.size();
  }

  /** The read statistics of every file opened through Sluice so far, summed. */
  static HdfsReadStatistics totalStatistics() {
    long read = 0;
    long remote = 0;
    long shortCircuit = 0;
    long zeroCopy = 0;
    for (HdfsFile file : OPENED) {
      HdfsReadStatistics stats = file.statistics();
      read += stats.bytesRead();
      remote += stats.remoteBytesRead();
      shortCircuit += stats.shortCircuitBytesRead();
      zeroCopy += stats.zeroCopyBytesRead();
    }
    return new HdfsReadStatistics(read, remote, shortCircuit, zeroCopy);
  }
}
