package org.example.outside;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.io.BufferReader;
import io.sluice.io.FileMode;
import io.sluice.io.JavaFile;
import io.sluice.io.NativeFile;
import io.sluice.io.contract.RandomAccessReaderContract;
import io.sluice.io.contract.SequentialReaderContract;
import io.sluice.io.contract.TestData;
import io.sluice.io.contract.WriterContract;
import io.sluice.memory.Buffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Kinds a user writes outside Sluice's packages, on the public skeletons only (issue 15 point 1):
 * a positional file over a byte[] ({@link ByteArrayFile}), a counting decorator
 * ({@link CountingFile}) and a buffering stream on {@code readSome} ({@link ReadAheadStream}), each
 * run through the NativeFile contract suites, plus what the suites do not pin.
 */
class OutsideKindsTest {

  @Nested
  class ByteArrayFileKeepsTheRandomAccessContract extends RandomAccessReaderContract {
    @Override
    protected NativeFile openReader(byte[] content) {
      return new ByteArrayFile(content);
    }
  }

  @Nested
  class CountingOverByteArrayFile extends RandomAccessReaderContract {
    @Override
    protected NativeFile openReader(byte[] content) {
      return new CountingFile(new ByteArrayFile(content));
    }
  }

  /** The decorator forwards readBufferAtImpl: the wrapped BufferReader stays zero-copy. */
  @Nested
  class CountingOverBufferReader extends RandomAccessReaderContract {
    @Override
    protected NativeFile openReader(byte[] content) {
      return new CountingFile(new BufferReader(Buffer.wrap(content)));
    }

    @Override
    protected boolean readsAreZeroCopy() {
      return true;
    }
  }

  @Nested
  class CountingOverInputStream extends SequentialReaderContract {
    @Override
    protected NativeFile openReader(byte[] content) {
      return new CountingFile(new JavaFile(new ByteArrayInputStream(content)));
    }
  }

  @Nested
  class CountingOverOutputStream extends WriterContract {
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();

    @Override
    protected NativeFile openWriter() {
      sink.reset();
      return new CountingFile(new JavaFile(sink));
    }

    @Override
    protected byte[] finish(NativeFile writer) throws IOException {
      writer.close();
      return sink.toByteArray();
    }
  }

  @Nested
  class ReadAheadOverByteArrayFile extends SequentialReaderContract {
    @Override
    protected NativeFile openReader(byte[] content) {
      return new ReadAheadStream(new ByteArrayFile(content), 7);
    }
  }

  // ---------------------------------------------------------------- what the suites do not pin

  @Test
  void theSkeletonFixesTheMode() throws IOException {
    try (ByteArrayFile file = new ByteArrayFile(new byte[3]);
        ReadAheadStream stream = new ReadAheadStream(new ByteArrayFile(new byte[3]), 2)) {
      assertSame(FileMode.READ, file.fileMode());
      assertEquals("rb", file.mode());
      assertSame(FileMode.READ_STREAM, stream.fileMode());
      try (CountingFile decorated = new CountingFile(new JavaFile(new ByteArrayOutputStream()))) {
        assertSame(FileMode.WRITE_STREAM, decorated.fileMode());
      }
    }
  }

  @Test
  void seekingPastTheEndOfTheUsersFileNamesItAndKeepsThePosition() throws IOException {
    try (ByteArrayFile file = new ByteArrayFile(TestData.bytes(10))) {
      file.seek(4);
      EOFException e = assertThrows(EOFException.class, () -> file.seek(11));
      assertEquals("cannot seek to 11 past the end of byte-array file of 10 bytes (size 10)", e.getMessage());
      assertEquals(4, file.tell());
    }
  }

  @Test
  void theDecoratorCountsEveryRouteExactly() throws IOException {
    byte[] content = TestData.bytes(1000);
    try (CountingFile file = new CountingFile(new ByteArrayFile(content))) {
      assertArrayEquals(TestData.slice(content, 0, 10), file.read(10));
      assertEquals(10, file.bytesRead);
      assertArrayEquals(TestData.slice(content, 100, 105), file.readAt(100, 5));
      assertEquals(15, file.bytesRead);
      try (Buffer buffer = file.readBufferAt(200, 20)) {
        assertArrayEquals(TestData.slice(content, 200, 220), buffer.toByteArray());
      }
      assertEquals(35, file.bytesRead);
      assertEquals(10, file.tell(), "positional reads leave the position");
      ByteBuffer dst = ByteBuffer.allocate(4);
      assertEquals(4, file.readSome(dst));
      assertEquals(39, file.bytesRead);
      assertEquals(14, file.tell());
    }
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (CountingFile writer = new CountingFile(new JavaFile(sink))) {
      writer.write(new byte[7]);
      writer.write(ByteBuffer.allocate(5));
      assertEquals(12, writer.bytesWritten);
    }
    assertEquals(12, sink.size());
  }

  @Test
  void closingTheDecoratorClosesTheFileOnce() throws IOException {
    ByteArrayFile inner = new ByteArrayFile(new byte[5]);
    CountingFile file = new CountingFile(inner);
    file.close();
    file.close();
    assertTrue(inner.isClosed());
    assertEquals(1, inner.closes);
  }

  @Test
  void aDecoratorOverAClosedFileIsClosedAndSaysWhichFile() throws IOException {
    ByteArrayFile inner = new ByteArrayFile(new byte[5]);
    try (CountingFile file = new CountingFile(inner)) {
      inner.close();
      assertTrue(file.isClosed());
      IOException e = assertThrows(IOException.class, () -> file.read(1));
      assertEquals("I/O operation on closed file byte-array file of 5 bytes", e.getMessage());
      assertEquals(0, file.bytesRead);
    }
  }

  @Test
  void theReadAheadStreamReadsTheSourceInBlocks() throws IOException {
    byte[] content = TestData.bytes(20);
    try (ReadAheadStream stream = new ReadAheadStream(new ByteArrayFile(content), 8)) {
      for (int i = 0; i < 20; i++) {
        assertArrayEquals(TestData.slice(content, i, i + 1), stream.read(1));
      }
      assertEquals(0, stream.read(1).length);
      assertEquals(4, stream.sourceReads, "blocks of 8, 8, 4, then EOF");
    }
  }

  // ---------------------------------------------------------------- readSome / readSomeAt contract

  @Test
  void readSomeReadsAtMostWhatFitsAndSignalsTheEnd() throws IOException {
    try (ByteArrayFile file = new ByteArrayFile(TestData.bytes(10))) {
      assertEquals(0, file.readSome(ByteBuffer.allocate(0)));
      ByteBuffer dst = ByteBuffer.allocate(6);
      assertEquals(6, file.readSome(dst));
      assertArrayEquals(TestData.slice(TestData.bytes(10), 0, 6), dst.array());
      dst.clear();
      assertEquals(4, file.readSome(dst), "short at the end");
      assertEquals(4, dst.position());
      dst.clear();
      assertEquals(-1, file.readSome(dst));
      assertEquals(0, dst.position());
    }
  }

  @Test
  void readSomeChecksItsArgumentsTheModeAndClosedFiles() throws IOException {
    ByteArrayFile file = new ByteArrayFile(new byte[4]);
    assertEquals("dst", assertThrows(NullPointerException.class, () -> file.readSome(null)).getMessage());
    assertThrows(ReadOnlyBufferException.class, () -> file.readSome(ByteBuffer.allocate(2).asReadOnlyBuffer()));
    file.close();
    IOException closed = assertThrows(IOException.class, () -> file.readSome(ByteBuffer.allocate(2)));
    assertEquals("I/O operation on closed file byte-array file of 4 bytes", closed.getMessage());
    try (JavaFile writer = new JavaFile(new ByteArrayOutputStream())) {
      UnsupportedOperationException e =
          assertThrows(UnsupportedOperationException.class, () -> writer.readSome(ByteBuffer.allocate(2)));
      assertEquals("JavaFile in mode 'wb' is not readable", e.getMessage());
    }
  }

  @Test
  void readSomeAtLeavesThePositionAndFollowsTheEndRulesOfReadAt() throws IOException {
    byte[] content = TestData.bytes(10);
    try (ByteArrayFile file = new ByteArrayFile(content)) {
      file.seek(2);
      ByteBuffer dst = ByteBuffer.allocate(5);
      assertEquals(3, file.readSomeAt(7, dst));
      assertArrayEquals(TestData.slice(content, 7, 10), java.util.Arrays.copyOf(dst.array(), 3));
      assertEquals(2, file.tell());
      assertEquals(-1, file.readSomeAt(10, ByteBuffer.allocate(1)));
      EOFException e = assertThrows(EOFException.class, () -> file.readSomeAt(11, ByteBuffer.allocate(1)));
      assertEquals("offset 11 is past the end of the file (size 10)", e.getMessage());
      IllegalArgumentException negative =
          assertThrows(IllegalArgumentException.class, () -> file.readSomeAt(-1, ByteBuffer.allocate(1)));
      assertEquals("offset must not be negative: -1", negative.getMessage());
    }
    try (JavaFile stream = new JavaFile(new ByteArrayInputStream(content))) {
      UnsupportedOperationException e =
          assertThrows(UnsupportedOperationException.class, () -> stream.readSomeAt(0, ByteBuffer.allocate(1)));
      assertEquals("positional reads need a seekable file; JavaFile is a stream", e.getMessage());
    }
  }
}
