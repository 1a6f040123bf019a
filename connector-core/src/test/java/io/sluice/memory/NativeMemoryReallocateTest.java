package io.sluice.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link NativeMemory#reallocate}: content and 64-byte alignment survive any move realloc makes. */
class NativeMemoryReallocateTest {

  /**
   * A block whose aligned address sits 64 bytes further into its malloc block than
   * {@link NativeMemory#allocate} would put it: no realloc result can have that offset, so the
   * content must be moved to the new aligned address (the path glibc's large blocks never take).
   */
  @Test
  void contentMovesToTheNewAlignedAddressWhenTheOffsetChanges() {
    long size = 1000;
    long raw = MemoryAccess.allocateMemory(size + 64 + 64 + 8);
    long aligned = ((raw + 8 + 63) & -64) + 64;
    MemoryAccess.putLongLE(null, aligned - 8, raw);
    for (long i = 0; i < size; i++) {
      MemoryAccess.putByte(null, aligned + i, (byte) (i * 7 + 3));
    }
    long moved = NativeMemory.reallocate(aligned, size, 200_000);
    try {
      assertEquals(0, moved % 64, "aligned");
      for (long i = 0; i < size; i++) {
        assertEquals((byte) (i * 7 + 3), MemoryAccess.getByte(null, moved + i), "byte " + i);
      }
    } finally {
      NativeMemory.free(moved);
    }
  }

  @Test
  void growAndShrinkKeepTheSmallerSizesBytes() {
    long[] sizes = {64, 4096, 1 << 20, 16 << 20, 128, 8 << 20};
    long address = NativeMemory.allocate(sizes[0]);
    long valid = 0;
    try {
      long current = sizes[0];
      for (long next : sizes) {
        for (long i = valid; i < current; i++) {
          MemoryAccess.putByte(null, address + i, (byte) (i ^ (i >>> 9)));
        }
        valid = current;
        address = NativeMemory.reallocate(address, current, next);
        assertEquals(0, address % 64, "aligned after " + current + " -> " + next);
        long kept = Math.min(current, next);
        for (long i = 0; i < kept; i++) {
          if (MemoryAccess.getByte(null, address + i) != (byte) (i ^ (i >>> 9))) {
            assertEquals((byte) (i ^ (i >>> 9)), MemoryAccess.getByte(null, address + i), "byte " + i + " after " + current + " -> " + next);
          }
        }
        valid = kept;
        current = next;
      }
    } finally {
      NativeMemory.free(address);
    }
  }
}
