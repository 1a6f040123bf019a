package io.sluice.io.contract;

import static io.sluice.io.contract.SequentialReaderContract.assertClosedError;
import static io.sluice.io.contract.SequentialReaderContract.assertMessageContains;
import static io.sluice.io.contract.TestData.bytes;
import static io.sluice.io.contract.TestData.concat;
import static io.sluice.io.contract.TestData.slice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.io.NativeFile;
import io.sluice.io.Range;
import io.sluice.io.contract.TestData.Operation;
import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract of a writable {@link NativeFile}: every write variant lands byte-exact and in
 * order, {@code tell()} counts bytes written, argument, mode and closed-file errors, and the
 * {@code java.io} / {@code java.nio} views. Extend it with {@link #openWriter()} and
 * {@link #finish(NativeFile)}.
 *
 * <p>Capability hooks: {@link #capacity()} for fixed-size targets (writes past it must throw
 * {@link EOFException} with the position unchanged); seekable writers are also checked for
 * overwriting after a seek.
 */
public abstract class WriterContract {

  /** A new, empty writer at position 0. */
  protected abstract NativeFile openWriter() throws IOException;

  /**
   * Finishes the writer the kind's own way (usually {@code close()}; e.g. {@code getValue()} for a
   * BufferOutputStream) and returns everything it produced. For a fixed-size target this is the
   * whole target; the suite expects the unwritten rest to be zeros.
   */
  protected abstract byte[] finish(NativeFile writer) throws IOException;

  /** The target's fixed size, or {@code Long.MAX_VALUE} if it grows (the default). */
  protected long capacity() {
    return Long.MAX_VALUE;
  }

  protected String expectedMode() {
    return "wb";
  }

  /** Finishes {@code writer} and checks that exactly {@code expected} was written. */
  protected void assertWritten(byte[] expected, NativeFile writer) throws IOException {
    byte[] actual = finish(writer);
    assertTrue(writer.isClosed(), "finished writers are closed");
    if (capacity() != Long.MAX_VALUE) {
      expected = Arrays.copyOf(expected, (int) capacity());
    }
    assertEquals(expected.length, actual.length, "bytes written");
    assertArrayEquals(expected, actual);
  }

  // ---------------------------------------------------------------- identity

  @Test
  void identity() throws IOException {
    try (NativeFile writer = openWriter()) {
      assertEquals(expectedMode(), writer.mode());
      assertTrue(writer.writable());
      assertFalse(writer.readable());
      assertFalse(writer.isClosed());
      assertEquals(0, writer.tell());
    }
  }

  @Test
  void emptyWriterWritesNothing() throws IOException {
    assertWritten(new byte[0], openWriter());
  }

  // ---------------------------------------------------------------- writes

  @Test
  void everyWriteVariantLandsInOrder() throws IOException {
    byte[] a = bytes(10, 1);
    byte[] b = bytes(20, 2);
    byte[] c = bytes(30, 3);
    byte[] d = bytes(40, 4);
    byte[] e = bytes(50, 5);
    NativeFile writer = openWriter();
    assertEquals(10, writer.write(a));
    assertEquals(10, writer.tell());
    assertEquals(5, writer.write(b, 5, 5));
    assertEquals(15, writer.tell());
    try (Buffer buffer = Buffer.wrap(c)) {
      assertEquals(30, writer.write(buffer));
    }
    ByteBuffer heap = ByteBuffer.wrap(d, 10, 25);
    assertEquals(25, writer.write(heap));
    assertEquals(35, heap.position(), "write(ByteBuffer) consumes the buffer");
    ByteBuffer direct = ByteBuffer.allocateDirect(50).put(e).flip();
    assertEquals(50, writer.write(direct));
    assertFalse(direct.hasRemaining());
    try (MutableBuffer pool = MemoryPools.defaultPool().allocate(7)) {
      pool.setBytes(0, a, 0, 7);
      assertEquals(7, writer.write(pool));
    }
    assertEquals(0, writer.write(new byte[0]));
    assertEquals(0, writer.write(a, 3, 0));
    assertEquals(10 + 5 + 30 + 25 + 50 + 7, writer.tell());
    assertWritten(concat(a, slice(b, 5, 10), c, slice(d, 10, 35), e, slice(a, 0, 7)), writer);
  }

  @Test
  void boundarySizesInOneWrite() throws IOException {
    for (int size : TestData.BOUNDARY_SIZES) {
      if (size > capacity()) {
        continue;
      }
      byte[] content = bytes(size);
      NativeFile writer = openWriter();
      writer.write(content);
      assertEquals(size, writer.tell());
      assertWritten(content, writer);
    }
  }

  @Test
  void manySmallWritesThenALargeOne() throws IOException {
    byte[] small = bytes(16 * 10_000, 9);
    byte[] large = bytes(100_003, 10);
    NativeFile writer = openWriter();
    for (int i = 0; i < 10_000; i++) {
      writer.write(small, i * 16, 16);
    }
    writer.write(large);
    assertEquals(small.length + large.length, writer.tell());
    assertWritten(concat(small, large), writer);
  }

  @Test
  void flushKeepsWritingPossible() throws IOException {
    NativeFile writer = openWriter();
    writer.write(bytes(5, 1));
    writer.flush();
    writer.write(bytes(6, 2));
    writer.flush();
    writer.flush();
    assertWritten(concat(bytes(5, 1), bytes(6, 2)), writer);
  }

  @Test
  void uploadCopiesAStream() throws IOException {
    byte[] content = bytes(200_003);
    NativeFile writer = openWriter();
    writer.write(bytes(3, 5));
    assertEquals(content.length, writer.upload(new ByteArrayInputStream(content)));
    assertEquals(3 + content.length, writer.tell());
    assertWritten(concat(bytes(3, 5), content), writer);
  }

  @Test
  void overwriteAfterSeekWhereSeekable() throws IOException {
    NativeFile writer = openWriter();
    if (!writer.seekable()) {
      writer.close();
      assumeTrue(false, "only for seekable writers");
    }
    writer.write(TestData.ascii("hello world"));
    assertEquals(6, writer.seek(6));
    writer.write(TestData.ascii("WORLD"));
    assertEquals(11, writer.tell());
    writer.seek(0);
    writer.write(TestData.ascii("J"));
    assertWritten(TestData.ascii("Jello WORLD"), writer);
  }

  @Test
  void writingPastAFixedSizeThrowsEofWithThePositionUnchanged() throws IOException {
    assumeTrue(capacity() != Long.MAX_VALUE, "only for fixed-size targets");
    int size = (int) capacity();
    byte[] content = bytes(size);
    NativeFile writer = openWriter();
    writer.write(content, 0, size - 10);
    assertThrows(EOFException.class, () -> writer.write(new byte[11]));
    assertEquals(size - 10, writer.tell());
    assertThrows(EOFException.class, () -> writer.write(ByteBuffer.allocate(20)));
    assertEquals(size - 10, writer.tell());
    writer.write(content, size - 10, 10);
    assertThrows(EOFException.class, () -> writer.write(new byte[1]));
    if (writer.seekable()) {
      assertThrows(EOFException.class, () -> writer.seek(size + 1L));
      assertEquals(size, writer.tell());
    }
    assertWritten(content, writer);
  }

  // ---------------------------------------------------------------- bad arguments and modes

  @Test
  void badArgumentsAreRejectedAndWriteNothing() throws IOException {
    NativeFile writer = openWriter();
    assertMessageContains("data", assertThrows(NullPointerException.class, () -> writer.write((byte[]) null)));
    assertMessageContains("data", assertThrows(NullPointerException.class, () -> writer.write(null, 0, 1)));
    assertMessageContains("data", assertThrows(NullPointerException.class, () -> writer.write((Buffer) null)));
    assertMessageContains("data", assertThrows(NullPointerException.class, () -> writer.write((ByteBuffer) null)));
    assertMessageContains("in", assertThrows(NullPointerException.class, () -> writer.upload(null)));
    assertThrows(IndexOutOfBoundsException.class, () -> writer.write(new byte[4], -1, 2));
    assertThrows(IndexOutOfBoundsException.class, () -> writer.write(new byte[4], 0, -1));
    assertThrows(IndexOutOfBoundsException.class, () -> writer.write(new byte[4], 3, 2));
    assertEquals(0, writer.tell());
    assertWritten(new byte[0], writer);
  }

  @Test
  void readingAWriterIsUnsupported() throws IOException {
    try (NativeFile writer = openWriter()) {
      assertThrows(UnsupportedOperationException.class, writer::read);
      assertThrows(UnsupportedOperationException.class, () -> writer.read(1));
      assertThrows(UnsupportedOperationException.class, writer::readBuffer);
      assertThrows(UnsupportedOperationException.class, () -> writer.readBuffer(1));
      assertThrows(UnsupportedOperationException.class, () -> writer.readInto(new byte[1], 0, 1));
      assertThrows(UnsupportedOperationException.class, () -> writer.readInto(ByteBuffer.allocate(1)));
      assertThrows(UnsupportedOperationException.class, writer::readLine);
      assertThrows(UnsupportedOperationException.class, writer::readLines);
      assertThrows(UnsupportedOperationException.class, () -> writer.readAt(0, 1));
      assertThrows(UnsupportedOperationException.class, () -> writer.readBufferAt(0, 1));
      assertThrows(UnsupportedOperationException.class, () -> writer.readRanges(List.of(Range.of(0, 0))));
      assertThrows(UnsupportedOperationException.class, () -> writer.getStream(0, 0));
      assertThrows(UnsupportedOperationException.class, () -> writer.download(new ByteArrayOutputStream()));
      assertThrows(UnsupportedOperationException.class, writer::asInputStream);
      if (!writer.seekable()) {
        assertThrows(UnsupportedOperationException.class, () -> writer.seek(0));
      }
    }
  }

  // ---------------------------------------------------------------- closed

  @Test
  void everyOperationOnAClosedWriterSaysClosed() throws IOException {
    NativeFile writer = openWriter();
    writer.write(bytes(3));
    writer.close();
    writer.close();
    assertTrue(writer.isClosed());
    Map<String, Operation> ops = new LinkedHashMap<>();
    ops.put("write(byte[])", () -> writer.write(new byte[1]));
    ops.put("write(byte[],int,int)", () -> writer.write(new byte[1], 0, 1));
    ops.put("write(Buffer)", () -> writer.write(Buffer.wrap(new byte[1])));
    ops.put("write(ByteBuffer)", () -> writer.write(ByteBuffer.allocate(1)));
    ops.put("upload", () -> writer.upload(InputStream.nullInputStream()));
    ops.put("flush", writer::flush);
    ops.put("tell", writer::tell);
    ops.put("seek", () -> writer.seek(0));
    ops.put("read", () -> writer.read(1));
    ops.put("readAt", () -> writer.readAt(0, 1));
    ops.put("metadata", writer::metadata);
    for (Map.Entry<String, Operation> op : ops.entrySet()) {
      assertClosedError(op.getKey(), op.getValue());
    }
  }

  // ---------------------------------------------------------------- Java views

  @Test
  void outputStreamViewHasJavaIoSemantics() throws IOException {
    NativeFile writer = openWriter();
    OutputStream out = writer.asOutputStream();
    out.write(0);
    out.write(255);
    out.write(-1);   // only the low 8 bits count
    out.write(0x141);
    out.write(bytes(100), 10, 20);
    assertThrows(IndexOutOfBoundsException.class, () -> out.write(new byte[3], 2, 2));
    out.flush();
    assertEquals(24, writer.tell());
    assertWritten(concat(new byte[] {0, (byte) 255, (byte) 255, 0x41}, slice(bytes(100), 10, 30)), writer);
  }

  @Test
  void closingTheOutputStreamViewClosesTheFile() throws IOException {
    NativeFile writer = openWriter();
    OutputStream out = writer.asOutputStream();
    out.write(1);
    out.close();
    assertTrue(writer.isClosed());
    assertThrows(IOException.class, () -> out.write(1));
    assertThrows(IOException.class, out::flush);
    out.close();
  }

  @Test
  void channelViewHasJavaNioSemantics() throws IOException {
    NativeFile writer = openWriter();
    SeekableByteChannel channel = writer.asChannel();
    ByteBuffer src = ByteBuffer.wrap(bytes(1000));
    assertEquals(1000, channel.write(src));
    assertFalse(src.hasRemaining());
    assertEquals(1000, channel.position());
    assertThrows(NonReadableChannelException.class, () -> channel.read(ByteBuffer.allocate(1)));
    assertTrue(channel.isOpen());
    assertWritten(bytes(1000), writer);
    assertFalse(channel.isOpen());
    assertThrows(ClosedChannelException.class, () -> channel.write(ByteBuffer.allocate(1)));
    assertThrows(ClosedChannelException.class, channel::position);
    channel.close();
  }
}
