package io.sluice.bench.hdfs;

import io.sluice.hdfs.HadoopFileSystem;
import io.sluice.hdfs.HdfsFile;
import io.sluice.io.Range;
import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
 * 16 ranges of 1 MiB, one at a seeded random offset in each sixteenth of a {@code fileMiB} HDFS
 * file, in shuffled order, the file opened afresh per operation (16 MiB per operation; ops/s x 16
 * = MiB/s). JMH, 2 forks (it replaced connector-hdfs's former nanoTime harness, now removed).
 *
 * <ul>
 *   <li>{@code SEEK_AND_READ_INTO} [peer]: {@code seek} + {@code readInto} one range after the
 *       other, through the DataNode;</li>
 *   <li>{@code SLUICE_READ_RANGES}: {@code readRanges} through the DataNode;</li>
 *   <li>{@code SLUICE_READ_RANGES_ZERO_COPY}: {@code readRanges} over short-circuit reads (views of
 *       the mapped block files, checksums verified).</li>
 * </ul>
 * (The DataNode-path concurrency of {@code readRanges}/{@code readRangesAsync} is measured by
 * {@link HdfsRangeReads}.)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class HdfsScatteredReads {

  public enum Variant { SEEK_AND_READ_INTO, SLUICE_READ_RANGES, SLUICE_READ_RANGES_ZERO_COPY }

  @Param({"256"})
  public int fileMiB;

  @Param
  public Variant variant;

  private BenchCluster cluster;
  private HadoopFileSystem sluice;
  private MutableBuffer chunk;
  private List<Range> ranges;

  @Setup(Level.Trial)
  public void startCluster() throws IOException {
    long size = (long) fileMiB << 20;
    cluster = new BenchCluster(size);
    sluice = cluster.connect(variant == Variant.SLUICE_READ_RANGES_ZERO_COPY, false);
    chunk = MemoryPools.defaultPool().allocate(BenchCluster.CHUNK);
    Random random = new Random(7);
    long slot = size / 16;
    ranges = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      ranges.add(Range.of(i * slot + random.nextInt((int) Math.max(1, slot - BenchCluster.CHUNK)), BenchCluster.CHUNK));
    }
    Collections.shuffle(ranges, random);
  }

  @TearDown(Level.Trial)
  public void stopCluster() throws IOException {
    chunk.close();
    sluice.close();
    cluster.close();
  }

  /** Returns the bytes read plus a sum over them (one long per 4 KiB page). */
  @Benchmark
  public long sixteenRanges() throws IOException {
    long total = 0;
    try (HdfsFile file = sluice.openInputFile(BenchCluster.PATH)) {
      if (variant == Variant.SEEK_AND_READ_INTO) {
        for (Range range : ranges) {
          file.seek(range.offset());
          long n = 0;
          while (n < range.length()) {
            n += file.readInto(chunk.slice(n, range.length() - n));
          }
          total += n + HdfsSequentialReads.touch(chunk, n);
        }
        return total;
      }
      for (Buffer buffer : file.readRanges(ranges)) {
        try (buffer) {
          total += buffer.size() + HdfsSequentialReads.touch(buffer, buffer.size());
        }
      }
      return total;
    }
  }
}
