package io.sluice.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.io.contract.RandomAccessReaderContract;
import io.sluice.io.contract.TestData;
import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import java.io.IOException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BufferReaderTest extends RandomAccessReaderContract {
  @Override
  protected NativeFile openReader(byte[] content) {
    return new BufferReader(Buffer.wrap(content));
  }

  @Override
  protected boolean readsAreZeroCopy() {
    return true;
  }

  @Test
  void readBufferIsASliceOfTheSource() throws IOException {
    try (MutableBuffer source = MemoryPools.defaultPool().allocate(100); BufferReader reader = new BufferReader(source)) {
      source.setBytes(0, TestData.bytes(100));
      reader.seek(10);
      try (Buffer slice = reader.readBuffer(20)) {
        assertSame(source, slice.parent());
        assertEquals(source.address() + 10, slice.address());
      }
      assertEquals(30, reader.tell());
    }
  }

  @Test
  void closingTheReaderLeavesTheSourceOpen() throws IOException {
    Buffer source = Buffer.wrap(TestData.bytes(10));
    new BufferReader(source).close();
    assertFalse(source.isReleased());
    assertArrayEquals(TestData.bytes(10), source.toByteArray());
  }

  @Test
  void nullSourceIsRejected() {
    assertThrows(NullPointerException.class, () -> new BufferReader(null));
  }

  /** The window of getStream is itself a random-access file and keeps the contract. */
  @Nested
  class Window extends RandomAccessReaderContract {
    @Override
    protected NativeFile openReader(byte[] content) throws IOException {
      byte[] padded = TestData.concat(TestData.bytes(7), content, TestData.bytes(5));
      return new BufferReader(Buffer.wrap(padded)).getStream(7, content.length);
    }

    @Override
    protected boolean readsAreZeroCopy() {
      return true;
    }
  }
}
