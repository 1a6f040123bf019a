package io.sluice.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MemoryCleanerTest {

  @Test
  void cancelSucceedsOnceAndStopsTheAction() {
    AtomicInteger runs = new AtomicInteger();
    Buffer owner = Buffer.wrap(new byte[1]);
    MemoryCleaner.Registration registration = MemoryCleaner.register(owner, runs::incrementAndGet);
    assertTrue(registration.cancel());
    assertFalse(registration.cancel());
    assertEquals(0, runs.get());
  }

  @Test
  void actionsOfCollectedOwnersRunExactlyOnceAndCancelledOnesNever() throws InterruptedException {
    AtomicInteger uncancelledRuns = new AtomicInteger();
    AtomicInteger cancelledRuns = new AtomicInteger();
    List<MemoryCleaner.Registration> cancelled = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      MemoryCleaner.register(Buffer.wrap(new byte[1]), uncancelledRuns::incrementAndGet);
      MemoryCleaner.Registration registration =
          MemoryCleaner.register(Buffer.wrap(new byte[1]), cancelledRuns::incrementAndGet);
      assertTrue(registration.cancel());
    }
    for (int attempt = 0; attempt < 200 && uncancelledRuns.get() < 100; attempt++) {
      System.gc();
      Thread.sleep(10);
    }
    Thread.sleep(50); // give a wrongly enqueued cancelled registration time to show up
    assertEquals(100, uncancelledRuns.get());
    assertEquals(0, cancelledRuns.get());
  }

  @Test
  void closedPoolBuffersThatAreCollectedAreNotFreedTwice() throws InterruptedException {
    MemoryPool pool = MemoryPools.proxy(MemoryPools.systemPool());
    for (int i = 0; i < 1000; i++) {
      pool.allocate(100).close();
    }
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertEquals(0, pool.bytesAllocated());
    assertEquals(1000, pool.numAllocations());
  }
}
