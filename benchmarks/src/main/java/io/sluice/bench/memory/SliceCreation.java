package io.sluice.bench.memory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.sluice.bench.ForkFlags;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import java.nio.ByteBuffer;
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
 * Creating one zero-copy view of {@value #SLICE_LENGTH} bytes at a varying offset of a 1 MiB
 * off-heap buffer: Sluice {@code Buffer.slice(offset, length)}, {@code ByteBuffer.slice(index, length)}
 * (Java 13+) on a direct buffer, and Netty's {@code ByteBuf.slice(index, length)} on a pooled direct
 * buffer. Offsets come from a seeded table walked in a cycle, so neither the offset nor the
 * bounds check is a constant; the view is returned to JMH, so it must really be created.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.ARROW_OPENS_NIO, ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX})
public class SliceCreation {
  static final int BUFFER_SIZE = 1 << 20;
  static final int SLICE_LENGTH = 4096;
  /** Number of precomputed offsets; a power of two so the cycle index is a mask. */
  static final int OFFSET_COUNT = 1024;

  /** The competitors. */
  public enum Slicer {
    /** {@code MutableBuffer.slice(long, long)} on a buffer of Sluice's default pool. */
    SLUICE_BUFFER,
    /** {@code ByteBuffer.slice(int, int)} on {@code ByteBuffer.allocateDirect}. */
    JDK_DIRECT_BYTEBUFFER,
    /** {@code ByteBuf.slice(int, int)} on a Netty 4.2 pooled direct buffer. */
    NETTY_BYTEBUF
  }

  @Param
  public Slicer slicer;

  private MutableBuffer sluice;
  private ByteBuffer jdk;
  private ByteBuf netty;
  private final int[] offsets = offsets();
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    switch (slicer) {
      case SLUICE_BUFFER:
        sluice = MemoryPools.defaultPool().allocate(BUFFER_SIZE);
        break;
      case JDK_DIRECT_BYTEBUFFER:
        jdk = ByteBuffer.allocateDirect(BUFFER_SIZE);
        break;
      case NETTY_BYTEBUF:
        netty = PooledByteBufAllocator.DEFAULT.directBuffer(BUFFER_SIZE, BUFFER_SIZE);
        netty.writerIndex(BUFFER_SIZE);
        break;
      default:
        throw new IllegalArgumentException("unknown slicer " + slicer);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (sluice != null) {
      sluice.close();
    }
    if (netty != null) {
      netty.release();
    }
    jdk = null;
  }

  /** Seeded offsets in {@code [0, BUFFER_SIZE - SLICE_LENGTH]}, deliberately not aligned. */
  static int[] offsets() {
    Random random = new Random(42);
    int[] offsets = new int[OFFSET_COUNT];
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = random.nextInt(BUFFER_SIZE - SLICE_LENGTH + 1);
    }
    return offsets;
  }

  @Benchmark
  public Object slice() {
    int offset = offsets[next++ & (OFFSET_COUNT - 1)];
    switch (slicer) {
      case SLUICE_BUFFER:
        return sluice.slice(offset, SLICE_LENGTH);
      case JDK_DIRECT_BYTEBUFFER:
        return jdk.slice(offset, SLICE_LENGTH);
      case NETTY_BYTEBUF:
        return netty.slice(offset, SLICE_LENGTH);
      default:
        throw new IllegalStateException("unknown slicer " + slicer);
    }
  }

  MutableBuffer sluiceBuffer() {
    return sluice;
  }

  ByteBuffer jdkBuffer() {
    return jdk;
  }

  ByteBuf nettyBuffer() {
    return netty;
  }
}
