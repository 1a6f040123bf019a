package io.sluice.bench.memory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.sluice.bench.ForkFlags;
import io.sluice.memory.MemoryPool;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.memory.unsafe.UnsafeAllocationManager;
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
 * One allocation of {@code size} bytes of off-heap memory followed at once by its release, the
 * pattern of short-lived IO buffers, for each allocator a Java user could pick.
 *
 * <p>{@link Allocator#JDK_DIRECT} has no explicit free: its memory comes back only when the
 * {@code ByteBuffer} is garbage collected (and the JDK zeroes each new buffer), so its score
 * includes that GC and {@code Cleaner} work, which is what a user of it pays.
 * The returned object goes to JMH's Blackhole, so no allocation can be optimised away.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.ARROW_OPENS_NIO, ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX})
public class AllocateFree {

  /** The competitors. */
  public enum Allocator {
    /** Sluice's size-class arena backend ({@code MemoryPools.forBackend("arena")}). */
    SLUICE_ARENA,
    /** Sluice's malloc-per-allocation backend ({@code MemoryPools.forBackend("system")}). */
    SLUICE_SYSTEM,
    /** Netty 4.2 {@code PooledByteBufAllocator.DEFAULT.directBuffer(n)} + {@code release()}. */
    NETTY_POOLED,
    /** Arrow Java {@code RootAllocator.buffer(n)} + {@code close()}, Unsafe allocation manager. */
    ARROW_ROOT,
    /** {@code ByteBuffer.allocateDirect(n)}, freed by the GC. */
    JDK_DIRECT
  }

  @Param({"64", "256", "1024", "4096", "65536", "1048576"})
  public int size;

  @Param
  public Allocator allocator;

  private Contender contender;

  @Setup(Level.Trial)
  public void setUp() {
    contender = Contender.of(allocator);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    contender.close();
  }

  @Benchmark
  public Object allocateAndFree() {
    return contender.allocateAndFree(size);
  }

  /** One allocator behind one call, so the benchmark method itself is the same for all of them. */
  abstract static class Contender implements AutoCloseable {
    /** Allocates {@code size} bytes, frees them, and returns the (released) buffer object. */
    abstract Object allocateAndFree(int size);

    /** Releases the allocator; fails if memory is still accounted as allocated (a leak in the benchmark). */
    @Override
    public void close() {}

    static Contender of(Allocator allocator) {
      switch (allocator) {
        case SLUICE_ARENA:
          return new SluiceContender(MemoryPools.forBackend("arena"));
        case SLUICE_SYSTEM:
          return new SluiceContender(MemoryPools.forBackend("system"));
        case NETTY_POOLED:
          return new NettyContender();
        case ARROW_ROOT:
          return new ArrowContender();
        case JDK_DIRECT:
          return new JdkDirectContender();
        default:
          throw new IllegalArgumentException("unknown allocator " + allocator);
      }
    }
  }

  static final class SluiceContender extends Contender {
    private final MemoryPool pool;
    private final long bytesBefore;

    SluiceContender(MemoryPool pool) {
      this.pool = pool;
      this.bytesBefore = pool.bytesAllocated();
    }

    @Override
    Object allocateAndFree(int size) {
      MutableBuffer buffer = pool.allocate(size);
      buffer.close();
      return buffer;
    }

    @Override
    public void close() {
      long leaked = pool.bytesAllocated() - bytesBefore;
      if (leaked != 0) {
        throw new IllegalStateException(pool.backendName() + " pool still holds " + leaked + " bytes");
      }
    }
  }

  static final class NettyContender extends Contender {
    private final PooledByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;

    @Override
    Object allocateAndFree(int size) {
      ByteBuf buffer = allocator.directBuffer(size);
      buffer.release();
      return buffer;
    }
  }

  static final class ArrowContender extends Contender {
    private final BufferAllocator root = new RootAllocator(RootAllocator.configBuilder()
        .allocationManagerFactory(UnsafeAllocationManager.FACTORY)
        .build());

    @Override
    Object allocateAndFree(int size) {
      ArrowBuf buffer = root.buffer(size);
      buffer.close();
      return buffer;
    }

    @Override
    public void close() {
      root.close(); // throws IllegalStateException naming the outstanding bytes, if any
    }
  }

  static final class JdkDirectContender extends Contender {
    @Override
    Object allocateAndFree(int size) {
      return ByteBuffer.allocateDirect(size);
    }
  }
}
