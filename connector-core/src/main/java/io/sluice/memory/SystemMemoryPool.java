package io.sluice.memory;

/**
 * The {@code "system"} backend: every allocation is its own {@code malloc}, every free a
 * {@code free}. No caching, so {@link #releaseUnused()} has nothing to do.
 */
final class SystemMemoryPool extends MemoryPool {
  static final String NAME = "system";
  static final SystemMemoryPool INSTANCE = new SystemMemoryPool();

  private SystemMemoryPool() {}

  @Override
  public String backendName() {
    return NAME;
  }

  @Override
  long doAllocate(long capacity) {
    long address = NativeMemory.allocate(capacity);
    MemoryTracker.allocated(address, capacity);
    return address;
  }

  @Override
  long doReallocate(long address, long oldCapacity, long newCapacity) {
    // realloc: in place (mremap for large blocks) where the C library can; NativeMemory restores
    // the 64-byte alignment if the block moved.
    long newAddress = NativeMemory.reallocate(address, oldCapacity, newCapacity);
    MemoryTracker.reallocated(address, newAddress, oldCapacity, newCapacity);
    return newAddress;
  }

  @Override
  void doFree(long address, long capacity) {
    NativeMemory.free(address);
    MemoryTracker.freed(address, capacity);
  }

  @Override
  void doReleaseDeferred(long address, long capacity) {
    MemoryTracker.releasedDeferred(address, capacity);
  }

  @Override
  void doFreeDeferred(long address, long capacity) {
    NativeMemory.free(address);
    MemoryTracker.deferredFreed(capacity);
  }
}
