package io.sluice.memory;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where off-heap buffers come from (Arrow's {@code MemoryPool}). Allocations are 64-byte aligned
 * and accounted in multiples of 64 bytes; zero-size allocations account 0 bytes. Thread-safe, and
 * the statistics are exact whenever no allocation is in flight.
 *
 * <p>Backends ({@link MemoryPools#forBackend}) obtain memory from the system; wrappers
 * ({@link MemoryPools#proxy}, {@link MemoryPools#logging}, {@link MemoryPools#capped}) pass each
 * request to a parent pool and add their own accounting, logging or limit.
 */
public abstract class MemoryPool {
  private final AtomicLong bytesAllocated = new AtomicLong();
  private final AtomicLong maxMemory = new AtomicLong();
  private final AtomicLong totalBytesAllocated = new AtomicLong();
  private final AtomicLong numAllocations = new AtomicLong();
  private final AtomicLong deferredBytes = new AtomicLong();
  /** Set by {@link MemoryPools#logMemoryAllocations}: log every block operation of this pool. */
  private volatile boolean logAllocations;

  MemoryPool() {}

  // ---------------------------------------------------------------- public API

  /** A new buffer of exactly {@code size} bytes; its content is unspecified until written. */
  public final MutableBuffer allocate(long size) {
    Allocation allocation = newAllocation(size);
    MutableBuffer buffer = new MutableBuffer(null, allocation.address(), size, null, allocation.state(),
        allocation, null);
    allocation.registerOwner(buffer);
    return buffer;
  }

  /** A new resizable buffer of {@code size} bytes. */
  public final ResizableBuffer allocateResizable(long size) {
    Allocation allocation = newAllocation(size);
    ResizableBuffer buffer = new ResizableBuffer(allocation, size);
    allocation.registerOwner(buffer);
    return buffer;
  }

  private Allocation newAllocation(long size) {
    Bounds.requireNonNegative(size, "size");
    long capacity = NativeMemory.alignedSize(size);
    long address = capacity == 0 ? NativeMemory.zeroSizeAddress() : allocateBlock(capacity);
    return new Allocation(this, address, capacity);
  }

  /** Bytes currently allocated through this pool (multiples of 64). */
  public long bytesAllocated() {
    return bytesAllocated.get();
  }

  /** The peak of {@link #bytesAllocated()} since the pool was created. */
  public long maxMemory() {
    return maxMemory.get();
  }

  /** All bytes ever allocated through this pool, growth by reallocation included. */
  public long totalBytesAllocated() {
    return totalBytesAllocated.get();
  }

  /** Number of allocations and reallocations made through this pool (zero-size ones excluded). */
  public long numAllocations() {
    return numAllocations.get();
  }

  /**
   * Bytes released (no longer in {@link #bytesAllocated()}) whose memory is not yet reusable because
   * a {@code ByteBuffer} view of it is still reachable; they go back when the views are collected.
   */
  public long deferredBytes() {
    return deferredBytes.get();
  }

  /** The backend that supplies the memory: {@code "system"}, {@code "arena"}, or the parent's for wrappers. */
  public abstract String backendName();

  /** Returns cached but unused memory to the operating system, where the backend caches any. */
  public void releaseUnused() {}

  /** Human-readable statistics. */
  public String stats() {
    return getClass().getSimpleName() + "(backend=" + backendName() + ", bytesAllocated=" + bytesAllocated()
        + ", maxMemory=" + maxMemory() + ", totalBytesAllocated=" + totalBytesAllocated()
        + ", numAllocations=" + numAllocations() + ", deferredBytes=" + deferredBytes() + ")";
  }

  @Override
  public String toString() {
    return stats();
  }

  // ---------------------------------------------------------------- block level (package-private)

  /** Allocates {@code capacity} (a positive multiple of 64) bytes and accounts them. */
  final long allocateBlock(long capacity) {
    long address = doAllocate(capacity);
    if (logAllocations) {
      LoggingMemoryPool.logAllocate(this, capacity, address);
    }
    numAllocations.incrementAndGet();
    totalBytesAllocated.addAndGet(capacity);
    grow(capacity);
    return address;
  }

  /** Moves or resizes a block, preserving {@code min(old, new)} bytes; both sizes positive multiples of 64. */
  final long reallocateBlock(long address, long oldCapacity, long newCapacity) {
    long newAddress = doReallocate(address, oldCapacity, newCapacity);
    if (logAllocations) {
      LoggingMemoryPool.logReallocate(this, address, oldCapacity, newCapacity, newAddress);
    }
    numAllocations.incrementAndGet();
    long delta = newCapacity - oldCapacity;
    if (delta > 0) {
      totalBytesAllocated.addAndGet(delta);
      grow(delta);
    } else {
      bytesAllocated.addAndGet(delta);
    }
    return newAddress;
  }

  final void freeBlock(long address, long capacity) {
    if (capacity == 0) {
      return;
    }
    doFree(address, capacity);
    if (logAllocations) {
      LoggingMemoryPool.logFree(this, capacity, address);
    }
    bytesAllocated.addAndGet(-capacity);
  }

  /**
   * First half of a free whose memory a {@code ByteBuffer} view still references: the bytes count as
   * released now (here and in every pool below), the memory stays untouched until
   * {@link #freeDeferredBlock}.
   */
  final void releaseBlockDeferred(long address, long capacity) {
    if (capacity == 0) {
      return;
    }
    doReleaseDeferred(address, capacity);
    if (logAllocations) {
      LoggingMemoryPool.logDeferredFree(this, capacity, address);
    }
    deferredBytes.addAndGet(capacity);
    bytesAllocated.addAndGet(-capacity);
  }

  /** Second half: the last view is unreachable, the memory goes back for reuse. */
  final void freeDeferredBlock(long address, long capacity) {
    if (capacity == 0) {
      return;
    }
    doFreeDeferred(address, capacity);
    deferredBytes.addAndGet(-capacity);
  }

  /** Turns logging of this pool's allocate, reallocate and free on or off. */
  final void logAllocations(boolean enable) {
    logAllocations = enable;
  }

  private void grow(long delta) {
    long now = bytesAllocated.addAndGet(delta);
    long peak;
    while (now > (peak = maxMemory.get()) && !maxMemory.compareAndSet(peak, now)) {
      // another thread raised the peak concurrently: re-read and retry
    }
  }

  abstract long doAllocate(long capacity);

  abstract long doReallocate(long address, long oldCapacity, long newCapacity);

  abstract void doFree(long address, long capacity);

  /** Accounts a release whose memory stays in place for now (see {@link #releaseBlockDeferred}). */
  abstract void doReleaseDeferred(long address, long capacity);

  /** Frees memory whose release was accounted by {@link #doReleaseDeferred} before. */
  abstract void doFreeDeferred(long address, long capacity);

  static MemoryPool requirePool(MemoryPool pool, String name) {
    return Objects.requireNonNull(pool, name);
  }
}
