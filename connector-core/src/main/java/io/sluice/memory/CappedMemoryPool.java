package io.sluice.memory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A proxy that refuses to hold more than {@code limit} bytes at once, throwing
 * {@link OutOfMemoryException} instead (Arrow's {@code CappedMemoryPool}). The limit is checked by
 * reserving the bytes before asking the parent, so concurrent allocations can never overshoot it.
 */
final class CappedMemoryPool extends ProxyMemoryPool {
  private final long limit;
  private final AtomicLong reserved = new AtomicLong();

  CappedMemoryPool(MemoryPool parent, long limit) {
    super(parent);
    this.limit = Bounds.requireNonNegative(limit, "limit");
  }

  long limit() {
    return limit;
  }

  @Override
  long doAllocate(long capacity) {
    reserve(capacity);
    try {
      return super.doAllocate(capacity);
    } catch (RuntimeException | Error e) {
      reserved.addAndGet(-capacity);
      throw e;
    }
  }

  @Override
  long doReallocate(long address, long oldCapacity, long newCapacity) {
    long growth = newCapacity - oldCapacity;
    if (growth > 0) {
      reserve(growth);
    }
    try {
      long newAddress = super.doReallocate(address, oldCapacity, newCapacity);
      if (growth < 0) {
        reserved.addAndGet(growth);
      }
      return newAddress;
    } catch (RuntimeException | Error e) {
      if (growth > 0) {
        reserved.addAndGet(-growth);
      }
      throw e;
    }
  }

  @Override
  void doFree(long address, long capacity) {
    super.doFree(address, capacity);
    reserved.addAndGet(-capacity);
  }

  /** The limit counts what users hold: deferred memory no longer counts against it. */
  @Override
  void doReleaseDeferred(long address, long capacity) {
    super.doReleaseDeferred(address, capacity);
    reserved.addAndGet(-capacity);
  }

  private void reserve(long bytes) {
    long now;
    long next;
    do {
      now = reserved.get();
      next = now + bytes;
      if (next > limit) {
        throw new OutOfMemoryException("allocation of " + bytes + " bytes would exceed the pool limit of "
            + limit + " bytes (" + now + " in use)");
      }
    } while (!reserved.compareAndSet(now, next));
  }

  @Override
  public String stats() {
    return super.stats() + " limit=" + limit;
  }
}
