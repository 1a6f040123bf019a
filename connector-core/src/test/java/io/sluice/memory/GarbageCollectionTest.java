package io.sluice.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** Buffers nobody closes give their memory back once they, and every view of them, are collected. */
class GarbageCollectionTest {

  @Test
  void droppedBuffersAreFreedAfterGc() throws InterruptedException {
    MemoryPool pool = MemoryPools.proxy(MemoryPools.forBackend("arena"));
    for (int i = 0; i < 100; i++) {
      pool.allocate(1000).setByte(0, (byte) i); // dropped without close
    }
    assertEquals(100 * 1024, pool.bytesAllocated());
    awaitZero(pool::bytesAllocated);
    assertEquals(0, pool.bytesAllocated());
  }

  @Test
  void aLiveSliceKeepsTheRootsMemory() throws InterruptedException {
    MemoryPool pool = MemoryPools.proxy(MemoryPools.systemPool());
    MutableBuffer root = pool.allocate(4096);
    root.setLong(4000, 1234);
    Buffer slice = root.slice(4000, 8);
    root = null;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertEquals(4096, pool.bytesAllocated(), "the slice still references the root");
    assertEquals(1234, slice.getLong(0));
    slice = null;
    awaitZero(pool::bytesAllocated);
    assertEquals(0, pool.bytesAllocated());
  }

  @Test
  void aLiveByteBufferViewKeepsTheMemory() throws InterruptedException {
    MemoryPool pool = MemoryPools.proxy(MemoryPools.systemPool());
    MutableBuffer root = pool.allocate(64);
    root.setLong(0, 99);
    java.nio.ByteBuffer view = root.asByteBuffer();
    root = null;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(20);
    }
    // The root was collected: its bytes count as released, but the view still holds the memory.
    assertEquals(0, pool.bytesAllocated());
    assertEquals(64, pool.deferredBytes());
    assertEquals(99, view.getLong(0));
    view = null;
    awaitZero(pool::deferredBytes);
  }

  private static void awaitZero(LongSupplier bytes) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (bytes.getAsLong() != 0 && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(20);
    }
    assertEquals(0, bytes.getAsLong(), "memory did not come back after garbage collection");
  }
}
