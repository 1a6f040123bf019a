package io.sluice.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.io.contract.SequentialReaderContract;
import io.sluice.io.contract.TestData;
import io.sluice.io.contract.WriterContract;
import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPool;
import io.sluice.memory.MemoryPools;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class BufferOutputStreamTest extends WriterContract {
  @Override
  protected NativeFile openWriter() {
    return new BufferOutputStream();
  }

  @Override
  protected byte[] finish(NativeFile writer) throws IOException {
    try (Buffer value = ((BufferOutputStream) writer).getValue()) {
      return value.toByteArray();
    }
  }

  @Test
  void getValueHandsOverTheMemoryWithoutACopyAndClosesTheStream() throws IOException {
    MemoryPool pool = MemoryPools.proxy(MemoryPools.defaultPool());
    BufferOutputStream out = new BufferOutputStream(pool);
    out.write(TestData.bytes(1000));
    long allocationsBefore = pool.numAllocations();
    long bytesBefore = pool.bytesAllocated();
    try (Buffer value = out.getValue()) {
      assertEquals(allocationsBefore, pool.numAllocations(), "no new allocation for the value");
      assertEquals(bytesBefore, pool.bytesAllocated(), "the written memory itself is handed over");
      assertEquals(1000, value.size());
      assertArrayEquals(TestData.bytes(1000), value.toByteArray());
      assertTrue(out.isClosed());
      SequentialReaderContract.assertClosedError("getValue twice", out::getValue);
    }
    assertEquals(0, pool.bytesAllocated(), "closing the value frees the memory");
  }

  @Test
  void growsGeometrically() throws IOException {
    MemoryPool pool = MemoryPools.proxy(MemoryPools.defaultPool());
    try (BufferOutputStream out = new BufferOutputStream(pool)) {
      byte[] chunk = new byte[16];
      for (int i = 0; i < 65_536; i++) { // 1 MiB in 16-byte writes
        out.write(chunk);
      }
      assertEquals(1 << 20, out.tell());
      assertEquals(1 << 20, out.size());
      // 256 B doubling to 1 MiB: 13 (re)allocations, not one per write.
      assertTrue(pool.numAllocations() <= 14, "allocations: " + pool.numAllocations());
    }
    assertEquals(0, pool.bytesAllocated(), "closing without getValue gives the memory back");
  }

  @Test
  void emptyValue() throws IOException {
    try (Buffer value = new BufferOutputStream().getValue()) {
      assertEquals(0, value.size());
    }
  }

  @Test
  void nullPoolIsRejected() {
    assertThrows(NullPointerException.class, () -> new BufferOutputStream(null));
  }
}
