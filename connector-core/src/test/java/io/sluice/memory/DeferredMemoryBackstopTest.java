package io.sluice.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Memory held for views must not pile up: a loop that views large buffers and closes them (what
 * Sluice's own channel reads and writes do) stays within a bounded amount of deferred memory,
 * because the backstop asks for a collection past {@code sluice.memory.maxDeferredBytes}.
 */
class DeferredMemoryBackstopTest {
  @Test
  void deferredMemoryStaysBoundedInALoopOfViewsAndCloses() {
    MemoryPool pool = MemoryPools.forBackend("system");
    long requestsBefore = DeferredMemoryBackstop.collectionRequests();
    long maxDeferred = 0;
    for (int i = 0; i < 3000; i++) {
      try (MutableBuffer buffer = pool.allocate(1 << 20)) {
        ByteBuffer view = buffer.asByteBuffer();
        view.put(0, (byte) i);
      }
      maxDeferred = Math.max(maxDeferred, pool.deferredBytes());
    }
    assertEquals(0, pool.bytesAllocated(), "every close was accounted at once");
    assertTrue(DeferredMemoryBackstop.collectionRequests() > requestsBefore,
        "3 GiB of deferred views made the backstop ask for a collection");
    assertTrue(maxDeferred < 1024L << 20,
        "deferred memory stayed bounded (limit " + DeferredMemoryBackstop.LIMIT + "): peak " + maxDeferred);
  }
}
