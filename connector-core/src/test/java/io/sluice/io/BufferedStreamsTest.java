package io.sluice.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.io.contract.HostileInputStreams;
import io.sluice.io.contract.SequentialReaderContract;
import io.sluice.io.contract.TestData;
import io.sluice.io.contract.WriterContract;
import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPool;
import io.sluice.memory.MemoryPools;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BufferedStreamsTest {

  @Nested
  class InputOverBufferReader extends SequentialReaderContract {
    @Override
    protected NativeFile openReader(byte[] content) {
      return new BufferedInputStream(new BufferReader(Buffer.wrap(content)), 4096);
    }
  }

  @Nested
  class TinyBufferOverHostileStream extends SequentialReaderContract {
    @Override
    protected NativeFile openReader(byte[] content) {
      return new BufferedInputStream(new JavaFile(HostileInputStreams.randomShortReads(content, 42)), 7);
    }
  }

  @Nested
  class OutputOverJavaStream extends WriterContract {
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();

    @Override
    protected NativeFile openWriter() {
      sink.reset();
      return new BufferedOutputStream(new JavaFile(sink), 4096);
    }

    @Override
    protected byte[] finish(NativeFile writer) throws IOException {
      writer.close();
      return sink.toByteArray();
    }
  }

  @Nested
  class TinyOutputBufferOverBufferOutputStream extends WriterContract {
    /** A closed BufferOutputStream keeps its bytes for getValue(): the test takes and closes them. */
    private final java.util.List<BufferOutputStream> opened = new java.util.ArrayList<>();

    @Override
    protected NativeFile openWriter() {
      BufferOutputStream raw = new BufferOutputStream();
      opened.add(raw);
      return new BufferedOutputStream(raw, 7);
    }

    @org.junit.jupiter.api.AfterEach
    void releaseTheValuesNobodyTook() throws IOException {
      for (BufferOutputStream raw : opened) {
        try {
          raw.getValue().close();
        } catch (IllegalStateException alreadyClosedByItsOwner) {
          // finish() took the value and closed it
        }
      }
    }

    @Override
    protected byte[] finish(NativeFile writer) throws IOException {
      BufferOutputStream raw = (BufferOutputStream) ((BufferedOutputStream) writer).detach();
      try (Buffer value = raw.getValue()) {
        return value.toByteArray();
      }
    }
  }

  @Test
  void bufferSizeMustBePositive() {
    NativeFile reader = new BufferReader(Buffer.wrap(new byte[1]));
    SequentialReaderContract.assertMessageContains("0",
        assertThrows(IllegalArgumentException.class, () -> new BufferedInputStream(reader, 0)));
    SequentialReaderContract.assertMessageContains("-1",
        assertThrows(IllegalArgumentException.class, () -> new BufferedOutputStream(new BufferOutputStream(), -1)));
    assertThrows(NullPointerException.class, () -> new BufferedInputStream(null, 10));
    assertThrows(IllegalArgumentException.class, () -> new BufferedInputStream(new BufferOutputStream(), 10),
        "a writer cannot be read through a buffer");
    assertThrows(IllegalArgumentException.class, () -> new BufferedOutputStream(reader, 10));
  }

  @Test
  void outputIsInvisibleUntilFlushOrClose() throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    BufferedOutputStream out = new BufferedOutputStream(new JavaFile(sink), 100);
    out.write(TestData.bytes(60));
    assertEquals(0, sink.size(), "buffered");
    assertEquals(60, out.bytesBuffered());
    assertEquals(60, out.tell());
    out.flush();
    assertArrayEquals(TestData.bytes(60), sink.toByteArray());
    out.write(TestData.bytes(30, 1));
    assertEquals(60, sink.size());
    out.write(TestData.bytes(80, 2)); // does not fit beside the pending 30: those go out first
    assertEquals(90, sink.size());
    assertEquals(80, out.bytesBuffered());
    out.write(TestData.bytes(250, 3)); // larger than the buffer: straight through after the pending bytes
    assertEquals(420, sink.size());
    assertEquals(0, out.bytesBuffered());
    out.write(TestData.bytes(5, 4));
    assertEquals(420, sink.size());
    out.close();
    assertArrayEquals(TestData.concat(TestData.bytes(60), TestData.bytes(30, 1), TestData.bytes(80, 2),
        TestData.bytes(250, 3), TestData.bytes(5, 4)), sink.toByteArray());
  }

  @Test
  void outputDetachFlushesAndLeavesRawOpen() throws IOException {
    BufferOutputStream raw = new BufferOutputStream();
    BufferedOutputStream out = new BufferedOutputStream(raw, 64);
    out.write(TestData.bytes(10));
    assertSame(raw, out.detach());
    assertTrue(out.isClosed());
    assertFalse(raw.isClosed());
    try (Buffer value = raw.getValue()) {
      assertArrayEquals(TestData.bytes(10), value.toByteArray());
    }
    SequentialReaderContract.assertClosedError("detach twice", out::detach);
  }

  @Test
  void inputDetachReturnsRawPositionedAfterWhatWasBuffered() throws IOException {
    byte[] content = TestData.bytes(100);
    BufferReader raw = new BufferReader(Buffer.wrap(content));
    BufferedInputStream in = new BufferedInputStream(raw, 30);
    assertArrayEquals(TestData.slice(content, 0, 5), in.read(5));
    assertEquals(5, in.tell());
    assertEquals(25, in.bytesBuffered());
    assertSame(raw, in.detach());
    assertTrue(in.isClosed());
    assertFalse(raw.isClosed());
    assertEquals(30, raw.tell());
    raw.close();
  }

  @Test
  void closingTheBufferedStreamClosesRawAndFreesItsBuffer() throws IOException {
    MemoryPool pool = MemoryPools.proxy(MemoryPools.defaultPool());
    NativeFile raw = new JavaFile(new ByteArrayInputStream(TestData.bytes(10)));
    BufferedInputStream in = new BufferedInputStream(raw, 1000, pool);
    assertEquals(1024, pool.bytesAllocated());
    in.close();
    assertTrue(raw.isClosed());
    assertEquals(0, pool.bytesAllocated());
  }

  @Test
  void smallReadsAreServedFromTheBuffer() throws IOException {
    byte[] content = TestData.ascii("line one\nline two\n");
    int[] rawReads = {0};
    NativeFile raw = new JavaFile(new ByteArrayInputStream(content) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        rawReads[0]++;
        return super.read(b, off, len);
      }
    });
    try (BufferedInputStream in = new BufferedInputStream(raw, 1024)) {
      assertArrayEquals(TestData.ascii("line one\n"), in.readLine());
      assertArrayEquals(TestData.ascii("line two\n"), in.readLine());
      assertArrayEquals(new byte[0], in.readLine());
    }
    assertEquals(2, rawReads[0], "one read filled the buffer, one saw EOF");
  }
}
