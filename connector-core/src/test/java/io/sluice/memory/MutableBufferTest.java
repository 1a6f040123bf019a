package io.sluice.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class MutableBufferTest {

  @Test
  void typedSettersWriteLittleEndian() {
    byte[] array = new byte[16];
    MutableBuffer buffer = MutableBuffer.wrap(array);
    buffer.setShort(0, (short) 0x0102);
    buffer.setInt(2, 0x03040506);
    buffer.setLong(6, 0x0708090A0B0C0D0EL);
    buffer.setByte(15, (byte) 0xEE);
    assertArrayEquals(new byte[] {0x02, 0x01, 0x06, 0x05, 0x04, 0x03, 0x0E, 0x0D, 0x0C, 0x0B, 0x0A, 0x09, 0x08, 0x07,
        0, (byte) 0xEE}, array);
  }

  @Test
  void setBytesFromArrayAndRange() {
    try (MutableBuffer buffer = MemoryPools.defaultPool().allocate(8)) {
      buffer.fill((byte) 0);
      buffer.setBytes(1, new byte[] {1, 2});
      buffer.setBytes(5, new byte[] {9, 8, 7, 6}, 1, 3);
      assertArrayEquals(new byte[] {0, 1, 2, 0, 0, 8, 7, 6}, buffer.toByteArray());
    }
  }

  @Test
  void setBytesFromBufferHandlesOverlap() {
    MutableBuffer buffer = MutableBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    buffer.setBytes(2, buffer, 0, 5);
    assertArrayEquals(new byte[] {1, 2, 1, 2, 3, 4, 5, 8}, buffer.toByteArray());
    buffer.setBytes(0, buffer.slice(3, 4));
    assertArrayEquals(new byte[] {2, 3, 4, 5, 3, 4, 5, 8}, buffer.toByteArray());
  }

  @Test
  void overlappingCopyOfPoolMemoryLargerThanOneCopyChunk() {
    int size = 3 << 20;
    try (MutableBuffer buffer = MemoryPools.systemPool().allocate(size + 1000)) {
      for (int i = 0; i < size + 1000; i += 4) {
        buffer.setInt(i, i);
      }
      buffer.setBytes(1000, buffer, 0, size);
      for (int i = 0; i < size; i += 4) {
        assertEquals(i, buffer.getInt(1000 + i));
      }
    }
  }

  @Test
  void setBytesFromByteBufferLeavesItsPositionAlone() {
    MutableBuffer buffer = MutableBuffer.wrap(new byte[6]);
    ByteBuffer heap = ByteBuffer.wrap(new byte[] {1, 2, 3, 4});
    heap.position(1);
    buffer.setBytes(0, heap);
    assertEquals(1, heap.position());
    ByteBuffer direct = ByteBuffer.allocateDirect(2).put(0, (byte) 7).put(1, (byte) 8);
    buffer.setBytes(3, direct);
    ByteBuffer readOnly = ByteBuffer.wrap(new byte[] {5}).asReadOnlyBuffer();
    buffer.setBytes(5, readOnly);
    assertArrayEquals(new byte[] {2, 3, 4, 7, 8, 5}, buffer.toByteArray());
  }

  @Test
  void fillWholeAndRange() {
    MutableBuffer buffer = MutableBuffer.wrap(new byte[6]);
    buffer.fill((byte) 1);
    buffer.fill(2, 3, (byte) 9);
    assertArrayEquals(new byte[] {1, 1, 9, 9, 9, 1}, buffer.toByteArray());
  }

  @Test
  void slicesOfMutableBuffersAreMutable() {
    MutableBuffer buffer = MutableBuffer.wrap(new byte[8]);
    MutableBuffer slice = buffer.slice(4);
    assertTrue(slice.isMutable());
    slice.setInt(0, -1);
    assertEquals(-1, buffer.getInt(4));
    assertTrue(buffer.slice(0, 4).asByteBuffer().isReadOnly() == false);
  }

  @Test
  void foreignMutableBufferWritesThrough() {
    ByteBuffer direct = ByteBuffer.allocateDirect(8);
    MutableBuffer foreign = MutableBuffer.foreign(Buffer.wrap(direct).address(), 8, direct);
    foreign.setLong(0, 0x0102030405060708L);
    assertEquals(0x08, direct.get(0));
  }
}
