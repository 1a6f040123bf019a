package io.sluice.memory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps memory held for {@code ByteBuffer} views from growing without bound.
 *
 * <p>Memory under a view that outlived its buffer is freed once the view is garbage collected
 * ({@link MemoryState}). Off-heap bytes do not make the heap fuller, so a loop that makes views of
 * large buffers and closes them (Sluice's own reads and writes do, for the JDK's channels) could
 * hold gigabytes before a collection happens to run. Like the JDK for direct buffers
 * ({@code java.nio.Bits.reserveMemory}), this asks for a collection once more than
 * {@code sluice.memory.maxDeferredBytes} (default 256 MiB) are waiting: at most every 20 ms, unless
 * another such amount piled up since the last request. The requesting thread then frees what the
 * collector found unreachable itself (waiting at most about 100 ms for the limit to be met), so a
 * fast loop cannot run far ahead of the frees. With
 * {@code -XX:+DisableExplicitGC} the request does nothing and deferred memory waits for the next
 * ordinary collection.
 */
final class DeferredMemoryBackstop {
  static final String PROPERTY = "sluice.memory.maxDeferredBytes";
  static final long LIMIT = limit();
  private static final long MIN_INTERVAL_NANOS = 20_000_000L;

  /** Deferred bytes of every pool (root pools only: wrappers forward to their parent). */
  private static final AtomicLong DEFERRED = new AtomicLong();
  private static final AtomicLong LAST_REQUEST = new AtomicLong(System.nanoTime() - MIN_INTERVAL_NANOS);
  private static final AtomicLong REQUESTS = new AtomicLong();
  /** What was still waiting once the last request had freed what it could. */
  private static final AtomicLong DEFERRED_AT_LAST_REQUEST = new AtomicLong();

  private DeferredMemoryBackstop() {}

  static void deferred(long bytes) {
    long total = DEFERRED.addAndGet(bytes);
    if (total > LIMIT) {
      requestCollection(total);
    }
  }

  static void freed(long bytes) {
    DEFERRED.addAndGet(-bytes);
  }

  /** How many collections were asked for so far (for tests and stats). */
  static long collectionRequests() {
    return REQUESTS.get();
  }

  private static void requestCollection(long total) {
    long now = System.nanoTime();
    long last = LAST_REQUEST.get();
    boolean due = now - last >= MIN_INTERVAL_NANOS || total >= DEFERRED_AT_LAST_REQUEST.get() + LIMIT;
    if (!due || !LAST_REQUEST.compareAndSet(last, now)) {
      return; // one thread asks; the others go on
    }
    REQUESTS.incrementAndGet();
    System.gc();
    // Free what the collection found on this thread too, so the cleaner thread's pace does not
    // decide how far ahead of the frees a fast loop can get; give up after about 100 ms.
    for (int attempt = 0; attempt < 100 && DEFERRED.get() > LIMIT; attempt++) {
      if (MemoryCleaner.runPending() == 0) {
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    DEFERRED_AT_LAST_REQUEST.set(DEFERRED.get());
  }

  private static long limit() {
    String value = System.getProperty(PROPERTY);
    if (value == null || value.isBlank()) {
      return 256L << 20;
    }
    try {
      long parsed = Long.parseLong(value.trim());
      if (parsed >= 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // fall through to the warning
    }
    System.err.println("sluice: ignoring " + PROPERTY + "=" + value + " (not a byte count >= 0); using 268435456");
    return 256L << 20;
  }
}
