package io.sluice.bench.io;

import io.sluice.bench.ForkFlags;
import io.sluice.io.BufferReader;
import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 4 KiB reads at random 4 KiB-aligned offsets of a 256 MiB in-memory file, from 8 threads sharing
 * one file: Sluice's positional reads on one shared {@code BufferReader} (thread-safe, no lock)
 * against the JDK idiom of one {@code ByteBuffer.duplicate()} per thread. Every competitor
 * delivers the 4 KiB into a {@code byte[]}; {@link Read#SLUICE_READ_AT} allocates that array
 * itself (its API returns a new one), the others fill a per-thread array.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Threads(8)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.ARROW_OPENS_NIO, ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX})
public class ReadAtRandom {
  static final long FILE_SIZE = 256L << 20;
  static final int READ_SIZE = 4096;

  /** The competitors. */
  public enum Read {
    /** {@code file.readAt(offset, 4096)}: a new {@code byte[]} per read. */
    SLUICE_READ_AT,
    /** {@code file.readBufferAt(offset, 4096)} (a slice) then {@code getBytes} into the thread's array. */
    SLUICE_READ_BUFFER_AT,
    /** A {@code ByteBuffer.duplicate()} per thread: {@code position(offset).get(array)}. */
    BYTEBUFFER_DUPLICATE
  }

  /** The file every thread reads. */
  @State(Scope.Benchmark)
  public static class SharedFile {
    @Param
    public Read read;

    MutableBuffer source;
    BufferReader file;
    ByteBuffer view;

    @Setup(Level.Trial)
    public void setUp() {
      source = MemoryPools.defaultPool().allocate(FILE_SIZE);
      for (long i = 0; i < FILE_SIZE; i += 8) {
        source.setLong(i, i * 0x9E3779B97F4A7C15L); // every byte position differs
      }
      file = new BufferReader(source);
      view = source.asByteBuffer();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      file.close();
      source.close();
    }
  }

  /** What each thread owns. */
  @State(Scope.Thread)
  public static class PerThread {
    SplittableRandom random = new SplittableRandom();
    final byte[] dst = new byte[READ_SIZE];
    ByteBuffer duplicate;

    @Setup(Level.Trial)
    public void setUp(SharedFile shared) {
      duplicate = shared.view.duplicate();
    }

    long nextOffset() {
      return (long) random.nextInt((int) (FILE_SIZE / READ_SIZE)) * READ_SIZE;
    }
  }

  /** Returns one byte of what was read, so the read cannot be skipped. */
  @Benchmark
  public byte read4k(SharedFile shared, PerThread thread) throws IOException {
    long offset = thread.nextOffset();
    switch (shared.read) {
      case SLUICE_READ_AT:
        return shared.file.readAt(offset, READ_SIZE)[READ_SIZE - 1];
      case SLUICE_READ_BUFFER_AT:
        try (Buffer slice = shared.file.readBufferAt(offset, READ_SIZE)) {
          slice.getBytes(0, thread.dst, 0, READ_SIZE);
        }
        return thread.dst[READ_SIZE - 1];
      case BYTEBUFFER_DUPLICATE:
        thread.duplicate.position((int) offset);
        thread.duplicate.get(thread.dst);
        return thread.dst[READ_SIZE - 1];
      default:
        throw new IllegalArgumentException("unknown read " + shared.read);
    }
  }
}
