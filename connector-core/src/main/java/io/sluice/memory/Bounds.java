package io.sluice.memory;

/**
 * The one bounds helper: every range check in the memory package goes through here so every
 * message has the same shape (index, length and the valid bounds).
 *
 * <p>Checks can be switched off with {@code -Dsluice.memory.checkBounds=false} for trusted,
 * measured hot paths; they are on by default and the flag is a {@code static final} so the JIT
 * removes the branch entirely either way.
 */
final class Bounds {
  static final boolean CHECK_BOUNDS =
      !"false".equalsIgnoreCase(System.getProperty("sluice.memory.checkBounds", "true"));

  private Bounds() {}

  /** Checks that {@code [index, index + length)} lies inside {@code [0, size)}. */
  static void checkRange(long index, long length, long size) {
    if (CHECK_BOUNDS && (index < 0 || length < 0 || index > size - length)) {
      throw outOfBounds(index, length, size);
    }
  }

  /** Always checks, whatever the flag: used where a wrong range would corrupt state, not just read. */
  static void requireRange(long index, long length, long size) {
    if (index < 0 || length < 0 || index > size - length) {
      throw outOfBounds(index, length, size);
    }
  }

  static void requireArrayRange(int offset, int length, int arrayLength) {
    if (offset < 0 || length < 0 || offset > arrayLength - length) {
      throw new IndexOutOfBoundsException(
          "range [offset " + offset + ", length " + length + "] out of bounds for array of length " + arrayLength);
    }
  }

  static IndexOutOfBoundsException outOfBounds(long index, long length, long size) {
    return new IndexOutOfBoundsException(
        "index " + index + ", length " + length + " out of bounds for buffer of size " + size
            + " (valid range [0, " + size + "))");
  }

  static long requireNonNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative: " + value);
    }
    return value;
  }
}
