package io.sluice.bench.memory;

import io.sluice.bench.ForkFlags;
import io.sluice.local.OSFile;
import io.sluice.memory.MemoryPool;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Sluice's own IO on a fresh pool buffer, the pattern of every reader that allocates per read:
 * allocate {@code size} bytes, fill it with {@code OSFile.readInto(MutableBuffer)} (a positional
 * read of a small file in the page cache) or write it with {@code OSFile.write(Buffer)} to
 * {@code /dev/null}, close. Before issue 10 these paths handed the channel a plain ByteBuffer
 * view; with issue 10's anchored views every such buffer waited for the garbage collector after
 * close; with scoped views (memcost) the block goes back at close again. Same class in jars
 * built at each commit, run back to back (benchmarks/results/v02-memcost.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 2, jvmArgsAppend = {ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX})
public class InternalIoCost {
  @Param({"arena", "system"})
  public String pool;

  @Param({"4096", "65536"})
  public int size;

  private MemoryPool memoryPool;
  private Path file;
  private OSFile in;
  private OSFile devNull;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    memoryPool = MemoryPools.forBackend(pool);
    file = Files.createTempFile("sluice-internal-io", ".bin");
    Files.write(file, new byte[size]);
    in = new OSFile(file.toString(), "rb");
    devNull = new OSFile("/dev/null", "wb");
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    in.close();
    devNull.close();
    Files.deleteIfExists(file);
  }

  @Benchmark
  public long allocateReadIntoFree() throws IOException {
    try (MutableBuffer buffer = memoryPool.allocate(size)) {
      in.seek(0);
      return in.readInto(buffer) + buffer.getByte(size - 1);
    }
  }

  @Benchmark
  public long allocateWriteFree() throws IOException {
    try (MutableBuffer buffer = memoryPool.allocate(size)) {
      buffer.setByte(0, (byte) 1);
      return devNull.write(buffer);
    }
  }
}
