package io.sluice.io.contract;

import static io.sluice.io.contract.TestData.ascii;
import static io.sluice.io.contract.TestData.bytes;
import static io.sluice.io.contract.TestData.slice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.sluice.io.NativeFile;
import io.sluice.io.Range;
import io.sluice.io.contract.TestData.Operation;
import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract every readable {@link NativeFile} keeps when read front to back: EOF rules,
 * argument checks, closed-file and mode behaviour, lines, and the {@code java.io} / {@code java.nio}
 * views. Extend it and implement {@link #openReader(byte[])}; {@link RandomAccessReaderContract}
 * adds what seekable files promise on top.
 *
 * <p>Every test closes every file and pool buffer it makes: the leak extension checks it.
 */
public abstract class SequentialReaderContract {

  /** A readable file with exactly {@code content}, positioned at its start. */
  protected abstract NativeFile openReader(byte[] content) throws IOException;

  /** The mode the kind reports; {@code "rb"} for every reader so far. */
  protected String expectedMode() {
    return "rb";
  }

  // ---------------------------------------------------------------- identity and empty files

  @Test
  void identity() throws IOException {
    try (NativeFile file = openReader(bytes(10))) {
      assertEquals(expectedMode(), file.mode());
      assertTrue(file.readable());
      assertFalse(file.writable());
      assertFalse(file.isClosed());
      assertEquals(0, file.tell());
    }
  }

  @Test
  void emptyFileReadsNothingEveryWay() throws IOException {
    try (NativeFile file = openReader(new byte[0])) {
      assertArrayEquals(new byte[0], file.read());
      assertArrayEquals(new byte[0], file.read(10));
      try (Buffer buffer = file.readBuffer(); Buffer some = file.readBuffer(5)) {
        assertEquals(0, buffer.size());
        assertEquals(0, some.size());
      }
      assertEquals(0, file.readInto(new byte[4], 0, 4));
      assertEquals(0, file.readInto(ByteBuffer.allocate(4)));
      assertArrayEquals(new byte[0], file.readLine());
      assertEquals(List.of(), file.readLines());
      assertEquals(0, file.tell());
    }
    try (NativeFile file = openReader(new byte[0]); InputStream in = file.asInputStream()) {
      assertEquals(-1, in.read());
      assertEquals(-1, in.read(new byte[3], 0, 3));
    }
    try (NativeFile file = openReader(new byte[0]); SeekableByteChannel channel = file.asChannel()) {
      assertEquals(-1, channel.read(ByteBuffer.allocate(3)));
    }
  }

  // ---------------------------------------------------------------- EOF rules

  @Test
  void readAllReturnsEveryByteAtEveryBoundarySize() throws IOException {
    for (int size : TestData.BOUNDARY_SIZES) {
      byte[] content = bytes(size);
      try (NativeFile file = openReader(content)) {
        assertArrayEquals(content, file.read(), "size " + size);
        assertEquals(size, file.tell(), "size " + size);
        assertArrayEquals(new byte[0], file.read(), "size " + size);
      }
    }
  }

  @Test
  void readToEofAndOnePast() throws IOException {
    byte[] content = bytes(1000);
    try (NativeFile file = openReader(content)) {
      assertArrayEquals(slice(content, 0, 999), file.read(999));
      assertArrayEquals(slice(content, 999, 1000), file.read(1));
      assertArrayEquals(new byte[0], file.read(1));
      assertEquals(0, file.readInto(new byte[8], 0, 8));
      assertEquals(1000, file.tell());
    }
    try (NativeFile file = openReader(content)) {
      assertArrayEquals(content, file.read(1001), "one past EOF gives what there is");
      assertArrayEquals(new byte[0], file.read(Long.MAX_VALUE));
    }
  }

  @Test
  void readZeroReturnsEmptyAndDoesNotMove() throws IOException {
    byte[] content = bytes(50);
    try (NativeFile file = openReader(content)) {
      assertArrayEquals(new byte[0], file.read(0));
      assertEquals(0, file.readInto(new byte[10], 3, 0));
      assertEquals(0, file.readInto(ByteBuffer.allocate(0)));
      try (Buffer buffer = file.readBuffer(0)) {
        assertEquals(0, buffer.size());
      }
      assertEquals(0, file.tell());
      assertArrayEquals(content, file.read());
    }
  }

  @Test
  void readsInChunksOfEverySizeReassembleTheContent() throws IOException {
    byte[] content = bytes(100_000);
    for (int chunk : new int[] {1, 7, 4096, 65537}) {
      try (NativeFile file = openReader(content)) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part = file.read(chunk); part.length > 0; part = file.read(chunk)) {
          assertTrue(part.length == chunk || file.tell() == content.length, "short read before EOF");
          out.write(part);
        }
        assertArrayEquals(content, out.toByteArray(), "chunk " + chunk);
      }
    }
  }

  @Test
  void readIntoArrayRespectsOffsetAndLength() throws IOException {
    byte[] content = bytes(300);
    try (NativeFile file = openReader(content)) {
      byte[] dst = new byte[200];
      assertEquals(100, file.readInto(dst, 50, 100));
      assertArrayEquals(new byte[50], slice(dst, 0, 50), "bytes before off untouched");
      assertArrayEquals(slice(content, 0, 100), slice(dst, 50, 150));
      assertArrayEquals(new byte[50], slice(dst, 150, 200), "bytes after off+len untouched");
      assertEquals(200, file.readInto(dst, 0, 200), "fills completely while data remains");
      assertArrayEquals(slice(content, 100, 300), dst);
      assertEquals(0, file.readInto(dst, 0, 200));
    }
  }

  @Test
  void readIntoByteBufferAdvancesItsPosition() throws IOException {
    byte[] content = bytes(5000);
    for (ByteBuffer dst : List.of(ByteBuffer.allocate(6000), ByteBuffer.allocateDirect(6000))) {
      try (NativeFile file = openReader(content)) {
        dst.position(10).limit(3010);
        assertEquals(3000, file.readInto(dst));
        assertEquals(3010, dst.position());
        dst.limit(6000);
        assertEquals(2000, file.readInto(dst), "short only at EOF");
        assertEquals(5010, dst.position());
        byte[] got = new byte[5000];
        dst.position(10);
        dst.get(got);
        assertArrayEquals(content, got);
      }
    }
  }

  @Test
  void readIntoMutableBuffer() throws IOException {
    byte[] content = bytes(5000);
    try (NativeFile file = openReader(content); MutableBuffer dst = MemoryPools.defaultPool().allocate(3000)) {
      assertEquals(3000, file.readInto(dst));
      assertArrayEquals(slice(content, 0, 3000), dst.toByteArray());
      assertEquals(2000, file.readInto(dst));
      assertArrayEquals(slice(content, 3000, 5000), slice(dst.toByteArray(), 0, 2000));
      assertEquals(0, file.readInto(dst));
    }
  }

  @Test
  void readBufferReturnsExactBytes() throws IOException {
    byte[] content = bytes(70_000);
    try (NativeFile file = openReader(content)) {
      try (Buffer first = file.readBuffer(65_537)) {
        assertEquals(65_537, first.size());
        assertArrayEquals(slice(content, 0, 65_537), first.toByteArray());
      }
      try (Buffer rest = file.readBuffer()) {
        assertArrayEquals(slice(content, 65_537, 70_000), rest.toByteArray());
      }
      try (Buffer none = file.readBuffer(10)) {
        assertEquals(0, none.size());
      }
    }
  }

  // ---------------------------------------------------------------- lines

  @Test
  void readLineKeepsTheNewlineAndReturnsEmptyAtEof() throws IOException {
    try (NativeFile file = openReader(ascii("first\n\nthird line\nno newline at end"))) {
      assertArrayEquals(ascii("first\n"), file.readLine());
      assertArrayEquals(ascii("\n"), file.readLine());
      assertArrayEquals(ascii("third line\n"), file.readLine());
      assertEquals(6 + 1 + 11, file.tell());
      assertArrayEquals(ascii("no newline at end"), file.readLine());
      assertArrayEquals(new byte[0], file.readLine());
    }
  }

  @Test
  void readLinesReturnsEveryLineAndLongLinesWhole() throws IOException {
    byte[] longLine = new byte[20_000];
    java.util.Arrays.fill(longLine, (byte) 'x');
    byte[] content = TestData.concat(ascii("a\n"), longLine, ascii("\nb\n"));
    try (NativeFile file = openReader(content)) {
      List<byte[]> lines = file.readLines();
      assertEquals(3, lines.size());
      assertArrayEquals(ascii("a\n"), lines.get(0));
      assertArrayEquals(TestData.concat(longLine, ascii("\n")), lines.get(1));
      assertArrayEquals(ascii("b\n"), lines.get(2));
      assertEquals(content.length, file.tell());
    }
  }

  // ---------------------------------------------------------------- bad arguments and modes

  @Test
  void negativeArgumentsAreRejectedWithTheValue() throws IOException {
    try (NativeFile file = openReader(bytes(10))) {
      assertMessageContains("-1", assertThrows(IllegalArgumentException.class, () -> file.read(-1)));
      assertMessageContains("-5", assertThrows(IllegalArgumentException.class, () -> file.readBuffer(-5)));
      assertThrows(IndexOutOfBoundsException.class, () -> file.readInto(new byte[4], -1, 2));
      assertThrows(IndexOutOfBoundsException.class, () -> file.readInto(new byte[4], 0, -2));
      assertThrows(IndexOutOfBoundsException.class, () -> file.readInto(new byte[4], 3, 2));
      assertEquals(0, file.tell(), "failed calls must not move the position");
    }
  }

  @Test
  void nullArgumentsNameTheArgument() throws IOException {
    try (NativeFile file = openReader(bytes(10))) {
      assertMessageContains("dst", assertThrows(NullPointerException.class, () -> file.readInto(null, 0, 1)));
      assertMessageContains("dst", assertThrows(NullPointerException.class, () -> file.readInto((ByteBuffer) null)));
      assertMessageContains("dst", assertThrows(NullPointerException.class, () -> file.readInto((MutableBuffer) null)));
      assertMessageContains("out", assertThrows(NullPointerException.class, () -> file.download(null)));
      assertMessageContains("ranges", assertThrows(NullPointerException.class, () -> file.readRanges(null)));
    }
  }

  @Test
  void writingAReaderIsUnsupported() throws IOException {
    try (NativeFile file = openReader(bytes(10))) {
      assertThrows(UnsupportedOperationException.class, () -> file.write(new byte[1]));
      assertThrows(UnsupportedOperationException.class, () -> file.write(new byte[3], 0, 1));
      assertThrows(UnsupportedOperationException.class, () -> file.write(ByteBuffer.allocate(1)));
      try (Buffer one = Buffer.wrap(new byte[1])) {
        assertThrows(UnsupportedOperationException.class, () -> file.write(one));
      }
      assertThrows(UnsupportedOperationException.class, () -> file.upload(InputStream.nullInputStream()));
      assertThrows(UnsupportedOperationException.class, file::asOutputStream);
      file.flush(); // a no-op on readers, as in PyArrow
      assertEquals(0, file.tell());
    }
  }

  @Test
  void streamsRefuseSeekingAndPositionalReads() throws IOException {
    try (NativeFile file = openReader(bytes(10))) {
      assumeFalse(file.seekable(), "only for streams");
      assertThrows(UnsupportedOperationException.class, () -> file.seek(0));
      assertThrows(UnsupportedOperationException.class, () -> file.seek(0, io.sluice.io.Whence.END));
      assertThrows(UnsupportedOperationException.class, () -> file.readAt(0, 1));
      assertThrows(UnsupportedOperationException.class, () -> file.readBufferAt(0, 1));
      assertThrows(UnsupportedOperationException.class, () -> file.readRanges(List.of(Range.of(0, 1))));
      assertThrows(UnsupportedOperationException.class, () -> file.getStream(0, 1));
      assertArrayEquals(bytes(10), file.read(), "nothing consumed by the refused calls");
    }
  }

  // ---------------------------------------------------------------- closed files

  /** Every public operation on a closed file, by name. */
  protected Map<String, Operation> operationsOn(NativeFile file) {
    Map<String, Operation> ops = new LinkedHashMap<>();
    ops.put("read()", file::read);
    ops.put("read(n)", () -> file.read(1));
    ops.put("readBuffer()", () -> file.readBuffer().close());
    ops.put("readBuffer(n)", () -> file.readBuffer(1).close());
    ops.put("readInto(byte[])", () -> file.readInto(new byte[1], 0, 1));
    ops.put("readInto(ByteBuffer)", () -> file.readInto(ByteBuffer.allocate(1)));
    ops.put("readInto(MutableBuffer)", () -> {
      try (MutableBuffer dst = MutableBuffer.wrap(new byte[1])) {
        file.readInto(dst);
      }
    });
    ops.put("readLine", file::readLine);
    ops.put("readLines", file::readLines);
    ops.put("readAt", () -> file.readAt(0, 1));
    ops.put("readBufferAt", () -> file.readBufferAt(0, 1).close());
    ops.put("readRanges", () -> file.readRanges(List.of(Range.of(0, 1))));
    ops.put("getStream", () -> file.getStream(0, 1));
    ops.put("tell", file::tell);
    ops.put("seek", () -> file.seek(0));
    ops.put("seek(whence)", () -> file.seek(0, io.sluice.io.Whence.SET));
    ops.put("size", file::size);
    ops.put("write(byte[])", () -> file.write(new byte[1]));
    ops.put("write(ByteBuffer)", () -> file.write(ByteBuffer.allocate(1)));
    ops.put("flush", file::flush);
    ops.put("download", () -> file.download(new ByteArrayOutputStream()));
    ops.put("upload", () -> file.upload(InputStream.nullInputStream()));
    ops.put("metadata", file::metadata);
    return ops;
  }

  @Test
  void everyOperationOnAClosedFileSaysClosed() throws IOException {
    NativeFile file = openReader(bytes(10));
    file.close();
    assertTrue(file.isClosed());
    file.close(); // idempotent
    assertTrue(file.isClosed());
    for (Map.Entry<String, Operation> op : operationsOn(file).entrySet()) {
      assertClosedError(op.getKey(), op.getValue());
    }
  }

  /** Asserts the closed-file error: an IOException whose message says "closed". */
  public static void assertClosedError(String what, Operation op) {
    try {
      op.run();
      fail(what + " on a closed file did not throw");
    } catch (ClosedChannelException e) {
      return; // the java.nio form of the same error
    } catch (IOException e) {
      assertTrue(String.valueOf(e.getMessage()).contains("closed"),
          what + ": message should say closed but was: " + e.getMessage());
    } catch (RuntimeException e) {
      fail(what + " on a closed file threw " + e + " instead of an IOException saying closed", e);
    }
  }

  public static void assertMessageContains(String expected, Throwable e) {
    assertTrue(String.valueOf(e.getMessage()).contains(expected),
        "message should contain '" + expected + "' but was: " + e.getMessage());
  }

  // ---------------------------------------------------------------- bulk

  @Test
  void downloadCopiesEverything() throws IOException {
    byte[] content = bytes(150_000);
    try (NativeFile file = openReader(content)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertEquals(content.length, file.download(out));
      assertArrayEquals(content, out.toByteArray());
    }
  }

  // ---------------------------------------------------------------- Java views

  @Test
  void inputStreamViewHasJavaIoSemantics() throws IOException {
    byte[] content = {0, 1, (byte) 0x7F, (byte) 0x80, (byte) 0xFF, 42};
    NativeFile file = openReader(content);
    try (InputStream in = file.asInputStream()) {
      assertEquals(0, in.read());
      assertEquals(1, in.read());
      assertEquals(0x7F, in.read());
      assertEquals(0x80, in.read(), "bytes are returned as 0..255");
      assertEquals(0xFF, in.read());
      byte[] b = new byte[4];
      assertEquals(0, in.read(b, 1, 0), "a zero-length read returns 0");
      assertEquals(1, in.read(b, 1, 3), "then returns what is left");
      assertEquals(42, b[1]);
      assertEquals(-1, in.read());
      assertEquals(-1, in.read(b, 0, 4));
      assertThrows(IndexOutOfBoundsException.class, () -> in.read(b, 3, 2));
    }
    assertTrue(file.isClosed(), "closing the view closes the file");
    InputStream closed = file.asInputStream();
    assertThrows(IOException.class, closed::read);
  }

  @Test
  void inputStreamViewWorksForJavaCopyCode() throws IOException {
    byte[] content = bytes(300_001);
    try (NativeFile file = openReader(content); InputStream in = file.asInputStream()) {
      assertEquals(100, in.skip(100));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertEquals(content.length - 100, in.transferTo(out));
      assertArrayEquals(slice(content, 100, content.length), out.toByteArray());
      assertEquals(0, in.skip(10), "nothing left to skip");
    }
    try (NativeFile file = openReader(content); InputStream in = file.asInputStream()) {
      assertArrayEquals(content, in.readAllBytes());
    }
  }

  @Test
  void channelViewHasJavaNioSemantics() throws IOException {
    byte[] content = bytes(100);
    NativeFile file = openReader(content);
    SeekableByteChannel channel = file.asChannel();
    assertTrue(channel.isOpen());
    ByteBuffer dst = ByteBuffer.allocate(150);
    int total = 0;
    for (int n = channel.read(dst); n >= 0; n = channel.read(dst)) {
      total += n;
    }
    assertEquals(100, total);
    assertEquals(100, channel.position());
    assertArrayEquals(content, slice(dst.array(), 0, 100));
    assertEquals(-1, channel.read(ByteBuffer.allocate(1)));
    assertThrows(NonWritableChannelException.class, () -> channel.write(ByteBuffer.allocate(1)));
    channel.close();
    assertFalse(channel.isOpen());
    assertTrue(file.isClosed());
    assertThrows(ClosedChannelException.class, () -> channel.read(ByteBuffer.allocate(1)));
    assertThrows(ClosedChannelException.class, channel::position);
    assertThrows(ClosedChannelException.class, channel::size);
    channel.close();
  }

  /** Reads all of {@code file} by a sequence of {@code read(chunk)} calls. */
  protected static byte[] drain(NativeFile file, int chunk) throws IOException {
    List<byte[]> parts = new ArrayList<>();
    for (byte[] part = file.read(chunk); part.length > 0; part = file.read(chunk)) {
      parts.add(part);
    }
    return TestData.concat(parts.toArray(new byte[0][]));
  }
}
