package io.sluice.bench.io;

import io.sluice.bench.ForkFlags;
import io.sluice.io.BufferReader;
import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code BufferReader.readBuffer(size)} from the start of a 1 GiB pool buffer, for sizes from
 * 1 MiB to 1 GiB: the read is a slice, so its cost must not depend on the size (a flat line).
 * {@link Read#COPY_TO_POOL} is what a reader that is not zero-copy pays for the same bytes (a pool
 * allocation plus a copy), shown for contrast.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.ARROW_OPENS_NIO, ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX})
public class ReadBufferZeroCopy {
  static final long SOURCE_SIZE = 1L << 30;

  /** The competitors. */
  public enum Read {
    /** {@code seek(0)} + {@code readBuffer(size)} on a {@code BufferReader}: a zero-copy slice. */
    SLUICE_BUFFER_READER,
    /** A new pool buffer of {@code size} bytes filled by copying the same range. */
    COPY_TO_POOL
  }

  @Param({"1048576", "16777216", "268435456", "1073741824"})
  public long size;

  @Param
  public Read read;

  private MutableBuffer source;
  private BufferReader reader;

  @Setup(Level.Trial)
  public void setUp() {
    source = MemoryPools.defaultPool().allocate(SOURCE_SIZE);
    for (long i = 0; i < SOURCE_SIZE; i += 4096) {
      source.setByte(i, (byte) (i >>> 12));
    }
    reader = new BufferReader(source);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    reader.close();
    source.close();
  }

  /**
   * Hands the buffer itself to the {@link Blackhole} (and returns a byte of its last page), so the
   * view object escapes and the JIT cannot scalar-replace it: {@code -prof gc} must show the bytes
   * a view really costs, not 0 B/op.
   */
  @Benchmark
  public byte readBuffer(Blackhole blackhole) throws IOException {
    if (read == Read.SLUICE_BUFFER_READER) {
      reader.seek(0);
      try (Buffer buffer = reader.readBuffer(size)) {
        blackhole.consume(buffer);
        return buffer.getByte(size - 4096);
      }
    }
    try (MutableBuffer copy = MemoryPools.defaultPool().allocate(size)) {
      copy.setBytes(0, source, 0, size);
      blackhole.consume(copy);
      return copy.getByte(size - 4096);
    }
  }
}
