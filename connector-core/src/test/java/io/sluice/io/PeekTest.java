package io.sluice.io;

import static io.sluice.io.contract.SequentialReaderContract.assertMessageContains;
import static io.sluice.io.contract.TestData.bytes;
import static io.sluice.io.contract.TestData.slice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.io.contract.HostileInputStreams;
import io.sluice.memory.Buffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** {@code peek} on BufferedInputStream (seekable kinds: RandomAccessReaderContract), and its refusal on bare streams. */
class PeekTest {
  @Test
  void bufferedInputStreamPeeksFromItsBufferAndTopsItUp() throws IOException {
    byte[] content = bytes(1000);
    // A raw stream that returns 1..3 bytes per read: the buffer must be topped up in a loop.
    try (BufferedInputStream in = new BufferedInputStream(new JavaFile(HostileInputStreams.randomShortReads(content, 5)), 64)) {
      assertArrayEquals(slice(content, 0, 10), in.peek(10));
      assertEquals(0, in.tell());
      assertArrayEquals(slice(content, 0, 4), in.read(4));
      assertArrayEquals(slice(content, 4, 68), in.peek(64), "the unconsumed bytes move forward, more are read");
      assertArrayEquals(slice(content, 4, 68), in.peek(1000), "at most bufferSize() bytes");
      assertEquals(4, in.tell());
      assertArrayEquals(slice(content, 4, 104), in.read(100), "peeked bytes are read once, in order");
      in.read(890);
      assertArrayEquals(slice(content, 994, 1000), in.peek(64), "short at the end");
      assertArrayEquals(slice(content, 994, 1000), in.read());
      assertArrayEquals(new byte[0], in.peek(8), "empty at EOF");
      assertArrayEquals(new byte[0], in.peek(0));
      assertMessageContains("-2", assertThrows(IllegalArgumentException.class, () -> in.peek(-2)));
    }
  }

  @Test
  void peekThenReadLineSeesTheSameBytes() throws IOException {
    byte[] content = "first line\nsecond\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    try (BufferedInputStream in = new BufferedInputStream(new BufferReader(Buffer.wrap(content)), 8)) {
      assertArrayEquals(slice(content, 0, 5), in.peek(5));
      assertArrayEquals(slice(content, 0, 11), in.readLine());
      assertArrayEquals(slice(content, 11, 18), in.peek(8), "short at the end");
      assertArrayEquals(slice(content, 11, 18), in.readLine());
    }
  }

  @Test
  void aBareStreamCannotPeek() throws IOException {
    try (JavaFile in = new JavaFile(new ByteArrayInputStream(bytes(10)))) {
      UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> in.peek(1));
      assertEquals("peek needs a seekable file or a BufferedInputStream; JavaFile is a stream "
          + "(wrap it in a BufferedInputStream)", e.getMessage());
    }
    BufferOutputStream writer = new BufferOutputStream();
    assertThrows(UnsupportedOperationException.class, () -> writer.peek(1), "a writer cannot peek");
    writer.close();
  }
}
