package io.sluice.bench.memory;

import io.sluice.bench.ForkFlags;
import io.sluice.memory.MemoryPool;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import java.nio.ByteBuffer;
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
 * What the safety of {@code ByteBuffer} views (issue 10, API.md Memory v0.2) costs on the paths
 * that do not use views and on view creation itself. Run the same class from a jar built before
 * and after the change, back to back, and compare (benchmarks/results/v02-memsafe.md).
 *
 * <ul>
 *   <li>{@link #allocateAndFree}: allocate {@code size} bytes and close at once (no view).</li>
 *   <li>{@link #asByteBuffer}: one more view of a buffer that already has views (the common case
 *       of an IO loop handing the same buffer to a channel again and again).</li>
 *   <li>{@link #allocateViewFree}: allocate, take one view, read a byte through it, close: the
 *       first view of an allocation, which is where the safe path does its extra work.</li>
 *   <li>{@link #jdkAllocateDirectPeer}: the JDK's direct buffer, which gives the same guarantee.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX})
public class ViewSafetyCost {
  @Param({"arena", "system"})
  public String pool;

  @Param({"64", "4096", "65536", "1048576"})
  public int size;

  private MemoryPool memoryPool;
  private MutableBuffer viewed;

  @Setup(Level.Trial)
  public void setUp() {
    memoryPool = MemoryPools.forBackend(pool);
    viewed = memoryPool.allocate(size);
    viewed.fill((byte) 1);
    viewed.asByteBuffer();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    viewed.close();
  }

  @Benchmark
  public Object allocateAndFree() {
    MutableBuffer buffer = memoryPool.allocate(size);
    buffer.close();
    return buffer;
  }

  @Benchmark
  public ByteBuffer asByteBuffer() {
    return viewed.asByteBuffer();
  }

  @Benchmark
  public byte allocateViewFree() {
    MutableBuffer buffer = memoryPool.allocate(size);
    try {
      return buffer.asByteBuffer().get(0);
    } finally {
      buffer.close();
    }
  }

  /**
   * The JDK's peer of {@link #allocateViewFree} with the same guarantee (memory stays valid while
   * a view is reachable): {@code ByteBuffer.allocateDirect}, read one byte, drop it. Its memory
   * also goes back only after the garbage collector found the buffer unreachable.
   */
  @Benchmark
  public byte jdkAllocateDirectPeer() {
    return ByteBuffer.allocateDirect(size).get(0);
  }
}
