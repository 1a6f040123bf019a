package io.sluice.memory;

/**
 * A pool with its own statistics whose memory comes from a parent pool (Arrow's
 * {@code ProxyMemoryPool}): handy to measure what one component allocates.
 */
class ProxyMemoryPool extends MemoryPool {
  final MemoryPool parent;

  ProxyMemoryPool(MemoryPool parent) {
    this.parent = requirePool(parent, "parent");
  }

  @Override
  public String backendName() {
    return parent.backendName();
  }

  @Override
  public void releaseUnused() {
    parent.releaseUnused();
  }

  @Override
  long doAllocate(long capacity) {
    return parent.allocateBlock(capacity);
  }

  @Override
  long doReallocate(long address, long oldCapacity, long newCapacity) {
    return parent.reallocateBlock(address, oldCapacity, newCapacity);
  }

  @Override
  void doFree(long address, long capacity) {
    parent.freeBlock(address, capacity);
  }

  @Override
  void doReleaseDeferred(long address, long capacity) {
    parent.releaseBlockDeferred(address, capacity);
  }

  @Override
  void doFreeDeferred(long address, long capacity) {
    parent.freeDeferredBlock(address, capacity);
  }
}
