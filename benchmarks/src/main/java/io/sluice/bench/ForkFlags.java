package io.sluice.bench;

/**
 * JVM flags shared by the benchmarks' {@code @Fork(jvmArgsAppend = ...)} annotations (annotation
 * values must be compile-time constants, hence strings rather than an array).
 */
public final class ForkFlags {
  /** Arrow Java's {@code MemoryUtil} reads {@code java.nio.Buffer.address} reflectively (JDK 17+). */
  public static final String ARROW_OPENS_NIO = "--add-opens=java.base/java.nio=ALL-UNNAMED";
  /** A fixed heap, so GC work (and the direct-memory limit, which defaults to it) is the same in every fork. */
  public static final String HEAP_MIN = "-Xms1g";
  public static final String HEAP_MAX = "-Xmx1g";

  private ForkFlags() {}
}
