package io.sluice.memory;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * The memory pools of the JVM: the backends, the default pool, and the wrappers (PyArrow's
 * {@code default_memory_pool}, {@code system_memory_pool}, {@code proxy_memory_pool},
 * {@code logging_memory_pool}, and Arrow's {@code CappedMemoryPool}).
 *
 * <p>The default backend is {@code "arena"}. The system property {@code sluice.memory.pool} or,
 * failing that, the environment variable {@code SLUICE_MEMORY_POOL} chooses another; an unknown
 * name logs a warning naming it and falls back to {@code "arena"}.
 */
public final class MemoryPools {
  static final String PROPERTY = "sluice.memory.pool";
  static final String ENVIRONMENT = "SLUICE_MEMORY_POOL";
  private static final String DEFAULT_BACKEND = ArenaMemoryPool.NAME;
  private static final List<String> BACKENDS = List.of(ArenaMemoryPool.NAME, SystemMemoryPool.NAME);

  private static volatile MemoryPool defaultPool;

  private MemoryPools() {}

  /** The pool Sluice allocates from when no pool is named. */
  public static MemoryPool defaultPool() {
    MemoryPool pool = defaultPool;
    if (pool == null) {
      synchronized (MemoryPools.class) {
        pool = defaultPool;
        if (pool == null) {
          pool = forBackend(configuredBackend(System.getProperty(PROPERTY), System.getenv(ENVIRONMENT)));
          defaultPool = pool;
        }
      }
    }
    return pool;
  }

  /** Replaces the default pool for the whole JVM. */
  public static void setDefaultPool(MemoryPool pool) {
    defaultPool = Objects.requireNonNull(pool, "pool");
  }

  /**
   * Switches logging of every allocate, reallocate and free of the default pool on or off at run
   * time (PyArrow {@code log_memory_allocations}), at INFO level through SLF4J (logger
   * {@code io.sluice.memory.LoggingMemoryPool}), with the same lines as {@link #logging}. It applies
   * to the pool that is the default when called; a pool set later by {@link #setDefaultPool} keeps
   * its own setting.
   */
  public static void logMemoryAllocations(boolean enable) {
    defaultPool().logAllocations(enable);
  }

  /** The {@code "system"} backend: one malloc per allocation. */
  public static MemoryPool systemPool() {
    return SystemMemoryPool.INSTANCE;
  }

  /** Bytes currently allocated from the default pool. */
  public static long totalAllocatedBytes() {
    return defaultPool().bytesAllocated();
  }

  /** Names accepted by {@link #forBackend}; always contains {@code "system"}. */
  public static List<String> supportedBackends() {
    return BACKENDS;
  }

  /** The backend pool with this name (case-insensitive); the same instance every time. */
  public static MemoryPool forBackend(String name) {
    Objects.requireNonNull(name, "name");
    switch (name.toLowerCase(Locale.ROOT)) {
      case SystemMemoryPool.NAME:
        return SystemMemoryPool.INSTANCE;
      case ArenaMemoryPool.NAME:
        return ArenaMemoryPool.INSTANCE;
      default:
        throw new IllegalArgumentException("unknown memory pool backend '" + name + "'; supported: " + BACKENDS);
    }
  }

  /** A pool with its own statistics that takes its memory from {@code parent}. */
  public static MemoryPool proxy(MemoryPool parent) {
    return new ProxyMemoryPool(requirePool(parent));
  }

  /** A pool that logs every allocate, reallocate and free (SLF4J, INFO) and forwards it to {@code parent}. */
  public static MemoryPool logging(MemoryPool parent) {
    return new LoggingMemoryPool(requirePool(parent));
  }

  /**
   * A pool that takes its memory from {@code parent} but never holds more than {@code limit} bytes:
   * an allocation past it throws {@link OutOfMemoryException} and allocates nothing.
   */
  public static MemoryPool capped(MemoryPool parent, long limit) {
    return new CappedMemoryPool(requirePool(parent), limit);
  }

  /** Live memory of every pool in this JVM, as published over JMX. */
  public static SluiceMemoryMXBean memoryBean() {
    return MemoryTracker.instance();
  }

  /** Which backend the configuration asks for: the property wins over the environment. */
  static String configuredBackend(String property, String environment) {
    String requested = property != null && !property.isBlank() ? property
        : environment != null && !environment.isBlank() ? environment : null;
    if (requested == null) {
      return DEFAULT_BACKEND;
    }
    String name = requested.trim().toLowerCase(Locale.ROOT);
    if (!BACKENDS.contains(name)) {
      LoggerFactory.getLogger(MemoryPools.class).warn(
          "Unknown memory pool backend '{}' (from {} or {}); supported: {}; using '{}'",
          requested, PROPERTY, ENVIRONMENT, BACKENDS, DEFAULT_BACKEND);
      return DEFAULT_BACKEND;
    }
    return name;
  }

  private static MemoryPool requirePool(MemoryPool pool) {
    return Objects.requireNonNull(pool, "parent");
  }
}
