package io.sluice.io;

import static io.sluice.io.contract.TestData.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.Sluice;
import io.sluice.memory.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TransformInputStream and Sluice.transcodingInputStream (PyArrow transcoding_input_stream). */
class TransformInputStreamTest {
  /** Every width of UTF-8: ASCII, 2-byte, 3-byte and 4-byte (surrogate pair) characters. */
  private static final String TEXT;

  static {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      text.append("line ").append(i).append(": caf\u00e9 \u20ac \u65e5\u672c \ud83d\ude00\n");
    }
    TEXT = text.toString();
  }

  private static NativeFile source(byte[] content) {
    return new BufferReader(Buffer.wrap(content));
  }

  private static byte[] drain(NativeFile file) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] chunk = file.read(777); chunk.length > 0; chunk = file.read(777)) {
      out.writeBytes(chunk);
    }
    return out.toByteArray();
  }

  @Test
  void transformSeesEveryChunkThenAnEmptyOneAtTheEnd() throws IOException {
    byte[] content = bytes(150_000);
    List<Long> sizes = new ArrayList<>();
    try (TransformInputStream in = new TransformInputStream(source(content), chunk -> {
      sizes.add(chunk.size());
      byte[] upper = chunk.toByteArray();
      for (int i = 0; i < upper.length; i++) {
        upper[i] = (byte) (upper[i] ^ 0x5A);
      }
      return Buffer.wrap(upper);
    })) {
      assertEquals("rb", in.mode());
      assertFalse(in.seekable());
      byte[] out = drain(in);
      assertEquals(content.length, out.length);
      for (int i = 0; i < content.length; i++) {
        if ((byte) (content[i] ^ 0x5A) != out[i]) {
          throw new AssertionError("byte " + i);
        }
      }
      assertEquals(content.length, in.tell());
      assertEquals(List.of(65_536L, 65_536L, 18_928L, 0L), sizes, "64 KiB chunks, then the end");
      assertArrayEquals(new byte[0], in.read(1));
    }
  }

  @Test
  void transformMayReturnTheChunkASliceOrNothing() throws IOException {
    byte[] content = bytes(10);
    try (TransformInputStream same = new TransformInputStream(source(content), chunk -> chunk)) {
      assertArrayEquals(content, same.read());
    }
    try (TransformInputStream slice = new TransformInputStream(source(content), chunk -> chunk.slice(0, chunk.size() / 2))) {
      assertArrayEquals(java.util.Arrays.copyOf(content, 5), slice.read());
    }
    try (TransformInputStream none = new TransformInputStream(source(content), chunk -> Buffer.wrap(new byte[0]))) {
      assertArrayEquals(new byte[0], none.read());
    }
  }

  @Test
  void transformErrorsReachTheReader() throws IOException {
    try (TransformInputStream failing = new TransformInputStream(source(bytes(10)), chunk -> {
      throw new UncheckedIOException(new IOException("transform says no"));
    })) {
      assertEquals("transform says no", assertThrows(IOException.class, () -> failing.read(1)).getMessage());
    }
    try (TransformInputStream nulls = new TransformInputStream(source(bytes(10)), chunk -> null)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> nulls.read(1));
      assertTrue(e.getMessage().startsWith("the transform returned null for a chunk of 10 bytes"), e.getMessage());
    }
    assertThrows(NullPointerException.class, () -> new TransformInputStream(null, chunk -> chunk));
    assertThrows(NullPointerException.class, () -> new TransformInputStream(source(bytes(1)), null));
    BufferOutputStream writer = new BufferOutputStream();
    assertThrows(IllegalArgumentException.class, () -> new TransformInputStream(writer, chunk -> chunk));
    writer.close();
  }

  @Test
  void closingClosesTheRawFile() throws IOException {
    NativeFile raw = source(bytes(10));
    TransformInputStream in = new TransformInputStream(raw, chunk -> chunk);
    in.read(3);
    in.close();
    assertTrue(raw.isClosed());
  }

  @ParameterizedTest
  @ValueSource(strings = {"UTF-16LE", "UTF-16", "UTF-32BE", "GB18030", "UTF-8"})
  void transcodesUtf8ToOtherCharsetsExactlyAsTheJdk(String target) throws IOException {
    Charset to = Charset.forName(target);
    byte[] input = TEXT.getBytes(StandardCharsets.UTF_8);
    try (NativeFile in = Sluice.transcodingInputStream(source(input), StandardCharsets.UTF_8, to)) {
      assertArrayEquals(TEXT.getBytes(to), drain(in));
    }
  }

  /** Chunks of 1..7 bytes split every multi-byte character somewhere. */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 7})
  void charactersSplitAcrossChunksAreCarriedOver(int chunkSize) throws IOException {
    byte[] input = TEXT.substring(0, 2000).getBytes(StandardCharsets.UTF_8);
    try (NativeFile in = new TransformInputStream(source(input),
        new Transcoder(StandardCharsets.UTF_8, StandardCharsets.UTF_16BE), chunkSize)) {
      assertArrayEquals(TEXT.substring(0, 2000).getBytes(StandardCharsets.UTF_16BE), drain(in));
    }
    byte[] utf16 = TEXT.substring(0, 2000).getBytes(StandardCharsets.UTF_16LE);
    try (NativeFile in = new TransformInputStream(source(utf16),
        new Transcoder(StandardCharsets.UTF_16LE, StandardCharsets.UTF_8), chunkSize)) {
      assertArrayEquals(input, drain(in));
    }
  }

  @Test
  void undecodableInputNamesTheCharsetAndTheByteOffset() throws IOException {
    byte[] input = "abc\u00e9def".getBytes(StandardCharsets.UTF_8);
    byte[] bad = new byte[input.length + 1];
    System.arraycopy(input, 0, bad, 0, 5);
    bad[5] = (byte) 0xFF; // never valid in UTF-8
    System.arraycopy(input, 5, bad, 6, input.length - 5);
    for (int chunkSize : new int[] {1, 4, 64}) {
      try (NativeFile in = new TransformInputStream(source(bad), new Transcoder(StandardCharsets.UTF_8,
          StandardCharsets.UTF_16LE), chunkSize)) {
        CharacterCodingException e = assertThrows(CharacterCodingException.class, () -> drain(in));
        assertEquals("input is not valid UTF-8 at byte offset 5 (malformed input of 1 byte)", e.getMessage(),
            "chunk size " + chunkSize);
      }
    }
    byte[] truncated = java.util.Arrays.copyOf("ab\u20ac".getBytes(StandardCharsets.UTF_8), 4); // euro sign cut
    try (NativeFile in = Sluice.transcodingInputStream(source(truncated), StandardCharsets.UTF_8,
        StandardCharsets.UTF_16LE)) {
      CharacterCodingException e = assertThrows(CharacterCodingException.class, () -> drain(in));
      assertEquals("input is not valid UTF-8 at byte offset 2 (malformed input of 2 bytes)", e.getMessage());
    }
  }

  @Test
  void unencodableCharactersNameTheTargetCharset() throws IOException {
    byte[] input = "plain ascii then \u00e9".getBytes(StandardCharsets.UTF_8);
    try (NativeFile in = Sluice.transcodingInputStream(source(input), StandardCharsets.UTF_8,
        StandardCharsets.US_ASCII)) {
      CharacterCodingException e = assertThrows(CharacterCodingException.class, () -> drain(in));
      assertTrue(e.getMessage().startsWith("US-ASCII cannot encode a character decoded from the input"),
          e.getMessage());
    }
  }

  /** A 48 MiB input goes through while only chunk-sized buffers are alive (the JVM heap is not a cap here). */
  @Test
  void streamsLargeInputChunkByChunk() throws IOException {
    byte[] line = "0123456789 \u00e9\u00e8\u00ea abcdefghij\n".getBytes(StandardCharsets.UTF_8);
    long total = 48L << 20;
    List<Long> chunkSizes = new ArrayList<>();
    NativeFile endless = new JavaFile(new java.io.InputStream() {
      private long served;

      @Override
      public int read() {
        throw new UnsupportedOperationException();
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (served >= total) {
          return -1;
        }
        int n = (int) Math.min(len, total - served);
        for (int i = 0; i < n; i++) {
          b[off + i] = line[(int) ((served + i) % line.length)];
        }
        served += n;
        return n;
      }
    });
    Transcoder transcoder = new Transcoder(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1);
    try (NativeFile in = new TransformInputStream(endless, chunk -> {
      chunkSizes.add(chunk.size());
      return transcoder.apply(chunk);
    })) {
      long produced = 0;
      for (byte[] chunk = in.read(1 << 16); chunk.length > 0; chunk = in.read(1 << 16)) {
        produced += chunk.length;
      }
      assertEquals(in.tell(), produced);
    }
    assertTrue(chunkSizes.stream().allMatch(size -> size <= 65_536), "never more than one chunk at a time");
    assertEquals(total, chunkSizes.stream().mapToLong(Long::longValue).sum());
  }

  /** Interop with iconv(1): the same bytes both ways. */
  @Test
  void agreesWithIconv(@TempDir Path dir) throws Exception {
    Path iconv = Path.of("/usr/bin/iconv");
    assumeTrue(Files.isExecutable(iconv), "iconv is not installed (apt-get install libc-bin)");
    Path utf8 = Files.writeString(dir.resolve("in.txt"), TEXT, StandardCharsets.UTF_8);
    Path utf16 = dir.resolve("iconv-utf16le.txt");
    Process process = new ProcessBuilder(iconv.toString(), "-f", "UTF-8", "-t", "UTF-16LE", utf8.toString())
        .redirectOutput(utf16.toFile()).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue());
    try (NativeFile in = Sluice.transcodingInputStream(source(Files.readAllBytes(utf8)), StandardCharsets.UTF_8,
        StandardCharsets.UTF_16LE)) {
      assertArrayEquals(Files.readAllBytes(utf16), drain(in), "Sluice writes what iconv writes");
    }
    try (NativeFile in = Sluice.transcodingInputStream(source(Files.readAllBytes(utf16)),
        StandardCharsets.UTF_16LE, StandardCharsets.UTF_8)) {
      assertArrayEquals(Files.readAllBytes(utf8), drain(in), "Sluice reads what iconv writes");
    }
  }
}
