package io.sluice.io;

import static org.junit.jupiter.api.Assertions.*;

import io.sluice.memory.Buffer;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeFileSmokeTest {
  @Test
  void basics() throws IOException {
    byte[] data = "hello\nworld\nlast".getBytes(StandardCharsets.US_ASCII);
    try (BufferReader r = new BufferReader(Buffer.wrap(data))) {
      assertArrayEquals("hello\n".getBytes(), r.readLine());
      assertEquals(6, r.tell());
      assertArrayEquals("wor".getBytes(), r.read(3));
      assertEquals(List.of("ld\n", "last"), r.readLines().stream().map(String::new).toList());
      assertEquals(0, r.read().length);
      assertThrows(EOFException.class, () -> r.seek(17));
      assertEquals(16, r.tell());
      assertEquals(3, r.seek(-13, Whence.END));
      List<Buffer> got = r.readRanges(List.of(Range.of(12, 4), Range.of(0, 5), Range.of(2, 5)));
      assertEquals("last", new String(got.get(0).toByteArray()));
      assertEquals("hello", new String(got.get(1).toByteArray()));
      assertEquals("llo\nw", new String(got.get(2).toByteArray()));
      assertEquals(3, r.tell());
      NativeFile w = r.getStream(6, 100);
      assertEquals(10, w.size());
      assertArrayEquals("world\nlast".getBytes(), w.read());
    }
  }
}
