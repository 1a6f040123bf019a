package io.sluice.arrow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Zero-copy conversions both ways, and that each side's lifetime rules hold. */
class ArrowBuffersTest {
  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void everyArrowBufferWasReleased() {
    allocator.close();
  }

  @Test
  void asArrowBufSharesPoolMemoryBothWays() {
    try (MutableBuffer sluice = MemoryPools.defaultPool().allocate(256)) {
      sluice.setLong(8, 0x0102030405060708L);
      ArrowBuf arrow = ArrowBuffers.asArrowBuf(sluice, allocator);
      try {
        assertEquals(sluice.address(), arrow.memoryAddress());
        assertEquals(256, arrow.capacity());
        assertEquals(0x0102030405060708L, arrow.getLong(8));
        arrow.setLong(16, 42L);
        assertEquals(42L, sluice.getLong(16), "writes through Arrow are visible in Sluice");
        assertEquals(256, allocator.getAllocatedMemory(), "Arrow accounts the foreign memory");
      } finally {
        arrow.getReferenceManager().release();
      }
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  @Test
  void anArrowBufStaysReadableAfterTheSluiceBufferIsClosed() {
    MutableBuffer sluice = MemoryPools.defaultPool().allocate(64);
    sluice.setLong(0, 77L);
    ArrowBuf arrow = ArrowBuffers.asArrowBuf(sluice, allocator);
    sluice.close();
    try {
      assertEquals(77L, arrow.getLong(0), "the pinned memory is not reused while Arrow holds it");
      try (MutableBuffer next = MemoryPools.defaultPool().allocate(64)) {
        next.setLong(0, 99L);
        assertEquals(77L, arrow.getLong(0), "a new allocation does not get the pinned block");
      }
    } finally {
      arrow.getReferenceManager().release();
    }
  }

  @Test
  void heapBuffersAreCopied() {
    byte[] bytes = {1, 2, 3, 4, 5};
    ArrowBuf arrow = ArrowBuffers.asArrowBuf(Buffer.wrap(bytes), allocator);
    try {
      byte[] read = new byte[5];
      arrow.getBytes(0, read);
      assertArrayEquals(bytes, read);
      bytes[0] = 9;
      assertEquals(1, arrow.getByte(0), "a copy: later changes to the array are not seen");
    } finally {
      arrow.getReferenceManager().release();
    }
  }

  @Test
  void asBufferHoldsAnArrowReferenceUntilClosed() {
    ArrowBuf arrow = allocator.buffer(128);
    arrow.setLong(0, 1234L);
    Buffer sluice = ArrowBuffers.asBuffer(arrow);
    assertEquals(2, arrow.refCnt());
    assertEquals(arrow.memoryAddress(), sluice.address());
    assertEquals(1234L, sluice.getLong(0));
    arrow.getReferenceManager().release();
    assertEquals(1, arrow.refCnt(), "the Sluice buffer still holds the memory");
    assertEquals(1234L, sluice.getLong(0));
    sluice.close();
    assertEquals(0, arrow.refCnt(), "closing the Sluice buffer released Arrow's memory");
  }
}
