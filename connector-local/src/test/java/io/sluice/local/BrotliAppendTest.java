package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.sluice.Sluice;
import io.sluice.io.CompressedInputStream;
import io.sluice.io.CompressedOutputStream;
import io.sluice.io.NativeFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: a {@code .br} file appended to twice ({@code "ab"} + a brotli
 * {@link CompressedOutputStream} each time) holds two brotli streams; Sluice reads it back whole
 * through extension detection ({@link Sluice#inputStream(Object)}) as PyArrow does.
 */
class BrotliAppendTest {
  @TempDir Path dir;

  @Test
  void appendingTwiceToABrFileReadsBackWholeThroughDetection() throws IOException {
    Path file = dir.resolve("log.br");
    byte[] first = new byte[150_000];
    new Random(1).nextBytes(first);
    byte[] second = "and a second, compressible part. ".repeat(5000).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (byte[] part : new byte[][] {first, second}) {
      try (NativeFile out = new CompressedOutputStream(new OSFile(file.toString(), "ab"), "brotli")) {
        out.write(part);
      }
    }
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(first);
    expected.write(second);
    try (NativeFile in = Sluice.inputStream(file.toString())) {
      assertInstanceOf(CompressedInputStream.class, in);
      assertArrayEquals(expected.toByteArray(), readAll(in));
    }
    byte[] joined = Files.readAllBytes(file);
    assertArrayEquals(expected.toByteArray(), readAll(new CompressedInputStream(
        new OSFile(file.toString(), "rb"), "brotli")), "explicit CompressedInputStream, " + joined.length + " bytes");
  }

  private static byte[] readAll(NativeFile in) throws IOException {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] chunk = new byte[10_000];
      int n;
      while ((n = in.readInto(chunk, 0, chunk.length)) > 0) {
        out.write(chunk, 0, n);
      }
      return out.toByteArray();
    }
  }
}
