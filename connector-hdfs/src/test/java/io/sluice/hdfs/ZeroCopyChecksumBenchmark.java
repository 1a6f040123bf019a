package io.sluice.hdfs;

import io.sluice.memory.Buffer;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
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
 * Issue 10's measurement of the HDFS zero-copy read with checksums: the safe route (CRC32C over a
 * heap copy of each 16 KiB of the mapping, so a block file that shrinks is an InternalError, not
 * SIGBUS; and the first safe route's 64 KiB copy step) against the route before it (CRC32C straight over the mapping, kept behind the
 * benchmark-only switch {@link MappedBlockChecksums#inPlaceChecksumsForBenchmark}), with checksums
 * skipped as the ceiling. Each operation opens the file afresh and reads it whole with {@code readBuffer(1 MiB)}, touching one long per
 * 4 KiB page of each view. The cluster (one DataNode, short-circuit reads) runs in the fork,
 * started in a trial-level setup; the block files are in the page cache after the warm-up.
 *
 * <p>{@code REMEMBERED_ONCE_PER_JVM} is the default route since mem2: the first open verifies
 * every chunk (through the 16 KiB heap copy) and later opens of the unchanged replicas verify
 * nothing ({@link VerifiedReplicas}). The other safe and in-place routes run with
 * {@code rememberVerifiedReplicas(false)}, so every open verifies every chunk, as before mem2.
 *
 * <p>Run from connector-hdfs with the test class path (see benchmarks/results/v02-mapsafe.md):
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) org.openjdk.jmh.Main ZeroCopyChecksumBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(2)
public class ZeroCopyChecksumBenchmark {
  private static final String PATH = "/bench/zero-copy.bin";
  private static final long FILE_SIZE = 128L << 20;
  private static final long BLOCK_SIZE = 32L << 20;
  private static final int READ_SIZE = 1 << 20;

  /** Which verification runs: today's safe one (16 KiB copy step), the first safe one (64 KiB), the in-place one before them, or none. */
  public enum Route {
    REMEMBERED_ONCE_PER_JVM, SAFE_HEAP_COPY_16K, SAFE_HEAP_COPY_64K, IN_PLACE_BEFORE_ISSUE_10, CHECKSUMS_SKIPPED
  }

  @Param
  public Route route;

  private MiniHdfs hdfs;
  private HadoopFileSystem fs;

  @Setup(Level.Trial)
  public void startCluster() throws IOException {
    hdfs = MiniHdfs.start(new MiniHdfs.Settings(1, true));
    try (FileSystem hadoop = hdfs.hadoopClient();
        FSDataOutputStream out = hadoop.create(new org.apache.hadoop.fs.Path(PATH), true, 1 << 20, (short) 1, BLOCK_SIZE)) {
      byte[] chunk = new byte[1 << 20];
      Random random = new Random(1);
      for (long written = 0; written < FILE_SIZE; written += chunk.length) {
        random.nextBytes(chunk);
        out.write(chunk);
      }
    }
    HdfsOptions.Builder options = hdfs.options().shortCircuit(true).defaultBlockSize(BLOCK_SIZE)
        .rememberVerifiedReplicas(route == Route.REMEMBERED_ONCE_PER_JVM);
    if (route == Route.CHECKSUMS_SKIPPED) {
      options.extraConf("dfs.client.read.shortcircuit.skip.checksum", "true");
    }
    fs = HadoopFileSystem.connect(options.build());
    MappedBlockChecksums.inPlaceChecksumsForBenchmark = route == Route.IN_PLACE_BEFORE_ISSUE_10;
    MappedBlockChecksums.copyChunkBytesForBenchmark =
        route == Route.SAFE_HEAP_COPY_64K ? 64 * 1024 : MappedBlockChecksums.COPY_CHUNK_BYTES;
  }

  @TearDown(Level.Trial)
  public void stopCluster() throws IOException {
    MappedBlockChecksums.inPlaceChecksumsForBenchmark = false;
    MappedBlockChecksums.copyChunkBytesForBenchmark = MappedBlockChecksums.COPY_CHUNK_BYTES;
    fs.close();
    hdfs.close();
  }

  @Benchmark
  public long readWholeFileZeroCopy() throws IOException {
    long sum = 0;
    try (HdfsFile file = fs.openInputFile(PATH)) {
      while (true) {
        try (Buffer view = file.readBuffer(READ_SIZE)) {
          if (view.size() == 0) {
            break;
          }
          for (long page = 0; page < view.size(); page += 4096) {
            sum += view.getByte(page);
          }
        }
      }
      if (file.statistics().zeroCopyBytesRead() != FILE_SIZE) {
        throw new IllegalStateException("not the zero-copy path: " + file.statistics());
      }
    }
    return sum;
  }
}
