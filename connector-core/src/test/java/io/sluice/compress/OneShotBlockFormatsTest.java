package io.sluice.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.io.BufferOutputStream;
import io.sluice.io.BufferReader;
import io.sluice.io.CompressedInputStream;
import io.sluice.io.CompressedOutputStream;
import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyFramedOutputStream;

/**
 * One-shot {@code snappy} is a raw Snappy block and {@code lz4_raw} an LZ4 block, as PyArrow's
 * {@code pa.compress}, Parquet and Arrow IPC write them. Peers: hand-built blocks from the format
 * specifications, snappy-java's raw API, and lz4-java's pure-Java (safe) implementation, which is
 * a different decoder than the JNI one Sluice uses.
 */
class OneShotBlockFormatsTest {
  private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);
  /** Snappy raw block by the format description: varint length 5, literal tag (5-1)<<2, the bytes. */
  private static final byte[] SNAPPY_RAW_HELLO = {0x05, 0x10, 'h', 'e', 'l', 'l', 'o'};
  /** LZ4 block by the format description: token 0x50 (5 literals, no match), the bytes. */
  private static final byte[] LZ4_RAW_HELLO = {0x50, 'h', 'e', 'l', 'l', 'o'};

  private static byte[] compress(String codec, byte[] data) throws IOException {
    try (Buffer compressed = Codec.of(codec).compress(Buffer.wrap(data))) {
      return compressed.toByteArray();
    }
  }

  private static byte[] decompress(String codec, byte[] data, long size) throws IOException {
    try (Buffer restored = Codec.of(codec).decompress(Buffer.wrap(data), size)) {
      return restored.toByteArray();
    }
  }

  // ---------------------------------------------------------------- snappy

  @Test
  void snappyOneShotIsTheRawBlockOfTheFormatDescription() throws IOException {
    assertArrayEquals(SNAPPY_RAW_HELLO, compress("snappy", HELLO));
    assertArrayEquals(HELLO, decompress("snappy", SNAPPY_RAW_HELLO, 5));
  }

  @Test
  void snappyOneShotInteropsWithSnappyJavasRawApiBothWays() throws IOException {
    byte[] data = CompressTestData.compressible(300_000, 7);
    byte[] ours = compress("snappy", data);
    assertTrue(Snappy.isValidCompressedBuffer(ours));
    assertArrayEquals(data, Snappy.uncompress(ours));
    assertArrayEquals(data, decompress("snappy", Snappy.compress(data), data.length));
  }

  @Test
  void snappyOneShotReadsDirectInputAndWritesPoolMemory() throws IOException {
    byte[] data = CompressTestData.random(70_000, 3);
    Codec codec = Codec.of("snappy");
    try (MutableBuffer direct = MemoryPools.defaultPool().allocate(data.length)) {
      direct.setBytes(0, data);
      try (Buffer compressed = codec.compress(direct); Buffer restored = codec.decompress(compressed, data.length)) {
        assertArrayEquals(Snappy.compress(data), compressed.toByteArray());
        assertArrayEquals(data, restored.toByteArray());
      }
    }
  }

  @Test
  void snappyDecompressAlsoAcceptsTheFramingFormat() throws IOException {
    byte[] data = CompressTestData.compressible(200_000, 9);
    ByteArrayOutputStream framed = new ByteArrayOutputStream();
    try (SnappyFramedOutputStream out = new SnappyFramedOutputStream(framed)) {
      out.write(data);
    }
    assertArrayEquals(data, decompress("snappy", framed.toByteArray(), data.length));
  }

  @Test
  void snappyStreamsKeepTheFramingFormat() throws IOException {
    byte[] data = CompressTestData.compressible(100_000, 4);
    Buffer written;
    BufferOutputStream sink = new BufferOutputStream();
    try (CompressedOutputStream out = new CompressedOutputStream(sink, "snappy")) {
      out.write(data);
    }
    written = sink.getValue();
    try (written) {
      byte[] bytes = written.toByteArray();
      assertTrue(MagicBytes.isSnappyFramed(bytes), "stream starts with the framing stream identifier");
      try (CompressedInputStream in = new CompressedInputStream(new BufferReader(written), "snappy")) {
        assertArrayEquals(data, in.read());
      }
    }
  }

  @Test
  void snappyRawErrorsNameTheCodecAndTheSizes() throws IOException {
    IOException wrongSize = assertThrows(IOException.class, () -> decompress("snappy", SNAPPY_RAW_HELLO, 6));
    assertEquals("snappy: raw block declares 5 decompressed bytes, expected decompressedSize 6", wrongSize.getMessage());
    byte[] corrupt = Arrays.copyOf(SNAPPY_RAW_HELLO, 5); // literal cut short
    IOException truncated = assertThrows(IOException.class, () -> decompress("snappy", corrupt, 5));
    assertTrue(truncated.getMessage().startsWith("snappy: corrupt raw block"), truncated.getMessage());
    byte[] badHeader = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
    IOException header = assertThrows(IOException.class, () -> decompress("snappy", badHeader, 5));
    assertTrue(header.getMessage().startsWith("snappy: "), header.getMessage());
    IOException empty = assertThrows(IOException.class, () -> decompress("snappy", new byte[0], 0));
    assertEquals("snappy: empty input is not a raw Snappy block", empty.getMessage());
    assertArrayEquals(new byte[0], decompress("snappy", compress("snappy", new byte[0]), 0));
  }

  // ---------------------------------------------------------------- lz4_raw

  @Test
  void lz4RawIsTheBlockFormatOfTheFormatDescription() throws IOException {
    assertArrayEquals(LZ4_RAW_HELLO, compress("lz4_raw", HELLO));
    assertArrayEquals(HELLO, decompress("lz4_raw", LZ4_RAW_HELLO, 5));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 9, 17})
  void lz4RawInteropsWithLz4JavasPureJavaImplementationBothWays(int level) throws IOException {
    byte[] data = CompressTestData.compressible(500_000, level);
    LZ4Factory peer = LZ4Factory.safeInstance();
    byte[] ours;
    try (Buffer compressed = Codec.of("lz4_raw", level).compress(Buffer.wrap(data))) {
      ours = compressed.toByteArray();
    }
    assertArrayEquals(data, peer.safeDecompressor().decompress(ours, data.length));
    byte[] theirs = peer.highCompressor().compress(data);
    assertArrayEquals(data, decompress("lz4_raw", theirs, data.length));
    assertArrayEquals(data, decompress("lz4_raw", peer.fastCompressor().compress(data), data.length));
  }

  @Test
  void lz4RawDoesNotStream() throws IOException {
    Codec codec = Codec.of("lz4_raw");
    assertFalse(codec.supportsStreaming());
    String expected = "lz4_raw is a one-shot block format (Codec.compress/decompress); it cannot stream. "
        + "Use 'lz4' for streams and files";
    assertEquals(expected, assertThrows(UnsupportedOperationException.class,
        () -> codec.compressingStream(new ByteArrayOutputStream())).getMessage());
    assertEquals(expected, assertThrows(UnsupportedOperationException.class,
        () -> codec.decompressingStream(new ByteArrayInputStream(LZ4_RAW_HELLO))).getMessage());
    BufferOutputStream sink = new BufferOutputStream();
    assertEquals(expected, assertThrows(UnsupportedOperationException.class,
        () -> new CompressedOutputStream(sink, "lz4_raw")).getMessage());
    sink.close();
    BufferReader source = new BufferReader(Buffer.wrap(LZ4_RAW_HELLO));
    assertEquals(expected, assertThrows(UnsupportedOperationException.class,
        () -> new CompressedInputStream(source, "lz4_raw")).getMessage());
    assertEquals(Optional.empty(), Codec.detect("x.lz4_raw"), "no file extension names lz4_raw");
  }

  @Test
  void lz4RawErrorsNameTheCodecAndTheSizes() throws IOException {
    IOException shorter = assertThrows(IOException.class, () -> decompress("lz4_raw", LZ4_RAW_HELLO, 6));
    assertEquals("lz4_raw: data decompresses to 5 bytes, expected decompressedSize 6", shorter.getMessage());
    IOException longer = assertThrows(IOException.class, () -> decompress("lz4_raw", LZ4_RAW_HELLO, 4));
    assertTrue(longer.getMessage().startsWith(
        "lz4_raw: corrupt data, or data that decompresses to more than decompressedSize 4"), longer.getMessage());
    IOException truncated = assertThrows(IOException.class,
        () -> decompress("lz4_raw", Arrays.copyOf(LZ4_RAW_HELLO, 4), 5));
    assertTrue(truncated.getMessage().startsWith("lz4_raw: corrupt data"), truncated.getMessage());
    IOException huge = assertThrows(IOException.class,
        () -> Codec.of("lz4_raw").decompress(Buffer.wrap(LZ4_RAW_HELLO), 1L << 31));
    assertTrue(huge.getMessage().contains("2147483648"), huge.getMessage());
    assertThrows(IllegalArgumentException.class, () -> decompress("lz4_raw", LZ4_RAW_HELLO, -5));
    assertArrayEquals(new byte[0], decompress("lz4_raw", compress("lz4_raw", new byte[0]), 0));
  }

  @Test
  void lz4RawHasTheLevelsOfLz4() {
    assertTrue(Codec.supportsCompressionLevel("lz4_raw"));
    assertEquals(1, Codec.minimumCompressionLevel("lz4_raw"));
    assertEquals(1, Codec.defaultCompressionLevel("lz4_raw"));
    assertEquals(17, Codec.maximumCompressionLevel("lz4_raw"));
    assertTrue(Codec.isAvailable("lz4_raw"));
  }
}
