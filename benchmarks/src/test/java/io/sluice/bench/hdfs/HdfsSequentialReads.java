package io.sluice.bench.hdfs;

import io.sluice.hdfs.HadoopFileSystem;
import io.sluice.hdfs.HdfsFile;
import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
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

/**
 * One sequential pass over a {@code fileMiB} HDFS file in 1 MiB chunks, the file opened afresh per
 * operation; every variant touches one long per 4 KiB page of each chunk (so a mapping's pages are
 * really faulted in). JMH, 2 forks, a MiniDFSCluster per trial (it replaced connector-hdfs's
 * former nanoTime harness, now removed).
 *
 * <ul>
 *   <li>{@code HADOOP_READ_BYTEBUFFER} [peer]: {@code FSDataInputStream.read(ByteBuffer)} into a
 *       direct buffer, through the DataNode (a client of its own with short-circuit reads off);</li>
 *   <li>{@code HADOOP_SHORT_CIRCUIT_READ_BYTEBUFFER} [peer]: the same with Hadoop's legacy local
 *       block reader (the peer of the short-circuit and zero-copy variants);</li>
 *   <li>{@code SLUICE_READ_INTO}, {@code SLUICE_READ_BUFFER}: {@code HdfsFile.readInto} /
 *       {@code readBuffer} through the DataNode;</li>
 *   <li>{@code SLUICE_SHORT_CIRCUIT_READ_INTO}: {@code readInto} from the local block files
 *       (a copy);</li>
 *   <li>{@code SLUICE_ZERO_COPY_READ_BUFFER} and {@code SLUICE_ZERO_COPY_READ_BUFFER_NO_CHECKSUM}:
 *       {@code readBuffer} as views of the mapped block files, checksums verified or skipped.</li>
 * </ul>
 * ops/s x fileMiB = MiB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class HdfsSequentialReads {

  public enum Variant {
    HADOOP_READ_BYTEBUFFER, HADOOP_SHORT_CIRCUIT_READ_BYTEBUFFER, SLUICE_READ_INTO, SLUICE_READ_BUFFER, SLUICE_SHORT_CIRCUIT_READ_INTO,
    SLUICE_ZERO_COPY_READ_BUFFER, SLUICE_ZERO_COPY_READ_BUFFER_NO_CHECKSUM
  }

  @Param({"256"})
  public int fileMiB;

  @Param
  public Variant variant;

  private BenchCluster cluster;
  private HadoopFileSystem sluice;
  private FileSystem hadoop;
  private MutableBuffer chunk;
  private ByteBuffer direct;

  @Setup(Level.Trial)
  public void startCluster() throws IOException {
    cluster = new BenchCluster((long) fileMiB << 20);
    switch (variant) {
      case HADOOP_READ_BYTEBUFFER -> hadoop = cluster.hadoopClient(false);
      case HADOOP_SHORT_CIRCUIT_READ_BYTEBUFFER -> hadoop = cluster.hadoopClient(true);
      case SLUICE_READ_INTO, SLUICE_READ_BUFFER -> sluice = cluster.connect(false, false);
      case SLUICE_SHORT_CIRCUIT_READ_INTO, SLUICE_ZERO_COPY_READ_BUFFER -> sluice = cluster.connect(true, false);
      case SLUICE_ZERO_COPY_READ_BUFFER_NO_CHECKSUM -> sluice = cluster.connect(true, true);
    }
    chunk = MemoryPools.defaultPool().allocate(BenchCluster.CHUNK);
    direct = ByteBuffer.allocateDirect(BenchCluster.CHUNK);
  }

  @TearDown(Level.Trial)
  public void stopCluster() throws IOException {
    chunk.close();
    if (sluice != null) {
      sluice.close();
    }
    if (hadoop != null) {
      hadoop.close();
    }
    cluster.close();
  }

  /** Returns the bytes read plus a sum over them, so no read can be skipped. */
  @Benchmark
  public long pass() throws IOException {
    switch (variant) {
      case HADOOP_READ_BYTEBUFFER:
      case HADOOP_SHORT_CIRCUIT_READ_BYTEBUFFER:
        return hadoopPass();
      case SLUICE_READ_INTO:
      case SLUICE_SHORT_CIRCUIT_READ_INTO:
        return readIntoPass();
      default:
        return readBufferPass();
    }
  }

  private long hadoopPass() throws IOException {
    long total = 0;
    try (FSDataInputStream in = hadoop.open(new Path(BenchCluster.PATH))) {
      while (true) {
        direct.clear();
        int n = in.read(direct);
        if (n < 0) {
          return total;
        }
        total += n;
        for (int i = 0; i + 8 <= n; i += 4096) {
          total += direct.getLong(i);
        }
      }
    }
  }

  private long readIntoPass() throws IOException {
    long total = 0;
    try (HdfsFile file = sluice.openInputFile(BenchCluster.PATH)) {
      long n;
      while ((n = file.readInto(chunk)) > 0) {
        total += n + touch(chunk, n);
      }
    }
    return total;
  }

  private long readBufferPass() throws IOException {
    long total = 0;
    try (HdfsFile file = sluice.openInputFile(BenchCluster.PATH)) {
      while (true) {
        try (Buffer buffer = file.readBuffer(BenchCluster.CHUNK)) {
          if (buffer.size() == 0) {
            return total;
          }
          total += buffer.size() + touch(buffer, buffer.size());
        }
      }
    }
  }

  static long touch(Buffer buffer, long length) {
    long sum = 0;
    for (long i = 0; i + 8 <= length; i += 4096) {
      sum += buffer.getLong(i);
    }
    return sum;
  }
}
