package io.sluice.bench.local;

import io.sluice.bench.ForkFlags;
import io.sluice.local.MemoryMappedFile;
import io.sluice.memory.Buffer;
import java.io.IOException;
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
 * A sequential scan of a mapped 64 MiB file with {@code readBuffer(chunk)}: each operation reads
 * one chunk as a zero-copy view, reads its first and last long, and closes it; at the end of the
 * file the scan starts again. What a Parquet or Arrow IPC reader does over a memory map, and the
 * path the early unmapping of issue 10 (scenario 8) touches.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX})
public class MmapReadBufferScan {
  static final long FILE_SIZE = 64L << 20;

  @Param({"4096", "65536", "1048576"})
  public int chunk;

  private MemoryMappedFile map;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    map = MemoryMappedFile.open(BenchFile.ensure(FILE_SIZE).toString(), "r");
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    map.close();
  }

  @Benchmark
  public long readBuffer() throws IOException {
    if (map.tell() + chunk > FILE_SIZE) {
      map.seek(0);
    }
    try (Buffer view = map.readBuffer(chunk)) {
      return view.getLong(0) + view.getLong(chunk - 8);
    }
  }
}
