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
    LOG.info("allocate {} bytes at 0x{} ({})", capacity, Long.toHexString(address), parent.backendName());
    return address;
  }

  @Override
  long doReallocate(long address, long oldCapacity, long newCapacity) {
    long newAddress = super.doReallocate(address, oldCapacity, newCapacity);
    LOG.info("reallocate 0x{} from {} to {} bytes at 0x{}", Long.toHexString(address), oldCapacity, newCapacity,
        Long.toHexString(newAddress));
    return newAddress;
  }

  @Override
  void doFree(long address, long capacity) {
    super.doFree(address, capacity);
    LOG.info("free {} bytes at 0x{}", capacity, Long.toHexString(address));
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
