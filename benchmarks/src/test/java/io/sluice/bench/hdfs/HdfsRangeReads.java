package io.sluice.bench.hdfs;

import io.sluice.hdfs.HadoopFileSystem;
import io.sluice.hdfs.HdfsFile;
import io.sluice.hdfs.HdfsOptions;
import io.sluice.io.CacheOptions;
import io.sluice.io.Range;
import io.sluice.memory.Buffer;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileRange;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DFSClientFaultInjector;
import org.apache.hadoop.hdfs.MiniDFSCluster;
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
 * Issue 14: 16 scattered 1 MiB ranges of one HDFS file, read through a DataNode (no short-circuit,
 * so no local replica is used), on an in-process MiniDFSCluster started once per fork.
 *
 * <ul>
 *   <li>{@code SLUICE_READ_RANGES_ASYNC}: {@code readRangesAsync(ranges, CacheOptions.DEFAULT)},
 *       then every future joined (8 IO threads, the default);</li>
 *   <li>{@code SLUICE_READ_RANGES}: the synchronous {@code readRanges(ranges, CacheOptions.DEFAULT)},
 *       which now runs the remote reads concurrently on the same pool;</li>
 *   <li>{@code SERIAL_READ_BUFFER_AT} [peer]: one positional read after the other, which is what
 *       {@code readRanges} did on HDFS before (through Hadoop's serial {@code readVectored});</li>
 *   <li>{@code HADOOP_READ_VECTORED} [peer]: Hadoop's own {@code FSDataInputStream.readVectored}
 *       into direct buffers.</li>
 * </ul>
 * <p>{@code latencyMillis} adds a DataNode round trip to every positional read: the client sleeps
 * that long in Hadoop's own {@code DFSClientFaultInjector.readFromDatanodeDelay()} hook, which
 * {@code DFSInputStream} calls once per block fetch of a positional read (the hook Hadoop's tests use
 * for slow DataNodes). On this machine NameNode, DataNode and client share one JVM on loopback, so
 * without it a range costs only CPU; with it the benchmark shows what overlapping buys where a read
 * waits on a remote DataNode or a cold disk. Sleeping costs no CPU, so it models waiting, not work.
 *
 * <p>Each operation reads 16 MiB; ops/s x 16 = MiB/s. Lives in the test sources of {@code benchmarks}
 * (with the minicluster on the test class path) because the shaded benchmarks.jar does not carry
 * MiniDFSCluster.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class HdfsRangeReads {
  static final int RANGES = 16;
  static final int RANGE_SIZE = 1 << 20;
  static final long FILE_SIZE = 80L << 20;
  static final long BLOCK_SIZE = 16L << 20;

  public enum Variant { SLUICE_READ_RANGES_ASYNC, SLUICE_READ_RANGES, SERIAL_READ_BUFFER_AT, HADOOP_READ_VECTORED }

  @Param
  public Variant variant;

  /** Injected wait per DataNode fetch of a positional read, in milliseconds; 0 = none. */
  @Param({"0", "2"})
  public int latencyMillis;

  private DFSClientFaultInjector previousInjector;

  private File baseDir;
  private MiniDFSCluster cluster;
  private HadoopFileSystem sluice;
  private HdfsFile file;
  private FileSystem hadoop;
  private FSDataInputStream hadoopIn;
  private List<Range> ranges;

  @Setup(Level.Trial)
  public void startCluster() throws IOException {
    baseDir = new File(System.getProperty("java.io.tmpdir"), "sluice-bench-minidfs-" + UUID.randomUUID());
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.getPath());
    conf.set("dfs.client.context", "sluice-bench-" + UUID.randomUUID());
    conf.setLong("dfs.blocksize", BLOCK_SIZE);
    conf.setLong("dfs.block.scanner.volume.bytes.per.second", 0);
    conf.setBoolean("dfs.client.read.shortcircuit", false);
    cluster = new MiniDFSCluster.Builder(conf, baseDir).numDataNodes(1).build();
    cluster.waitActive();
    hadoop = cluster.getFileSystem();
    Path path = new Path("/bench/ranges.bin");
    byte[] chunk = new byte[1 << 20];
    new Random(14).nextBytes(chunk);
    try (FSDataOutputStream out = hadoop.create(path, (short) 1)) {
      for (long written = 0; written < FILE_SIZE; written += chunk.length) {
        out.write(chunk);
      }
    }
    // Scattered, unaligned, in shuffled order: 16 ranges spread over the 80 MiB (5 blocks).
    ranges = new ArrayList<>();
    long stride = (FILE_SIZE - RANGE_SIZE) / RANGES;
    for (int i = 0; i < RANGES; i++) {
      ranges.add(Range.of(i * stride + 4099L * i, RANGE_SIZE));
    }
    java.util.Collections.shuffle(ranges, new Random(3));
    sluice = HadoopFileSystem.connect(HdfsOptions.builder().host("127.0.0.1").port(cluster.getNameNodePort())
        .shortCircuit(false).replication(1).build());
    file = sluice.openInputFile(path.toString());
    hadoopIn = hadoop.open(path);
    previousInjector = DFSClientFaultInjector.get();
    if (latencyMillis > 0) {
      DFSClientFaultInjector.set(new DataNodeLatency(latencyMillis));
    }
  }

  /** Sleeps once per DataNode fetch, after the bytes arrived, as a slower link or disk would. */
  private static final class DataNodeLatency extends DFSClientFaultInjector {
    private final long millis;

    DataNodeLatency(long millis) {
      this.millis = millis;
    }

    @Override
    public void readFromDatanodeDelay() {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @TearDown(Level.Trial)
  public void stopCluster() throws IOException {
    DFSClientFaultInjector.set(previousInjector);
    file.close();
    sluice.close();
    hadoopIn.close();
    hadoop.close();
    cluster.shutdown(true);
    org.apache.hadoop.fs.FileUtil.fullyDelete(baseDir);
  }

  @Benchmark
  public long readSixteenRanges(Blackhole blackhole) throws Exception {
    long sum = 0;
    switch (variant) {
      case SLUICE_READ_RANGES_ASYNC -> {
        List<CompletableFuture<Buffer>> futures = file.readRangesAsync(ranges, CacheOptions.DEFAULT);
        for (CompletableFuture<Buffer> future : futures) {
          try (Buffer buffer = future.join()) {
            sum += consume(buffer);
          }
        }
      }
      case SLUICE_READ_RANGES -> {
        for (Buffer buffer : file.readRanges(ranges, CacheOptions.DEFAULT)) {
          try (buffer) {
            sum += consume(buffer);
          }
        }
      }
      case SERIAL_READ_BUFFER_AT -> {
        for (Range range : ranges) {
          try (Buffer buffer = file.readBufferAt(range.offset(), range.length())) {
            sum += consume(buffer);
          }
        }
      }
      case HADOOP_READ_VECTORED -> {
        List<FileRange> fileRanges = new ArrayList<>(ranges.size());
        for (Range range : ranges) {
          fileRanges.add(FileRange.createFileRange(range.offset(), (int) range.length()));
        }
        hadoopIn.readVectored(fileRanges, ByteBuffer::allocateDirect);
        for (FileRange range : fileRanges) {
          ByteBuffer data = range.getData().get();
          sum += data.remaining() + data.get(data.position()) + data.get(data.limit() - 1);
        }
      }
      default -> throw new IllegalStateException(String.valueOf(variant));
    }
    blackhole.consume(sum);
    return sum;
  }

  /** Touches the first and last byte so every range is really there. */
  private static long consume(Buffer buffer) {
    return buffer.size() + buffer.getByte(0) + buffer.getByte(buffer.size() - 1);
  }
}
