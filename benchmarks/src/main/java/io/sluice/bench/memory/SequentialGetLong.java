package io.sluice.bench.memory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.sluice.bench.ForkFlags;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * The sum of the little-endian {@code long} at every 8-byte offset of 64 MiB of off-heap memory
 * (one operation = one full pass), through each API's absolute, bounds-checked getter:
 * Sluice {@code Buffer.getLong}, a direct {@code ByteBuffer} in little-endian order, and Netty's
 * {@code ByteBuf.getLongLE}. The memory holds the same seeded random bytes for every reader, and the
 * sum is returned to JMH, so the loop cannot be folded away.
 *
 * <p>64 MiB is larger than the last-level cache, so that size mostly measures memory bandwidth; the
 * 256 KiB size fits in L2 and shows the cost of each getter's own checks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.ARROW_OPENS_NIO, ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX})
public class SequentialGetLong {
  static final long SEED = 0x51CE_5EEDL;

  /** The competitors. */
  public enum Reader {
    /** {@code MutableBuffer} from Sluice's default ({@code arena}) pool, {@code getLong(long)}. */
    SLUICE_BUFFER,
    /** {@code ByteBuffer.allocateDirect} with {@code ByteOrder.LITTLE_ENDIAN}, {@code getLong(int)}. */
    JDK_DIRECT_BYTEBUFFER,
    /** Netty 4.2 pooled direct {@code ByteBuf}, {@code getLongLE(int)}. */
    NETTY_BYTEBUF
  }

  @Param({"67108864", "262144"})
  public int size;

  @Param
  public Reader reader;

  private MutableBuffer sluice;
  private ByteBuffer jdk;
  private ByteBuf netty;

  @Setup(Level.Trial)
  public void setUp() {
    byte[] content = content(size);
    switch (reader) {
      case SLUICE_BUFFER:
        sluice = MemoryPools.defaultPool().allocate(size);
        sluice.setBytes(0, content);
        break;
      case JDK_DIRECT_BYTEBUFFER:
        jdk = ByteBuffer.allocateDirect(size).order(ByteOrder.LITTLE_ENDIAN);
        jdk.put(content).clear();
        break;
      case NETTY_BYTEBUF:
        netty = PooledByteBufAllocator.DEFAULT.directBuffer(size, size);
        netty.writeBytes(content);
        break;
      default:
        throw new IllegalArgumentException("unknown reader " + reader);
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

  /** The bytes every reader sums: the same in every fork. */
  static byte[] content(int size) {
    byte[] content = new byte[size];
    new Random(SEED).nextBytes(content);
    return content;
  }

  // Each fork runs one reader, so the switch always takes the same branch and the JIT compiles
  // only that loop, inlined, with one receiver type.

  @Benchmark
  public long sum() {
    switch (reader) {
      case SLUICE_BUFFER:
        return sumSluice(sluice);
      case JDK_DIRECT_BYTEBUFFER:
        return sumJdk(jdk);
      case NETTY_BYTEBUF:
        return sumNetty(netty);
      default:
        throw new IllegalStateException("unknown reader " + reader);
    }
  }

  static long sumSluice(MutableBuffer buffer) {
    long sum = 0;
    long end = buffer.size() - Long.BYTES;
    for (long i = 0; i <= end; i += Long.BYTES) {
      sum += buffer.getLong(i);
    }
    return sum;
  }

  static long sumJdk(ByteBuffer buffer) {
    long sum = 0;
    int end = buffer.capacity() - Long.BYTES;
    for (int i = 0; i <= end; i += Long.BYTES) {
      sum += buffer.getLong(i);
    }
    return sum;
  }

  static long sumNetty(ByteBuf buffer) {
    long sum = 0;
    int end = buffer.capacity() - Long.BYTES;
    for (int i = 0; i <= end; i += Long.BYTES) {
      sum += buffer.getLongLE(i);
    }
    return sum;
  }
}
