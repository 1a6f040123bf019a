package io.sluice.memory;

/**
 * 64-byte aligned blocks from the C heap ({@code malloc}/{@code free} through {@link MemoryAccess}).
 *
 * <p>{@code malloc} only promises 16-byte alignment, so each block is over-allocated by 64 + 8
 * bytes; the address malloc returned is stored in the 8 bytes just before the aligned address
 * handed out, which is how {@link #free} finds it again.
 *
 * <p>{@link #reallocate} grows a block in place where the C library can: glibc's {@code realloc}
 * of a large (mmap-backed) block is an {@code mremap}, which moves page-table entries instead of
 * copying bytes and leaves the pages already touched in place, so growing a buffer costs neither a
 * copy nor a second round of first-touch page faults for what it already holds.
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

  /**
   * Resizes a block from {@link #allocate} to {@code newSize} bytes, keeping its first
   * {@code min(oldSize, newSize)} bytes, and returns its (64-byte aligned) address, which may have
   * changed. {@code realloc} only keeps malloc's 16-byte alignment, so when the block moved by an
   * amount that changes the distance to the next 64-byte boundary, the content is moved within the
   * block to the new aligned address (a copy; glibc's large blocks always start at the same offset
   * in a page, so they never need it). On failure the old block is untouched and still valid.
   */
  static long reallocate(long alignedAddress, long oldSize, long newSize) {
    long oldRaw = MemoryAccess.getLongLE(null, alignedAddress - HEADER);
    long oldOffset = alignedAddress - oldRaw;
    long raw;
    try {
      raw = MemoryAccess.reallocateMemory(oldRaw, newSize + ALIGNMENT + HEADER);
    } catch (OutOfMemoryError e) {
      throw new OutOfMemoryException("the system could not grow a block of native memory from " + oldSize
          + " to " + newSize + " bytes", e);
    }
    long aligned = (raw + HEADER + ALIGNMENT - 1) & -ALIGNMENT;
    if (aligned - raw != oldOffset) {
      // memmove semantics: source and destination overlap inside the same block.
      MemoryAccess.copy(null, raw + oldOffset, null, aligned, Math.min(oldSize, newSize));
    }
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
