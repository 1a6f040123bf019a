package io.sluice.bench.engines;

import io.sluice.arrow.ArrowIpc;
import io.sluice.bench.ForkFlags;
import io.sluice.hdfs.HdfsFile;
import io.sluice.hdfs.HdfsReadStatistics;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.client.HdfsDataInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Issue 13: the Arrow IPC file of {@link ArrowIpcLocalScan} (written block-aligned: no batch crosses
 * a 128 MiB block) on a one-DataNode MiniDFSCluster whose only replica is local, opened and scanned
 * whole per operation:
 * <ul>
 *   <li>{@code SLUICE_HDFS_FILE}: {@link ArrowIpc#openFile} over Sluice's {@link HdfsFile} with
 *       short-circuit reads (batch buffers are views of the mapped block files, checksums verified
 *       once per open file);</li>
 *   <li>{@code SLUICE_HDFS_FILE_KEPT_OPEN}: the same over one {@link HdfsFile} opened at set-up:
 *       blocks stay mapped and each checksum chunk is verified once, by the set-up's first scan
 *       (what a long-lived reader sees; {@code SLUICE_HDFS_FILE} pays mapping and verification on
 *       every open);</li>
 *   <li>{@code ARROW_HADOOP_STREAM} [peer]: Arrow Java's {@link ArrowFileReader} over Hadoop's
 *       {@link FSDataInputStream} (through {@link HadoopStreamChannel}) from
 *       {@code DistributedFileSystem} without short-circuit: every byte through the DataNode.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {ForkFlags.ARROW_OPENS_NIO, ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
public class ArrowIpcHdfsScan {
  static final Path PATH = new Path("/bench/table.arrow");

  public enum Reader { SLUICE_HDFS_FILE, SLUICE_HDFS_FILE_KEPT_OPEN, ARROW_HADOOP_STREAM }

  @Param
  public Reader reader;

  @Param
  public Columns columns;

  private BenchHdfs hdfs;
  private BufferAllocator allocator;
  private HdfsFile keptOpen;
  private long fileLength;
  private long expected;

  @Setup(Level.Trial)
  public void writeFile() throws IOException {
    allocator = new RootAllocator();
    hdfs = BenchHdfs.start();
    java.nio.file.Path local = Files.createTempFile("sluice-bench-arrow-", ".arrow");
    try {
      ArrowTables.write(local.toString(), BenchHdfs.blockSize(), allocator);
      hdfs.hadoopRemote().copyFromLocalFile(true, true, new Path(local.toUri()), PATH);
      fileLength = hdfs.hadoopRemote().getFileStatus(PATH).getLen();
      keptOpen = hdfs.sluice().openInputFile(PATH.toString());
      expected = BenchTable.expectedScan(BenchTable.expectedChecksums(BenchTable.rows()), columns);
      checkSameWorkAndPath();
    } catch (IOException | RuntimeException e) {
      if (keptOpen != null) {
        keptOpen.close();
      }
      hdfs.close();
      throw e;
    } finally {
      Files.deleteIfExists(local);
    }
  }

  @TearDown(Level.Trial)
  public void deleteFile() throws IOException {
    keptOpen.close();
    hdfs.close();
    allocator.close();
  }

  @Benchmark
  public long scan(Blackhole blackhole) throws IOException {
    long sum = scanOnce();
    blackhole.consume(sum);
    return sum;
  }

  long scanOnce() throws IOException {
    switch (reader) {
      case SLUICE_HDFS_FILE -> {
        try (HdfsFile file = hdfs.sluice().openInputFile(PATH.toString());
            ArrowFileReader arrow = ArrowIpc.openFile(file, allocator)) {
          return ArrowTables.scan(arrow, columns);
        }
      }
      case SLUICE_HDFS_FILE_KEPT_OPEN -> {
        try (ArrowFileReader arrow = ArrowIpc.openFile(keptOpen, allocator)) {
          return ArrowTables.scan(arrow, columns);
        }
      }
      case ARROW_HADOOP_STREAM -> {
        try (ArrowFileReader arrow = new ArrowFileReader(
            new HadoopStreamChannel(hdfs.hadoopRemote().open(PATH), fileLength), allocator)) {
          return ArrowTables.scan(arrow, columns);
        }
      }
      default -> throw new IllegalStateException(String.valueOf(reader));
    }
  }

  /** Fails the trial unless the scan gives the generator's sums by the path the variant names. */
  private void checkSameWorkAndPath() throws IOException {
    long sum = scanOnce();
    if (sum != expected) {
      throw new IllegalStateException(reader + " " + columns + " summed " + sum + ", the generator " + expected);
    }
    if (reader != Reader.ARROW_HADOOP_STREAM) {
      try (HdfsFile file = hdfs.sluice().openInputFile(PATH.toString());
          ArrowFileReader arrow = ArrowIpc.openFile(file, allocator)) {
        ArrowTables.scan(arrow, columns);
        HdfsReadStatistics stats = file.statistics();
        if (stats.remoteBytesRead() != 0 || stats.zeroCopyBytesRead() < fileLength / 2) {
          throw new IllegalStateException("Sluice's batches were not zero-copy views of the local blocks: " + stats);
        }
      }
    } else {
      try (FSDataInputStream in = hdfs.hadoopRemote().open(PATH)) {
        in.readFully(0, new byte[1 << 20]);
        long shortCircuit = ((HdfsDataInputStream) in).getReadStatistics().getTotalShortCircuitBytesRead();
        if (shortCircuit != 0) {
          throw new IllegalStateException("Hadoop's client read " + shortCircuit + " bytes short-circuit");
        }
      }
    }
  }
}
