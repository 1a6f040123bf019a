package io.sluice.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.compress.Codec;
import io.sluice.compress.CompressTestData;
import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CompressedStreamTest {
  static Iterable<String> codecs() {
    return CompressTestData.ALL_CODECS;
  }

  /** Writes {@code data} through a CompressedOutputStream with every write overload, random chunk sizes. */
  static byte[] writeCompressed(String codec, byte[] data, long seed) throws IOException {
    ByteArraySinkFile sink = new ByteArraySinkFile();
    Random random = new Random(seed);
    try (CompressedOutputStream out = new CompressedOutputStream(sink, codec)) {
      int at = 0;
      int kind = 0;
      while (at < data.length) {
        int n = Math.min(data.length - at, random.nextBoolean() ? 1 + random.nextInt(40) : 1 + random.nextInt(200_000));
        switch (kind++ % 4) {
          case 0 -> assertEquals(n, out.write(data, at, n));
          case 1 -> assertEquals(n, out.write(ByteBuffer.wrap(data, at, n)));
          case 2 -> {
            try (MutableBuffer pooled = MemoryPools.defaultPool().allocate(n)) {
              pooled.setBytes(0, data, at, n);
              assertEquals(n, out.write(pooled.asByteBuffer())); // direct memory
            }
          }
          default -> assertEquals(n, out.write(Buffer.wrap(data, at, n)));
        }
        at += n;
        assertEquals(at, out.tell());
        assertEquals(at, out.size());
      }
    }
    assertTrue(sink.isClosed(), "closing the compressed stream closes raw");
    return sink.toByteArray();
  }

  /** Reads everything back with a mix of the read overloads. */
  static byte[] readDecompressed(String codec, byte[] compressed, long seed) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Random random = new Random(seed);
    BufferReader raw = new BufferReader(Buffer.wrap(compressed));
    try (CompressedInputStream in = new CompressedInputStream(raw, codec)) {
      int kind = 0;
      while (true) {
        int n = random.nextBoolean() ? 1 + random.nextInt(40) : 1 + random.nextInt(200_000);
        int got;
        switch (kind++ % 4) {
          case 0 -> {
            byte[] chunk = in.read(n);
            out.writeBytes(chunk);
            got = chunk.length;
          }
          case 1 -> {
            try (MutableBuffer pooled = MemoryPools.defaultPool().allocate(n)) {
              ByteBuffer dst = pooled.asByteBuffer();
              got = in.readInto(dst);
              byte[] chunk = new byte[got];
              pooled.getBytes(0, chunk, 0, got);
              out.writeBytes(chunk);
            }
          }
          case 2 -> {
            try (Buffer chunk = in.readBuffer(n)) {
              out.writeBytes(chunk.toByteArray());
              got = (int) chunk.size();
            }
          }
          default -> {
            byte[] chunk = new byte[n + 3];
            got = in.readInto(chunk, 3, n);
            out.write(chunk, 3, got);
          }
        }
        assertEquals(out.size(), in.tell());
        if (got == 0) {
          break;
        }
      }
      assertEquals(0, in.read().length, "stays at EOF");
    }
    assertTrue(raw.isClosed(), "closing the compressed stream closes raw");
    return out.toByteArray();
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void roundTripThroughNativeFiles(String codec) throws IOException {
    for (int size : new int[] {0, 1, 100_000, 3 << 20}) {
      byte[] data = size % 2 == 0 ? CompressTestData.compressible(size, size) : CompressTestData.random(size, size);
      byte[] compressed = writeCompressed(codec, data, size);
      assertArrayEquals(data, readDecompressed(codec, compressed, size + 1), codec + " size " + size);
      // The stream writes exactly the codec's format.
      assertArrayEquals(data, CompressTestData.decompress(Codec.of(codec), compressed));
    }
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void identityAndModeChecks(String codec) throws IOException {
    ByteArraySinkFile sink = new ByteArraySinkFile();
    CompressedOutputStream out = new CompressedOutputStream(sink, codec);
    assertEquals("wb", out.mode());
    assertTrue(out.writable());
    assertFalse(out.readable());
    assertFalse(out.seekable());
    assertThrows(UnsupportedOperationException.class, () -> out.seek(0));
    assertThrows(UnsupportedOperationException.class, () -> out.read(1));
    out.write(new byte[] {1, 2, 3});
    out.close();
    out.close(); // idempotent
    IOException closed = assertThrows(IOException.class, () -> out.write(new byte[1]));
    assertTrue(closed.getMessage().contains("closed"), closed.getMessage());

    CompressedInputStream in = new CompressedInputStream(new BufferReader(Buffer.wrap(sink.toByteArray())), codec);
    assertEquals("rb", in.mode());
    assertTrue(in.readable());
    assertFalse(in.writable());
    assertFalse(in.seekable());
    assertThrows(UnsupportedOperationException.class, () -> in.seek(1));
    assertThrows(UnsupportedOperationException.class, () -> in.readAt(0, 1));
    assertThrows(UnsupportedOperationException.class, () -> in.write(new byte[1]));
    assertArrayEquals(new byte[] {1, 2, 3}, in.read());
    in.close();
    IOException readClosed = assertThrows(IOException.class, () -> in.read(1));
    assertTrue(readClosed.getMessage().contains("closed"), readClosed.getMessage());
  }

  @Test
  void argumentChecks() throws IOException {
    BufferReader raw = new BufferReader(Buffer.wrap(new byte[0]));
    NullPointerException npe = assertThrows(NullPointerException.class, () -> new CompressedInputStream(null, "gzip"));
    assertTrue(npe.getMessage().contains("raw"));
    assertThrows(NullPointerException.class, () -> new CompressedInputStream(raw, (String) null));
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> new CompressedInputStream(raw, "rar"));
    assertTrue(unknown.getMessage().contains("rar"));
    assertThrows(UnsupportedOperationException.class, () -> new CompressedOutputStream(raw, "gzip"),
        "a reader is not a compression target");
    assertThrows(UnsupportedOperationException.class, () -> new CompressedInputStream(new ByteArraySinkFile(), "gzip"));
    try (CompressedInputStream in = new CompressedInputStream(new BufferReader(Buffer.wrap(new byte[0])), "gzip")) {
      IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> in.setMaxOutputBytes(-5));
      assertTrue(negative.getMessage().contains("-5"));
    }
    raw.close();
  }

  @ParameterizedTest
  @CsvSource({"lz4_hadoop,lz4", "lz4,lz4_hadoop", "snappy,snappy_hadoop", "snappy_hadoop,snappy"})
  void magicBytesOverrideTheExtensionGuess(String writtenAs, String readAs) throws IOException {
    byte[] data = CompressTestData.compressible(500_000, 4);
    byte[] compressed = writeCompressed(writtenAs, data, 1);
    assertArrayEquals(data, readDecompressed(readAs, compressed, 2));
  }

  @Test
  void detectedLz4AndSnappyExtensionsReadBothFramings() throws IOException {
    byte[] data = CompressTestData.compressible(10_000, 5);
    String lz4 = Codec.detect("part-0.LZ4").orElseThrow();
    String snappy = Codec.detect("part-0.snappy").orElseThrow();
    assertArrayEquals(data, readDecompressed(lz4, writeCompressed("lz4_hadoop", data, 1), 1));
    assertArrayEquals(data, readDecompressed(lz4, writeCompressed("lz4", data, 1), 1));
    assertArrayEquals(data, readDecompressed(snappy, writeCompressed("snappy", data, 1), 1));
    assertArrayEquals(data, readDecompressed(snappy, writeCompressed("snappy_hadoop", data, 1), 1));
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void maxOutputBytesAllowsExactlyTheCap(String codec) throws IOException {
    byte[] data = CompressTestData.compressible(100_000, 6);
    byte[] compressed = writeCompressed(codec, data, 3);
    try (CompressedInputStream in = new CompressedInputStream(new BufferReader(Buffer.wrap(compressed)), codec)) {
      in.setMaxOutputBytes(100_000);
      assertEquals(100_000, in.maxOutputBytes());
      assertArrayEquals(data, in.read());
    }
    try (CompressedInputStream in = new CompressedInputStream(new BufferReader(Buffer.wrap(compressed)), codec)) {
      in.setMaxOutputBytes(99_999);
      assertArrayEquals(Arrays.copyOf(data, 65_536), in.read(65_536));
      IOException e = assertThrows(IOException.class, in::read);
      assertTrue(e.getMessage().startsWith(codec + ":") && e.getMessage().contains("99999"), e.getMessage());
      assertEquals(99_999, in.tell(), "everything up to the cap was delivered");
    }
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void corruptDataThroughTheStreamNamesTheCodec(String codec) throws IOException {
    byte[] compressed = writeCompressed(codec, CompressTestData.compressible(50_000, 7), 4);
    byte[] truncated = Arrays.copyOf(compressed, compressed.length - 3);
    try (CompressedInputStream in = new CompressedInputStream(new BufferReader(Buffer.wrap(truncated)), codec)) {
      IOException e = assertThrows(IOException.class, in::read);
      assertTrue(e.getMessage().startsWith(codec + ":"), e.getMessage());
    }
    try (CompressedInputStream in = new CompressedInputStream(new BufferReader(Buffer.wrap(new byte[0])), codec)) {
      IOException e = assertThrows(IOException.class, in::read);
      assertTrue(e.getMessage().startsWith(codec + ":"), e.getMessage());
    }
  }

  @Test
  void flushMakesEverythingWrittenSoFarDecodable() throws IOException {
    for (String codec : CompressTestData.ALL_CODECS) {
      ByteArraySinkFile sink = new ByteArraySinkFile();
      byte[] part = CompressTestData.compressible(5000, 8);
      try (CompressedOutputStream out = new CompressedOutputStream(sink, codec)) {
        out.write(part);
        out.flush();
        assertTrue(sink.flushes >= 1, codec + ": flush reaches raw");
        byte[] soFar = sink.toByteArray();
        // A reader of the flushed prefix gets all the data, then hits the unfinished end.
        try (java.io.InputStream in = Codec.of(codec).decompressingStream(new java.io.ByteArrayInputStream(soFar))) {
          byte[] got = in.readNBytes(part.length);
          assertArrayEquals(part, got, codec);
        }
      }
    }
  }

  @Test
  void levelledCodecInstance() throws IOException {
    byte[] data = CompressTestData.compressible(1 << 20, 9);
    ByteArraySinkFile fast = new ByteArraySinkFile();
    ByteArraySinkFile best = new ByteArraySinkFile();
    try (CompressedOutputStream out = new CompressedOutputStream(fast, Codec.of("zstd", 1))) {
      out.write(data);
    }
    try (CompressedOutputStream out = new CompressedOutputStream(best, Codec.of("zstd", 19))) {
      out.write(data);
      assertEquals(java.util.OptionalInt.of(19), out.codec().compressionLevel());
    }
    assertTrue(best.toByteArray().length < fast.toByteArray().length);
    assertArrayEquals(data, readDecompressed("zstd", best.toByteArray(), 1));
  }
}
