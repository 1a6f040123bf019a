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
 * The cost of {@code MemoryMappedFile.readBufferAt(0, n)} (then closing the view) for n from 4 KiB
 * to 1 GiB of a mapped 1 GiB file: a zero-copy view should cost the same at every size. The view's
 * first and last bytes are read so it is really usable.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX})
public class MmapReadBufferSize {
  @Param({"4096", "65536", "1048576", "16777216", "268435456", "1073741824"})
  public long size;

  private MemoryMappedFile map;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    map = MemoryMappedFile.open(BenchFile.ensure(1L << 30).toString(), "r");
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    map.close();
  }

  @Benchmark
  public int readBufferAt() throws IOException {
    try (Buffer view = map.readBufferAt(0, size)) {
      return view.getByte(0) + view.getByte(size - 1);
    }
  }
}
