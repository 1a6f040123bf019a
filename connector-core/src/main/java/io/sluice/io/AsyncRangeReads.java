package io.sluice.io;

import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The asynchronous reads of {@link NativeFile#readAsync} and {@link NativeFile#readRangesAsync}:
 * each (merged) read is one task on the {@link IoThreadPool}, and the caller's ranges are cut out
 * of its buffer when it arrives, exactly as the synchronous {@code readRanges} cuts them.
 */
final class AsyncRangeReads {
  private AsyncRangeReads() {}

  /** One positional read of a range already clamped to the file, on the pool. */
  static CompletableFuture<Buffer> readOnPool(NativeFile file, long offset, long length) {
    CompletableFuture<Buffer> result = new CompletableFuture<>();
    IoThreadPool.executor().execute(() -> {
      Buffer buffer;
      try {
        buffer = file.readBufferAt(offset, length);
      } catch (Throwable e) {
        result.completeExceptionally(e);
        return;
      }
      if (!result.complete(buffer)) {
        buffer.close(); // cancelled meanwhile: nobody will take it
      }
    });
    return result;
  }

  /** Starts (or, lazily, prepares) the reads of {@code plan}; one future per requested range. */
  static List<CompletableFuture<Buffer>> start(NativeFile file, RangeCoalescer plan, CacheOptions options,
      MemoryPool pool) {
    List<Range> reads = plan.reads();
    List<MergedRead> tasks = new ArrayList<>(reads.size());
    for (int k = 0; k < reads.size(); k++) {
      tasks.add(new MergedRead(file, plan, reads.get(k), pool));
    }
    List<CompletableFuture<Buffer>> results = new ArrayList<>(plan.requestedCount());
    for (int i = 0; i < plan.requestedCount(); i++) {
      int k = plan.readOf(i);
      CompletableFuture<Buffer> result = options.lazy()
          ? new LazyResult(() -> startFrom(tasks, k, options.prefetchLimit()))
          : new CompletableFuture<>();
      tasks.get(k).serve(i, result);
      results.add(result);
    }
    if (!options.lazy()) {
      tasks.forEach(MergedRead::start);
    }
    return results;
  }

  /** Starts read {@code k} and the {@code prefetch} reads after it in file order. */
  private static void startFrom(List<MergedRead> tasks, int k, int prefetch) {
    long last = Math.min(tasks.size() - 1L, (long) k + prefetch);
    for (int j = k; j <= last; j++) {
      tasks.get(j).start();
    }
  }

  /** One read of the plan and the requested ranges it serves. */
  private static final class MergedRead {
    private final NativeFile file;
    private final RangeCoalescer plan;
    private final Range range;
    private final MemoryPool pool;
    private final List<Integer> requestIndexes = new ArrayList<>();
    private final List<CompletableFuture<Buffer>> results = new ArrayList<>();
    private final AtomicBoolean started = new AtomicBoolean();

    MergedRead(NativeFile file, RangeCoalescer plan, Range range, MemoryPool pool) {
      this.file = file;
      this.plan = plan;
      this.range = range;
      this.pool = pool;
    }

    void serve(int requestIndex, CompletableFuture<Buffer> result) {
      requestIndexes.add(requestIndex);
      results.add(result);
    }

    /** Submits the read once; later calls do nothing. */
    void start() {
      if (started.compareAndSet(false, true)) {
        IoThreadPool.executor().execute(this::run);
      }
    }

    private void run() {
      Buffer read;
      try {
        // The same read the synchronous readRanges makes: on zero-copy kinds a view whose cuts stay
        // valid after the read itself is closed (a memory map's own readBufferAt result is not).
        read = file.readCoalescedImpl(List.of(range)).get(0);
      } catch (Throwable e) {
        results.forEach(result -> result.completeExceptionally(e));
        return;
      }
      // Cut every result first and close the read before completing any future, so a caller that
      // has all its results never races this thread's close of the read (pool accounting).
      Buffer[] cuts = new Buffer[results.size()];
      Throwable[] failures = new Throwable[results.size()];
      boolean handedOver = false;
      try {
        for (int j = 0; j < results.size(); j++) {
          try {
            cuts[j] = plan.cut(requestIndexes.get(j), read, pool);
            handedOver |= cuts[j] == read;
          } catch (Throwable e) {
            failures[j] = e;
          }
        }
      } finally {
        if (!handedOver) {
          read.close();
        }
      }
      for (int j = 0; j < results.size(); j++) {
        CompletableFuture<Buffer> result = results.get(j);
        if (failures[j] != null) {
          result.completeExceptionally(failures[j]);
        } else if (!result.complete(cuts[j])) {
          cuts[j].close(); // cancelled meanwhile: nobody will take it
        }
      }
    }
  }

  /** A result of a lazy {@code readRangesAsync}: asking for it starts its read (and the prefetch). */
  private static final class LazyResult extends CompletableFuture<Buffer> {
    private final Runnable trigger;

    LazyResult(Runnable trigger) {
      this.trigger = trigger;
    }

    @Override
    public Buffer get() throws InterruptedException, ExecutionException {
      trigger.run();
      return super.get();
    }

    @Override
    public Buffer get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
      trigger.run();
      return super.get(timeout, unit);
    }

    @Override
    public Buffer join() {
      trigger.run();
      return super.join();
    }
  }
}
