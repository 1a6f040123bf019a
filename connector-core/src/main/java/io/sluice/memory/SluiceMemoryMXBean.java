package io.sluice.memory;

/**
 * Live pool memory of this JVM, registered as {@code io.sluice:type=Memory} once any pool has been
 * used. Operators can watch it over JMX; the leak-checking JUnit extension reads it too.
 */
public interface SluiceMemoryMXBean {
  /** Bytes currently held by buffers from every backend pool (system, arena), in 64-byte units. */
  long getOutstandingBytes();

  /**
   * Bytes already released (not in {@link #getOutstandingBytes()}) whose memory a reachable
   * {@code ByteBuffer} view still holds; the pools reuse or free them once the views are collected.
   */
  long getDeferredBytes();

  /** Number of live allocations from every backend pool. */
  long getOutstandingAllocations();

  /**
   * Where each live allocation was made, one stack trace each, when the JVM runs with
   * {@code -Dsluice.memory.debugAllocations=true}; otherwise a line saying how to turn that on.
   */
  String getOutstandingAllocationSites();
}
