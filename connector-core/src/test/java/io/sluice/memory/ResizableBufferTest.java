package io.sluice.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResizableBufferTest {

  @Test
  void viewsTakenBeforeAMoveAreCutOff() {
    // 64 B -> 1 MiB crosses the arena's size classes: always a new block (the system backend
    // reallocates in place where the C library can, so it may or may not move).
    MemoryPool pool = MemoryPools.proxy(MemoryPools.forBackend("arena"));
    try (ResizableBuffer buffer = pool.allocateResizable(64)) {
      buffer.setLong(0, 42);
      MutableBuffer view = buffer.slice(0, 8);
      long before = buffer.address();
      buffer.resize(1 << 20);
      assertTrue(before != buffer.address(), "another size class is another block");
      assertEquals(42, buffer.getLong(0));
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> view.getLong(0));
      assertTrue(e.getMessage().contains("released"), e.getMessage());
      MutableBuffer fresh = buffer.slice(0, 8);
      assertEquals(42, fresh.getLong(0));
    }
  }

  @Test
  void arenaGrowsInPlaceWithinASizeClass() {
    MemoryPool pool = MemoryPools.proxy(MemoryPools.forBackend("arena"));
    try (ResizableBuffer buffer = pool.allocateResizable(1025)) {
      MutableBuffer view = buffer.slice(0, 8);
      view.setLong(0, 7);
      long address = buffer.address();
      buffer.resize(2000); // 1088 -> 2048 bytes: the same 2 KiB block
      assertEquals(address, buffer.address());
      assertEquals(7, view.getLong(0), "nothing moved, so views stay valid");
      assertEquals(2048, pool.bytesAllocated());
    }
  }

  @Test
  void badArgumentsAreRejected() {
    try (ResizableBuffer buffer = MemoryPools.defaultPool().allocateResizable(10)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> buffer.resize(-5));
      assertTrue(e.getMessage().contains("-5"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> buffer.reserve(-1));
      assertEquals(10, buffer.size());
    }
  }

  @Test
  void closedResizableBufferRefusesEverything() {
    ResizableBuffer buffer = MemoryPools.defaultPool().allocateResizable(10);
    buffer.close();
    assertThrows(IllegalStateException.class, () -> buffer.resize(20));
    assertThrows(IllegalStateException.class, () -> buffer.reserve(20));
    assertThrows(IllegalStateException.class, buffer::capacity);
  }

  @Test
  void capacityIsTheAlignedSize() {
    try (ResizableBuffer buffer = MemoryPools.defaultPool().allocateResizable(100)) {
      assertEquals(128, buffer.capacity());
      assertEquals(100, buffer.size());
    }
  }

  /** Every resize keeps the content and the 64-byte alignment, whichever way the block moved. */
  @Test
  void resizesKeepContentAndAlignmentOnBothBackends() {
    for (String backend : MemoryPools.supportedBackends()) {
      MemoryPool pool = MemoryPools.proxy(MemoryPools.forBackend(backend));
      // small, across small classes, small -> large, large -> large (in place or cached), shrinks
      long[] sizes = {100, 5000, 300_000, 1 << 20, 3 << 20, 9 << 20, 33 << 20, 5 << 20, 70_000, 40 << 20, 1000};
      try (ResizableBuffer buffer = pool.allocateResizable(64)) {
        fill(buffer, 0, 64);
        long valid = 64;
        for (long size : sizes) {
          buffer.resize(size, true);
          assertEquals(0, buffer.address() % 64, backend + ": address after resize to " + size);
          valid = Math.min(valid, size);
          assertFilled(buffer, valid, backend + ": content after resize to " + size);
          fill(buffer, valid, size);
          valid = size;
        }
        assertEquals(1000, buffer.size());
      }
      assertEquals(0, pool.bytesAllocated(), backend);
    }
  }

  private static void fill(MutableBuffer buffer, long from, long to) {
    for (long i = from; i < to; i++) {
      buffer.setByte(i, pattern(i));
    }
  }

  private static void assertFilled(Buffer buffer, long length, String what) {
    for (long i = 0; i < length; i++) {
      if (buffer.getByte(i) != pattern(i)) {
        assertEquals(pattern(i), buffer.getByte(i), what + ", byte " + i);
      }
    }
  }

  private static byte pattern(long i) {
    return (byte) (i * 31 + (i >>> 11));
  }
}
