package io.sluice.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BufferTest {
  private static final byte[] SAMPLE = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, (byte) 0xFF, 0x0A};

  @Test
  void wrapByteArrayIsAZeroCopyView() {
    byte[] array = SAMPLE.clone();
    Buffer buffer = Buffer.wrap(array);
    assertEquals(10, buffer.size());
    assertTrue(buffer.isMutable());
    assertTrue(buffer.isCpu());
    assertNull(buffer.parent());
    array[0] = 42;
    assertEquals(42, buffer.getByte(0), "writes to the array show through: no copy was made");
  }

  @Test
  void wrapAllocatesNoPoolMemory() {
    long before = MemoryPools.memoryBean().getOutstandingBytes();
    Buffer.wrap(new byte[1 << 20]);
    Buffer.wrap(ByteBuffer.allocateDirect(1 << 20));
    assertEquals(before, MemoryPools.memoryBean().getOutstandingBytes());
  }

  @Test
  void wrapByteArrayRange() {
    Buffer buffer = Buffer.wrap(SAMPLE, 2, 3);
    assertEquals(3, buffer.size());
    assertArrayEquals(new byte[] {3, 4, 5}, buffer.toByteArray());
    IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> Buffer.wrap(SAMPLE, 8, 3));
    assertTrue(e.getMessage().contains("offset 8") && e.getMessage().contains("length 3")
        && e.getMessage().contains("10"), e.getMessage());
    assertThrows(IndexOutOfBoundsException.class, () -> Buffer.wrap(SAMPLE, -1, 3));
    assertThrows(IndexOutOfBoundsException.class, () -> Buffer.wrap(SAMPLE, 0, -1));
  }

  @Test
  void nullArgumentsAreNamed() {
    assertEquals("array", assertThrows(NullPointerException.class, () -> Buffer.wrap((byte[]) null)).getMessage());
    assertEquals("byteBuffer",
        assertThrows(NullPointerException.class, () -> Buffer.wrap((ByteBuffer) null)).getMessage());
    Buffer buffer = Buffer.wrap(SAMPLE);
    assertEquals("dst", assertThrows(NullPointerException.class, () -> buffer.getBytes(0, null, 0, 1)).getMessage());
    assertEquals("other", assertThrows(NullPointerException.class, () -> buffer.contentEquals(null)).getMessage());
  }

  @Test
  void wrapHeapByteBufferUsesItsRemainingBytesWithoutCopy() {
    ByteBuffer heap = ByteBuffer.wrap(SAMPLE.clone());
    heap.position(2).limit(6);
    Buffer buffer = Buffer.wrap(heap);
    assertEquals(4, buffer.size());
    assertTrue(buffer.isMutable());
    assertEquals(2, heap.position(), "wrapping does not move the position");
    heap.put(2, (byte) 99);
    assertEquals(99, buffer.getByte(0));
  }

  @Test
  void wrapReadOnlyByteBufferStaysReadOnly() {
    ByteBuffer readOnlyHeap = ByteBuffer.wrap(SAMPLE).asReadOnlyBuffer();
    readOnlyHeap.position(1);
    Buffer heapView = Buffer.wrap(readOnlyHeap);
    assertFalse(heapView.isMutable());
    assertFalse(heapView instanceof MutableBuffer);
    assertArrayEquals(new byte[] {2, 3, 4, 5, 6, 7, 8, (byte) 0xFF, 10}, heapView.toByteArray());

    ByteBuffer direct = ByteBuffer.allocateDirect(8);
    direct.putLong(0, 0x0102030405060708L);
    Buffer directView = Buffer.wrap(direct.asReadOnlyBuffer());
    assertFalse(directView.isMutable());
    assertEquals(0x01, directView.getByte(0));
    assertTrue(directView.asByteBuffer().isReadOnly());
    assertThrows(ReadOnlyBufferException.class, () -> directView.asByteBuffer().put(0, (byte) 1));
  }

  @Test
  void wrapDirectByteBufferSharesItsAddress() {
    ByteBuffer direct = ByteBuffer.allocateDirect(16);
    Buffer whole = Buffer.wrap(direct);
    Buffer fromDuplicate = Buffer.wrap(direct.duplicate().position(4));
    assertEquals(whole.address() + 4, fromDuplicate.address());
    ((MutableBuffer) whole).setInt(4, 0x11223344);
    assertEquals(0x11223344, fromDuplicate.getInt(0));
    assertEquals(0x44, direct.get(4), "little-endian: lowest byte first");
  }

  @Test
  void foreignBufferViewsExternalMemoryAndKeepsItsBaseReachable() throws Exception {
    ByteBuffer owner = ByteBuffer.allocateDirect(8).order(ByteOrder.LITTLE_ENDIAN);
    owner.putLong(0, 0x1122334455667788L);
    long address = Buffer.wrap(owner).address();
    Object base = owner;
    java.lang.ref.WeakReference<Object> baseRef = new java.lang.ref.WeakReference<>(base);
    Buffer foreign = Buffer.foreign(address, 8, base);
    base = null;
    owner = null;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertTrue(baseRef.get() != null, "base must stay reachable while the foreign buffer is");
    assertEquals(0x1122334455667788L, foreign.getLong(0));
    assertFalse(foreign.isMutable());
    assertEquals(address, foreign.address());
  }

  @Test
  void foreignRejectsBadArguments() {
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> Buffer.foreign(64, -5, null));
    assertTrue(negative.getMessage().contains("-5"), negative.getMessage());
    IllegalArgumentException nullAddress = assertThrows(IllegalArgumentException.class, () -> Buffer.foreign(0, 8, null));
    assertTrue(nullAddress.getMessage().contains("address"), nullAddress.getMessage());
    assertEquals(0, Buffer.foreign(0, 0, null).size());
  }

  @Test
  void typedGettersAreLittleEndian() {
    Buffer buffer = Buffer.wrap(SAMPLE);
    assertEquals(0x01, buffer.getByte(0));
    assertEquals(-1, buffer.getByte(8));
    assertEquals((short) 0x0201, buffer.getShort(0));
    assertEquals(0x04030201, buffer.getInt(0));
    assertEquals(0x0807060504030201L, buffer.getLong(0));
    assertEquals(0x0AFF080706050403L, buffer.getLong(2));
  }

  @Test
  void getBytesCopiesTheRange() {
    Buffer buffer = Buffer.wrap(SAMPLE);
    byte[] dst = new byte[6];
    buffer.getBytes(7, dst, 2, 3);
    assertArrayEquals(new byte[] {0, 0, 8, (byte) 0xFF, 10, 0}, dst);
    ByteBuffer direct = ByteBuffer.allocateDirect(4);
    buffer.getBytes(1, direct);
    assertEquals(4, direct.position());
    assertEquals(2, direct.get(0));
    assertEquals(5, direct.get(3));
    assertThrows(IndexOutOfBoundsException.class, () -> buffer.getBytes(0, dst, 4, 3));
  }

  @Test
  void toByteArrayCopies() {
    byte[] array = SAMPLE.clone();
    Buffer buffer = Buffer.wrap(array);
    byte[] copy = buffer.toByteArray();
    assertArrayEquals(SAMPLE, copy);
    copy[0] = 77;
    assertEquals(1, buffer.getByte(0));
  }

  @Test
  void hexIsUpperCase() {
    assertEquals("0102030405060708FF0A", Buffer.wrap(SAMPLE).hex());
    assertEquals("", Buffer.wrap(new byte[0]).hex());
  }

  @Test
  void equalityIsByContent() {
    try (MutableBuffer pool = MemoryPools.defaultPool().allocate(SAMPLE.length)) {
      pool.setBytes(0, SAMPLE);
      Buffer heap = Buffer.wrap(SAMPLE.clone());
      assertEquals(heap, pool);
      assertEquals(pool, heap);
      assertEquals(heap.hashCode(), pool.hashCode());
      assertTrue(pool.contentEquals(heap));
      pool.setByte(9, (byte) 0);
      assertNotEquals(heap, pool);
      assertFalse(heap.contentEquals(Buffer.wrap(SAMPLE, 0, 9)), "different sizes are never equal");
      assertNotEquals(heap, "not a buffer");
    }
  }

  @Test
  void sliceIsAZeroCopyViewThatKnowsItsParent() {
    try (MutableBuffer root = MemoryPools.defaultPool().allocate(100)) {
      root.fill((byte) 0);
      MutableBuffer slice = root.slice(10, 20);
      assertEquals(20, slice.size());
      assertSame(root, slice.parent());
      assertEquals(root.address() + 10, slice.address(), "two views of the same memory report the same address");
      slice.setByte(0, (byte) 7);
      assertEquals(7, root.getByte(10));
      Buffer tail = root.slice(90);
      assertEquals(10, tail.size());
      assertEquals(0, root.slice(100).size());
      Buffer nested = slice.slice(5, 5);
      assertSame(slice, nested.parent());
      assertEquals(root.address() + 15, nested.address());
    }
  }

  @Test
  void sliceIsBoundsChecked() {
    Buffer buffer = Buffer.wrap(SAMPLE);
    IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> buffer.slice(8, 3));
    assertTrue(e.getMessage().contains("index 8") && e.getMessage().contains("length 3")
        && e.getMessage().contains("size 10"), e.getMessage());
    assertThrows(IndexOutOfBoundsException.class, () -> buffer.slice(11));
    assertThrows(IndexOutOfBoundsException.class, () -> buffer.slice(-1));
    assertThrows(IndexOutOfBoundsException.class, () -> buffer.slice(0, -1));
  }

  @Test
  void asByteBufferIsAZeroCopyView() {
    try (MutableBuffer buffer = MemoryPools.defaultPool().allocate(16)) {
      buffer.fill((byte) 0);
      ByteBuffer view = buffer.asByteBuffer();
      assertTrue(view.isDirect());
      assertFalse(view.isReadOnly());
      assertEquals(16, view.capacity());
      assertEquals(ByteOrder.LITTLE_ENDIAN, view.order());
      view.putInt(4, 0x01020304);
      assertEquals(0x01020304, buffer.getInt(4));
      buffer.setByte(15, (byte) 9);
      assertEquals(9, view.get(15));
      assertEquals(buffer.address(), Buffer.wrap(view).address());
    }
  }

  @Test
  void asByteBufferOfImmutableBufferIsReadOnly() {
    Buffer readOnly = Buffer.wrap(ByteBuffer.wrap(SAMPLE).asReadOnlyBuffer());
    ByteBuffer view = readOnly.asByteBuffer();
    assertTrue(view.isReadOnly());
    assertEquals(0x0807060504030201L, view.getLong(0));
    assertThrows(ReadOnlyBufferException.class, () -> view.put(0, (byte) 1));
  }

  @Test
  void heapBufferViewsShareTheArray() {
    byte[] array = SAMPLE.clone();
    ByteBuffer view = Buffer.wrap(array, 2, 4).asByteBuffer();
    assertEquals(4, view.capacity());
    view.put(0, (byte) 55);
    assertEquals(55, array[2]);
  }

  @Test
  void buffersOver2GiBOfferChunkedByteBuffers() {
    long size = (2L << 30) + 100;
    try (MutableBuffer big = MemoryPools.systemPool().allocate(size)) {
      UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, big::asByteBuffer);
      assertTrue(e.getMessage().contains(Long.toString(size)), e.getMessage());
      big.setLong(size - 8, 0x0102030405060708L);
      big.setByte(1L << 30, (byte) 33);
      List<ByteBuffer> chunks = big.asByteBuffers();
      assertEquals(3, chunks.size());
      assertEquals(1 << 30, chunks.get(0).capacity());
      assertEquals(1 << 30, chunks.get(1).capacity());
      assertEquals(100, chunks.get(2).capacity());
      assertEquals(33, chunks.get(1).get(0));
      assertEquals(0x0102030405060708L, chunks.get(2).getLong(92));
    }
  }

  @Test
  void closingARootReleasesItsViews() {
    MutableBuffer root = MemoryPools.defaultPool().allocate(64);
    Buffer slice = root.slice(8, 8);
    root.close();
    root.close(); // idempotent
    assertTrue(root.isReleased());
    assertTrue(slice.isReleased());
    assertThrows(IllegalStateException.class, () -> slice.getLong(0));
    assertThrows(IllegalStateException.class, () -> root.getLong(0));
  }

  @Test
  void closingAViewLeavesTheRootUsable() {
    try (MutableBuffer root = MemoryPools.defaultPool().allocate(64)) {
      root.setLong(8, 5);
      Buffer slice = root.slice(8, 8);
      slice.close();
      assertThrows(IllegalStateException.class, () -> slice.getLong(0));
      assertEquals(5, root.getLong(8));
    }
  }

  @Test
  void closingAWrappedRootCutsOffItsViews() {
    Buffer root = Buffer.wrap(SAMPLE.clone());
    Buffer slice = root.slice(1, 2);
    root.close();
    assertThrows(IllegalStateException.class, () -> slice.getByte(0));
  }

  @Test
  void toStringSaysSizeAndState() {
    Buffer buffer = Buffer.wrap(SAMPLE);
    assertTrue(buffer.toString().contains("size=10"), buffer.toString());
    buffer.close();
    assertTrue(buffer.toString().contains("released"), buffer.toString());
  }
}
