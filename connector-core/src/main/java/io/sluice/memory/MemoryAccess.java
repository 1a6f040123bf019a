package io.sluice.memory;

import java.lang.reflect.Field;
import java.nio.ByteOrder;

/**
 * The one seam through which Sluice touches raw memory (heap arrays and off-heap addresses alike).
 *
 * <p>On Java 17 this is {@code sun.misc.Unsafe} (module {@code jdk.unsupported}); a Java 22+ path on
 * the FFM API can replace this class without touching its callers. Unsafe is looked up lazily and
 * a failure is remembered, never thrown from a static initializer: callers get a clear
 * {@link UnsupportedOperationException} naming the cause instead of an {@code ExceptionInInitializerError}.
 *
 * <p>Addressing follows Unsafe: {@code (base, offset)} where {@code base} is a {@code byte[]} and
 * {@code offset} includes {@link #BYTE_ARRAY_BASE_OFFSET}, or {@code base == null} and
 * {@code offset} is an absolute native address. Nothing here checks bounds: callers do.
 */
final class MemoryAccess {
  /** Copies above this size are split so the JVM can reach a safepoint between pieces. */
  private static final long COPY_CHUNK = 1L << 20;

  static final boolean NATIVE_LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

  private static final sun.misc.Unsafe UNSAFE;
  private static final Throwable UNAVAILABLE_BECAUSE;
  static final long BYTE_ARRAY_BASE_OFFSET;
  static final long LONG_ARRAY_BASE_OFFSET;

  static {
    sun.misc.Unsafe unsafe = null;
    Throwable failure = null;
    try {
      Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
      field.setAccessible(true);
      unsafe = (sun.misc.Unsafe) field.get(null);
    } catch (Throwable t) {
      failure = t;
    }
    UNSAFE = unsafe;
    UNAVAILABLE_BECAUSE = failure;
    BYTE_ARRAY_BASE_OFFSET = unsafe == null ? 0 : unsafe.arrayBaseOffset(byte[].class);
    LONG_ARRAY_BASE_OFFSET = unsafe == null ? 0 : unsafe.arrayBaseOffset(long[].class);
  }

  private MemoryAccess() {}

  static boolean isAvailable() {
    return UNSAFE != null;
  }

  /** Unsafe, or a clear error saying why Sluice's off-heap memory cannot work on this JVM. */
  static sun.misc.Unsafe unsafe() {
    if (UNSAFE == null) {
      throw new UnsupportedOperationException(
          "Sluice needs sun.misc.Unsafe (module jdk.unsupported) for off-heap memory: " + UNAVAILABLE_BECAUSE,
          UNAVAILABLE_BECAUSE);
    }
    return UNSAFE;
  }

  static byte getByte(Object base, long offset) {
    return unsafe().getByte(base, offset);
  }

  static void putByte(Object base, long offset, byte value) {
    unsafe().putByte(base, offset, value);
  }

  static short getShortLE(Object base, long offset) {
    short v = unsafe().getShort(base, offset);
    return NATIVE_LITTLE_ENDIAN ? v : Short.reverseBytes(v);
  }

  static void putShortLE(Object base, long offset, short value) {
    unsafe().putShort(base, offset, NATIVE_LITTLE_ENDIAN ? value : Short.reverseBytes(value));
  }

  static int getIntLE(Object base, long offset) {
    int v = unsafe().getInt(base, offset);
    return NATIVE_LITTLE_ENDIAN ? v : Integer.reverseBytes(v);
  }

  static void putIntLE(Object base, long offset, int value) {
    unsafe().putInt(base, offset, NATIVE_LITTLE_ENDIAN ? value : Integer.reverseBytes(value));
  }

  static long getLongLE(Object base, long offset) {
    long v = unsafe().getLong(base, offset);
    return NATIVE_LITTLE_ENDIAN ? v : Long.reverseBytes(v);
  }

  static void putLongLE(Object base, long offset, long value) {
    unsafe().putLong(base, offset, NATIVE_LITTLE_ENDIAN ? value : Long.reverseBytes(value));
  }

  /** Copies (memmove semantics for native memory) in chunks so long copies do not stall safepoints. */
  static void copy(Object srcBase, long srcOffset, Object dstBase, long dstOffset, long length) {
    sun.misc.Unsafe u = unsafe();
    if (srcBase == dstBase && srcOffset < dstOffset && dstOffset < srcOffset + length) {
      // Overlapping copy towards higher addresses: go backwards chunk by chunk.
      long remaining = length;
      while (remaining > 0) {
        long n = Math.min(remaining, COPY_CHUNK);
        remaining -= n;
        u.copyMemory(srcBase, srcOffset + remaining, dstBase, dstOffset + remaining, n);
      }
      return;
    }
    while (length > 0) {
      long n = Math.min(length, COPY_CHUNK);
      u.copyMemory(srcBase, srcOffset, dstBase, dstOffset, n);
      srcOffset += n;
      dstOffset += n;
      length -= n;
    }
  }

  static void fill(Object base, long offset, long length, byte value) {
    sun.misc.Unsafe u = unsafe();
    while (length > 0) {
      long n = Math.min(length, COPY_CHUNK);
      u.setMemory(base, offset, n, value);
      offset += n;
      length -= n;
    }
  }

  static long allocateMemory(long bytes) {
    return unsafe().allocateMemory(bytes);
  }

  /** {@code realloc}: the block may move; its content up to the smaller size is kept. */
  static long reallocateMemory(long address, long bytes) {
    return unsafe().reallocateMemory(address, bytes);
  }

  static void freeMemory(long address) {
    unsafe().freeMemory(address);
  }

  static long objectFieldOffset(Field field) {
    return unsafe().objectFieldOffset(field);
  }

  static Object getObject(Object o, long offset) {
    return unsafe().getObject(o, offset);
  }

  static void putObject(Object o, long offset, Object value) {
    unsafe().putObject(o, offset, value);
  }

  static int getIntField(Object o, long offset) {
    return unsafe().getInt(o, offset);
  }

  static void putIntField(Object o, long offset, int value) {
    unsafe().putInt(o, offset, value);
  }

  static long getLongField(Object o, long offset) {
    return unsafe().getLong(o, offset);
  }

  static void putLongField(Object o, long offset, long value) {
    unsafe().putLong(o, offset, value);
  }
}
