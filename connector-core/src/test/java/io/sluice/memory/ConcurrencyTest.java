package io.sluice.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 8 threads allocate, resize, slice, write, verify and free concurrently through one pool. Each
 * thread counts what it asked for; afterwards the pool's statistics must agree exactly.
 */
class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 2_000;

  @ParameterizedTest
  @ValueSource(strings = {"system", "arena"})
  void concurrentAllocationEndsAtZeroWithConsistentStatistics(String backend) throws Exception {
    MemoryPool pool = MemoryPools.proxy(MemoryPools.forBackend(backend));
    ExecutorService executor = Executors.newFixedThreadPool(THREADS);
    CyclicBarrier start = new CyclicBarrier(THREADS);
    List<Future<long[]>> results = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      long seed = t;
      results.add(executor.submit(() -> {
        start.await();
        return work(pool, new SplittableRandom(seed));
      }));
    }
    long allocations = 0;
    long totalBytes = 0;
    long largestHeldByOneThread = 0;
    for (Future<long[]> result : results) {
      long[] counts = result.get(2, TimeUnit.MINUTES);
      allocations += counts[0];
      totalBytes += counts[1];
      largestHeldByOneThread = Math.max(largestHeldByOneThread, counts[2]);
    }
    executor.shutdown();
    assertEquals(0, pool.bytesAllocated());
    assertEquals(allocations, pool.numAllocations());
    assertEquals(totalBytes, pool.totalBytesAllocated());
    assertTrue(pool.maxMemory() >= largestHeldByOneThread, pool.stats());
    assertTrue(pool.maxMemory() <= totalBytes, pool.stats());
  }

  /** Returns {allocations + reallocations, bytes allocated in total, most bytes held at once}. */
  private static long[] work(MemoryPool pool, SplittableRandom random) {
    long allocations = 0;
    long total = 0;
    long peak = 0;
    List<Buffer> held = new ArrayList<>();
    long heldBytes = 0;
    for (int round = 0; round < ROUNDS; round++) {
      int size = 1 + random.nextInt(random.nextBoolean() ? 256 : 200_000);
      long capacity = NativeMemory.alignedSize(size);
      if (random.nextInt(4) == 0) {
        ResizableBuffer buffer = pool.allocateResizable(size);
        allocations++;
        total += capacity;
        buffer.setByte(size - 1, (byte) round);
        int newSize = 1 + random.nextInt(300_000);
        long newCapacity = NativeMemory.alignedSize(newSize);
        buffer.resize(newSize);
        if (newCapacity > capacity) { // resize(n) only reallocates to grow
          allocations++;
          total += Math.max(0, newCapacity - capacity);
        }
        if (Math.min(size, newSize) == size) {
          assertEquals((byte) round, buffer.getByte(size - 1));
        }
        buffer.close();
        peak = Math.max(peak, heldBytes + Math.max(capacity, newCapacity));
      } else {
        MutableBuffer buffer = pool.allocate(size);
        allocations++;
        total += capacity;
        buffer.setByte(0, (byte) round);
        MutableBuffer slice = buffer.slice(0, 1);
        assertEquals((byte) round, slice.getByte(0));
        held.add(buffer);
        heldBytes += capacity;
        peak = Math.max(peak, heldBytes);
      }
      if (held.size() > 16 || random.nextInt(8) == 0) {
        for (Buffer buffer : held) {
          buffer.close();
        }
        held.clear();
        heldBytes = 0;
      }
    }
    held.forEach(Buffer::close);
    return new long[] {allocations, total, peak};
  }
}
