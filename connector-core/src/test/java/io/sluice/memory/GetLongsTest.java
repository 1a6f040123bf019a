package io.sluice.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bulk scan accessor {@code Buffer.getLongs}: the same longs as getLong, one check per call. */
class GetLongsTest {

  @ParameterizedTest
  @ValueSource(strings = {"pool", "heap", "slice"})
  void copiesTheSameLittleEndianLongsAsGetLong(String kind) {
    MutableBuffer root = kind.equals("heap") ? MutableBuffer.wrap(new byte[1024]) : MemoryPools.systemPool().allocate(1024);
    try {
      for (int i = 0; i < 1024; i++) {
        root.setByte(i, (byte) (i * 7 + 3));
      }
      Buffer buffer = kind.equals("slice") ? root.slice(5, 1000) : root;
      long[] dst = new long[20];
      dst[0] = -1;
      dst[19] = -2;
      buffer.getLongs(3, dst, 1, 18); // unaligned source on purpose
      for (int i = 0; i < 18; i++) {
        assertEquals(buffer.getLong(3 + 8L * i), dst[1 + i], "long " + i);
      }
      assertEquals(-1, dst[0], "nothing written before dstOffset");
      assertEquals(-2, dst[19], "nothing written after count");
      long expected = 0;
      for (int i = 0; i < 8; i++) {
        expected |= (long) (buffer.getByte(3 + i) & 0xFF) << (8 * i);
      }
      assertEquals(expected, dst[1], "little-endian");
    } finally {
      root.close();
    }
  }

  @Test
  void rangesOutsideTheBufferOrTheArrayAreRefused() {
    try (MutableBuffer buffer = MemoryPools.systemPool().allocate(64)) {
      long[] dst = new long[8];
      assertThrows(IndexOutOfBoundsException.class, () -> buffer.getLongs(8, dst, 0, 8));
      assertThrows(IndexOutOfBoundsException.class, () -> buffer.getLongs(-1, dst, 0, 1));
      IndexOutOfBoundsException array = assertThrows(IndexOutOfBoundsException.class, () -> buffer.getLongs(0, dst, 4, 5));
      assertEquals("range [offset 4, length 5] out of bounds for array of length 8", array.getMessage());
      assertThrows(IndexOutOfBoundsException.class, () -> buffer.getLongs(0, dst, 0, -1));
      assertThrows(NullPointerException.class, () -> buffer.getLongs(0, null, 0, 0));
      buffer.getLongs(64, dst, 8, 0); // empty at the end: allowed
      buffer.setLong(56, 42);
      buffer.getLongs(0, dst, 0, 8);
      assertEquals(42, dst[7]);
    }
  }

  @Test
  void aClosedBufferRefuses() {
    MutableBuffer buffer = MemoryPools.systemPool().allocate(64);
    buffer.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> buffer.getLongs(0, new long[1], 0, 1));
    assertEquals("buffer was closed: " + buffer, e.getMessage());
  }
}
