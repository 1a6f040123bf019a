package io.sluice.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.io.contract.ByteArrayChannel;
import io.sluice.io.contract.HostileInputStreams;
import io.sluice.io.contract.RandomAccessReaderContract;
import io.sluice.io.contract.SequentialReaderContract;
import io.sluice.io.contract.TestData;
import io.sluice.io.contract.WriterContract;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaFileTest {

  @Nested
  class OverInputStream extends SequentialReaderContract {
    @Override
    protected NativeFile openReader(byte[] content) {
      return new JavaFile(new ByteArrayInputStream(content));
    }
  }

  @Nested
  class OverOneByteAtATimeStream extends SequentialReaderContract {
    @Override
    protected NativeFile openReader(byte[] content) {
      return new JavaFile(HostileInputStreams.oneByteAtATime(content));
    }
  }

  @Nested
  class OverRandomShortReadStream extends SequentialReaderContract {
    @Override
    protected NativeFile openReader(byte[] content) {
      return new JavaFile(HostileInputStreams.randomShortReads(content, content.length));
    }
  }

  @Nested
  class OverInMemoryChannel extends RandomAccessReaderContract {
    @Override
    protected NativeFile openReader(byte[] content) throws IOException {
      return new JavaFile(new ByteArrayChannel(content, 3), "rb"); // at most 3 bytes per channel read
    }

    @Override
    protected boolean allowsSeekPastEnd() {
      return true;
    }
  }

  @Nested
  class OverFileChannel extends RandomAccessReaderContract {
    @TempDir
    Path dir;

    @Override
    protected NativeFile openReader(byte[] content) throws IOException {
      Path path = Files.createTempFile(dir, "reader", ".bin");
      Files.write(path, content);
      return new JavaFile(FileChannel.open(path, StandardOpenOption.READ), "r");
    }

    @Override
    protected boolean allowsSeekPastEnd() {
      return true;
    }
  }

  @Nested
  class OverOutputStream extends WriterContract {
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();

    @Override
    protected NativeFile openWriter() {
      sink.reset();
      return new JavaFile(sink);
    }

    @Override
    protected byte[] finish(NativeFile writer) throws IOException {
      writer.close();
      return sink.toByteArray();
    }
  }

  @Nested
  class OverWritableChannel extends WriterContract {
    private ByteArrayChannel channel;

    @Override
    protected NativeFile openWriter() throws IOException {
      channel = new ByteArrayChannel();
      return new JavaFile(channel, "wb");
    }

    @Override
    protected byte[] finish(NativeFile writer) throws IOException {
      writer.close();
      return channel.toByteArray();
    }
  }

  @Test
  void modeIsInferredFromTheHandle() throws IOException {
    try (JavaFile in = new JavaFile(InputStream.nullInputStream());
        JavaFile out = new JavaFile(OutputStream.nullOutputStream());
        JavaFile both = new JavaFile(new ByteArrayChannel(), "r+")) {
      assertEquals("rb", in.mode());
      assertTrue(in.readable());
      assertFalse(in.writable());
      assertFalse(in.seekable(), "a non-seekable source says so");
      assertEquals("wb", out.mode());
      assertFalse(out.seekable());
      assertEquals("rb+", both.mode());
      assertTrue(both.readable() && both.writable() && both.seekable());
    }
  }

  @Test
  void unknownChannelModeIsRejectedWithTheValue() {
    SequentialReaderContract.assertMessageContains("x+",
        assertThrows(IllegalArgumentException.class, () -> new JavaFile(new ByteArrayChannel(), "x+")));
    assertThrows(NullPointerException.class, () -> new JavaFile(new ByteArrayChannel(), null));
    assertThrows(NullPointerException.class, () -> new JavaFile((InputStream) null));
  }

  @Test
  void tellOnAnOutputStreamCountsBytesWritten() throws IOException {
    try (JavaFile out = new JavaFile(OutputStream.nullOutputStream())) {
      out.write(new byte[10]);
      out.write(new byte[5], 1, 3);
      assertEquals(13, out.tell());
      assertThrows(UnsupportedOperationException.class, out::size);
    }
  }

  @Test
  void appendModeWritesAtTheEnd() throws IOException {
    ByteArrayChannel channel = new ByteArrayChannel(TestData.ascii("abc"), Integer.MAX_VALUE);
    try (JavaFile file = new JavaFile(channel, "ab")) {
      assertEquals(3, file.tell());
      assertFalse(file.seekable());
      file.write(TestData.ascii("def"));
    }
    assertArrayEquals(TestData.ascii("abcdef"), channel.toByteArray());
  }

  @Test
  void readWriteChannelReadsBackWhatItWrote() throws IOException {
    ByteArrayChannel channel = new ByteArrayChannel();
    try (JavaFile file = new JavaFile(channel, "rb+")) {
      file.write(TestData.bytes(100));
      assertArrayEquals(TestData.slice(TestData.bytes(100), 10, 20), file.readAt(10, 10));
      file.seek(50);
      assertArrayEquals(TestData.slice(TestData.bytes(100), 50, 100), file.read());
    }
  }

  @Test
  void closingTheFileClosesTheHandle() throws IOException {
    AtomicBoolean inClosed = new AtomicBoolean();
    AtomicBoolean outClosed = new AtomicBoolean();
    new JavaFile(new ByteArrayInputStream(new byte[1]) {
      @Override
      public void close() {
        inClosed.set(true);
      }
    }).close();
    new JavaFile(new ByteArrayOutputStream() {
      @Override
      public void close() {
        outClosed.set(true);
      }
    }).close();
    ByteArrayChannel channel = new ByteArrayChannel();
    new JavaFile(channel, "w").close();
    assertTrue(inClosed.get());
    assertTrue(outClosed.get());
    assertFalse(channel.isOpen());
  }
}
