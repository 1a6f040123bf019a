package io.sluice.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static io.sluice.io.contract.SequentialReaderContract.assertClosedError;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.io.contract.SequentialReaderContract;
import io.sluice.io.contract.TestData;
import io.sluice.io.contract.WriterContract;
import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPool;
import io.sluice.testing.GarbageCollection;
import io.sluice.memory.MemoryPools;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BufferOutputStreamTest extends WriterContract {
  /** Writers the contract opened: their memory stays for getValue() until someone takes and closes it. */
  private final List<BufferOutputStream> opened = new ArrayList<>();

  @Override
  protected NativeFile openWriter() {
    BufferOutputStream writer = new BufferOutputStream();
    opened.add(writer);
    return writer;
  }

  @AfterEach
  void releaseTheValuesNobodyTook() throws IOException {
    for (BufferOutputStream writer : opened) {
      try {
        writer.getValue().close();
      } catch (IllegalStateException alreadyClosedByItsOwner) {
        // finish() took the value and closed it: nothing left to release
      }
    }
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
      assertSame(value, out.getValue(), "a second getValue returns the same buffer");
    }
    assertEquals(0, pool.bytesAllocated(), "closing the value frees the memory");
    IllegalStateException e = assertThrows(IllegalStateException.class, out::getValue);
    assertEquals("the value of this BufferOutputStream (1000 bytes) was taken before and has been closed by its owner",
        e.getMessage());
  }

  /** PyArrow's everyday pattern: compress into a BufferOutputStream, close, take the value. */
  @Test
  void getValueAfterCloseThroughACompressedStream() throws IOException {
    byte[] data = TestData.bytes(100_000);
    MemoryPool pool = MemoryPools.proxy(MemoryPools.defaultPool());
    BufferOutputStream sink = new BufferOutputStream(pool);
    try (CompressedOutputStream out = new CompressedOutputStream(sink, "zstd")) {
      out.write(data);
    }
    assertTrue(sink.isClosed(), "closing the compressed stream closed its target");
    try (Buffer value = sink.getValue(); Buffer again = sink.getValue()) {
      assertSame(value, again);
      try (CompressedInputStream in = new CompressedInputStream(new BufferReader(value), "zstd")) {
        assertArrayEquals(data, in.read());
      }
    }
    assertEquals(0, pool.bytesAllocated(), "closing the value gave the memory back");
    assertClosedError("write after close", () -> sink.write(new byte[1]));
  }

  @Test
  void closeKeepsTheBytesForGetValue() throws IOException {
    MemoryPool pool = MemoryPools.proxy(MemoryPools.defaultPool());
    BufferOutputStream out = new BufferOutputStream(pool);
    out.write(TestData.bytes(300)); // staged, not yet in pool memory
    out.close();
    out.close();
    assertEquals(320, pool.bytesAllocated(), "the 300 bytes are kept (64-byte multiples)");
    try (Buffer value = out.getValue()) {
      assertEquals(300, value.size());
      assertArrayEquals(TestData.bytes(300), value.toByteArray());
    }
    assertEquals(0, pool.bytesAllocated());
  }

  /** A stream whose value nobody takes gives its memory back once it is unreachable. */
  @Test
  void anAbandonedClosedStreamGivesTheMemoryBackAfterGarbageCollection() throws InterruptedException, IOException {
    MemoryPool pool = MemoryPools.proxy(MemoryPools.systemPool());
    BufferOutputStream out = new BufferOutputStream(pool);
    out.write(TestData.bytes(5000));
    out.close();
    assertTrue(pool.bytesAllocated() >= 5000);
    out = null;
    assertEquals(0, GarbageCollection.collectUntilZero(pool::bytesAllocated), "memory came back after garbage collection");
  }

  @Test
  void growsGeometrically() throws IOException {
    MemoryPool pool = MemoryPools.proxy(MemoryPools.defaultPool());
    BufferOutputStream out = new BufferOutputStream(pool);
    try (out) {
      byte[] chunk = new byte[16];
      for (int i = 0; i < 65_536; i++) { // 1 MiB in 16-byte writes
        out.write(chunk);
      }
      assertEquals(1 << 20, out.tell());
      assertEquals(1 << 20, out.size());
      // 256 B doubling to 1 MiB: 13 (re)allocations, not one per write.
      assertTrue(pool.numAllocations() <= 14, "allocations: " + pool.numAllocations());
    }
    out.getValue().close();
    assertEquals(0, pool.bytesAllocated(), "closing the value gives the memory back");
  }

  /** Growth through the large sizes (cached blocks or in-place resizes) keeps every byte, on both backends. */
  @Test
  void largeValuesKeepEveryByteOnBothBackends() throws IOException {
    byte[] chunk = TestData.bytes(65_536);
    for (String backend : MemoryPools.supportedBackends()) {
      MemoryPool pool = MemoryPools.proxy(MemoryPools.forBackend(backend));
      BufferOutputStream out = new BufferOutputStream(pool);
      int chunks = 600; // 37.5 MiB: through 1, 2, 4 ... 64 MiB
      for (int i = 0; i < chunks; i++) {
        chunk[0] = (byte) i;
        out.write(chunk);
      }
      out.write(new byte[] {1, 2, 3}); // staged, moved by getValue
      try (Buffer value = out.getValue()) {
        assertEquals(chunks * 65_536L + 3, value.size(), backend);
        byte[] read = new byte[65_536];
        for (int i = 0; i < chunks; i++) {
          value.getBytes(i * 65_536L, read, 0, read.length);
          chunk[0] = (byte) i;
          assertArrayEquals(chunk, read, backend + ": chunk " + i);
        }
        assertEquals(3, value.getByte(value.size() - 1), backend);
      }
      assertEquals(0, pool.bytesAllocated(), backend + ": closing the value gives the memory back");
    }
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
