package io.sluice.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResizableBufferTest {

  @Test
  void viewsTakenBeforeAMoveAreCutOff() {
    MemoryPool pool = MemoryPools.proxy(MemoryPools.systemPool());
    try (ResizableBuffer buffer = pool.allocateResizable(64)) {
      buffer.setLong(0, 42);
      MutableBuffer view = buffer.slice(0, 8);
      long before = buffer.address();
      buffer.resize(1 << 20);
      assertTrue(before != buffer.address(), "the system backend always moves on resize");
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
}
