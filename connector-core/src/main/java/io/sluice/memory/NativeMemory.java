package io.sluice.memory;

/**
 * 64-byte aligned blocks from the C heap ({@code malloc}/{@code free} through {@link MemoryAccess}).
 *
 * <p>{@code malloc} only promises 16-byte alignment, so each block is over-allocated by 64 + 8
 * bytes; the address malloc returned is stored in the 8 bytes just before the aligned address
 * handed out, which is how {@link #free} finds it again.
 */
final class NativeMemory {
  static final int ALIGNMENT = 64;
  private static final int HEADER = Long.BYTES;

  private NativeMemory() {}

  /** Rounds {@code size} up to the accounting granularity (a multiple of 64). */
  static long alignedSize(long size) {
    if (size > Long.MAX_VALUE - ALIGNMENT) {
      throw new IllegalArgumentException("size too large: " + size);
    }
    return (size + ALIGNMENT - 1) & -ALIGNMENT;
  }

  static long allocate(long size) {
    long raw;
    try {
      raw = MemoryAccess.allocateMemory(size + ALIGNMENT + HEADER);
    } catch (OutOfMemoryError e) {
      throw new OutOfMemoryException("the system could not allocate " + size + " bytes of native memory", e);
    }
    long aligned = (raw + HEADER + ALIGNMENT - 1) & -ALIGNMENT;
    MemoryAccess.putLongLE(null, aligned - HEADER, raw);
    return aligned;
  }

  static void free(long alignedAddress) {
    MemoryAccess.freeMemory(MemoryAccess.getLongLE(null, alignedAddress - HEADER));
  }

  /** Where every zero-size allocation points: a valid, aligned, never freed address. */
  static long zeroSizeAddress() {
    return ZeroSizeArea.ADDRESS;
  }

  private static final class ZeroSizeArea {
    static final long ADDRESS = allocate(ALIGNMENT);
  }
}
