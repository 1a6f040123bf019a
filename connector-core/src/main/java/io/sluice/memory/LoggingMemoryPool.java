package io.sluice.memory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every allocate, reallocate and free that passes through it at INFO level, then forwards it
 * to the parent (Arrow's {@code LoggingMemoryPool}). Like Arrow's, its statistics are the parent's.
 */
final class LoggingMemoryPool extends ProxyMemoryPool {
  private static final Logger LOG = LoggerFactory.getLogger(LoggingMemoryPool.class);

  LoggingMemoryPool(MemoryPool parent) {
    super(parent);
  }

  @Override
  long doAllocate(long capacity) {
    long address = super.doAllocate(capacity);
    logAllocate(parent, capacity, address);
    return address;
  }

  @Override
  long doReallocate(long address, long oldCapacity, long newCapacity) {
    long newAddress = super.doReallocate(address, oldCapacity, newCapacity);
    logReallocate(parent, address, oldCapacity, newCapacity, newAddress);
    return newAddress;
  }

  @Override
  void doFree(long address, long capacity) {
    super.doFree(address, capacity);
    logFree(parent, capacity, address);
  }

  @Override
  void doReleaseDeferred(long address, long capacity) {
    super.doReleaseDeferred(address, capacity);
    logDeferredFree(parent, capacity, address);
  }

  // The log lines, shared with MemoryPools.logMemoryAllocations (any pool can log without a wrapper).

  static void logAllocate(MemoryPool pool, long capacity, long address) {
    LOG.info("allocate {} bytes at 0x{} ({})", capacity, Long.toHexString(address), pool.backendName());
  }

  static void logReallocate(MemoryPool pool, long address, long oldCapacity, long newCapacity, long newAddress) {
    LOG.info("reallocate 0x{} from {} to {} bytes at 0x{} ({})", Long.toHexString(address), oldCapacity,
        newCapacity, Long.toHexString(newAddress), pool.backendName());
  }

  static void logFree(MemoryPool pool, long capacity, long address) {
    LOG.info("free {} bytes at 0x{} ({})", capacity, Long.toHexString(address), pool.backendName());
  }

  static void logDeferredFree(MemoryPool pool, long capacity, long address) {
    LOG.info("free {} bytes at 0x{} ({}; reused only once its last ByteBuffer view is unreachable)", capacity,
        Long.toHexString(address), pool.backendName());
  }

  @Override
  void doFreeDeferred(long address, long capacity) {
    super.doFreeDeferred(address, capacity);
    LOG.info("reuse {} bytes at 0x{} (its last ByteBuffer view is gone)", capacity, Long.toHexString(address));
  }

  @Override
  public long deferredBytes() {
    return parent.deferredBytes();
  }

  @Override
  public long bytesAllocated() {
    return parent.bytesAllocated();
  }

  @Override
  public long maxMemory() {
    return parent.maxMemory();
  }

  @Override
  public long totalBytesAllocated() {
    return parent.totalBytesAllocated();
  }

  @Override
  public long numAllocations() {
    return parent.numAllocations();
  }

  @Override
  public String stats() {
    return "LoggingMemoryPool over " + parent.stats();
  }
}
