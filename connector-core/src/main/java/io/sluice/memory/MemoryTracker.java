package io.sluice.memory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ObjectName;

/**
 * Counts every byte the backend pools hand out, across all pools of the JVM, and publishes the
 * count as the {@link SluiceMemoryMXBean}. With {@code -Dsluice.memory.debugAllocations=true} it
 * also remembers the stack trace of each live allocation, so a leak report can say where the
 * leaked memory came from.
 */
final class MemoryTracker implements SluiceMemoryMXBean {
  static final String OBJECT_NAME = "io.sluice:type=Memory";
  static final boolean DEBUG = Boolean.getBoolean("sluice.memory.debugAllocations");

  private static final MemoryTracker INSTANCE = new MemoryTracker();

  static {
    try {
      ManagementFactory.getPlatformMBeanServer().registerMBean(INSTANCE, new ObjectName(OBJECT_NAME));
    } catch (Exception | LinkageError e) {
      // Monitoring is optional: a JVM without JMX, or a second class loader that loaded Sluice
      // again, still allocates memory normally.
    }
  }

  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong allocations = new AtomicLong();
  private final AtomicLong deferred = new AtomicLong();
  private final Map<Long, Throwable> sites = new ConcurrentHashMap<>();

  private MemoryTracker() {}

  static void allocated(long address, long size) {
    INSTANCE.bytes.addAndGet(size);
    INSTANCE.allocations.incrementAndGet();
    if (DEBUG) {
      INSTANCE.sites.put(address, new Throwable("allocated " + size + " bytes at 0x" + Long.toHexString(address)));
    }
  }

  static void reallocated(long oldAddress, long newAddress, long oldSize, long newSize) {
    INSTANCE.bytes.addAndGet(newSize - oldSize);
    if (DEBUG) {
      INSTANCE.sites.remove(oldAddress);
      INSTANCE.sites.put(newAddress,
          new Throwable("reallocated to " + newSize + " bytes at 0x" + Long.toHexString(newAddress)));
    }
  }

  static void freed(long address, long size) {
    INSTANCE.bytes.addAndGet(-size);
    INSTANCE.allocations.decrementAndGet();
    if (DEBUG) {
      INSTANCE.sites.remove(address);
    }
  }

  /** Released (no longer outstanding) but kept in place for a reachable ByteBuffer view. */
  static void releasedDeferred(long address, long size) {
    freed(address, size);
    INSTANCE.deferred.addAndGet(size);
  }

  /** Deferred memory whose last view is gone has been given back. */
  static void deferredFreed(long size) {
    INSTANCE.deferred.addAndGet(-size);
  }

  static SluiceMemoryMXBean instance() {
    return INSTANCE;
  }

  @Override
  public long getDeferredBytes() {
    return deferred.get();
  }


  @Override
  public long getOutstandingBytes() {
    return bytes.get();
  }

  @Override
  public long getOutstandingAllocations() {
    return allocations.get();
  }

  @Override
  public String getOutstandingAllocationSites() {
    if (!DEBUG) {
      return "(run with -Dsluice.memory.debugAllocations=true to record where each allocation was made)";
    }
    StringWriter out = new StringWriter();
    PrintWriter writer = new PrintWriter(out);
    for (Throwable site : sites.values()) {
      site.printStackTrace(writer);
    }
    writer.flush();
    return out.toString();
  }
}
