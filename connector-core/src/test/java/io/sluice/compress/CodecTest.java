package io.sluice.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.memory.Buffer;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CodecTest {
  @Test
  void everyCodecIsAvailableHere() {
    for (String name : CompressTestData.ALL_CODECS) {
      assertTrue(Codec.isAvailable(name), name);
      assertEquals(name, Codec.of(name).name());
      assertEquals(name, Codec.of(name.toUpperCase()).name(), "names are case-insensitive");
      assertTrue(Codec.of(name).supportsStreaming());
    }
  }

  @Test
  void unknownCodecNamesTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Codec.of("lzo"));
    assertTrue(e.getMessage().contains("lzo"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Codec.isAvailable("lzo"));
    assertThrows(IllegalArgumentException.class, () -> Codec.supportsCompressionLevel("nope"));
    assertThrows(NullPointerException.class, () -> Codec.of(null));
  }

  @ParameterizedTest
  @CsvSource({"gzip,1,6,9", "bz2,1,9,9", "lz4,1,1,17", "lz4_hadoop,1,1,17", "zstd,-131072,3,22", "brotli,0,8,11",
      "deflate,1,6,9"})
  void levels(String name, int min, int def, int max) throws IOException {
    assertTrue(Codec.supportsCompressionLevel(name));
    assertEquals(min, Codec.minimumCompressionLevel(name));
    assertEquals(def, Codec.defaultCompressionLevel(name));
    assertEquals(max, Codec.maximumCompressionLevel(name));
    assertEquals(OptionalInt.of(def), Codec.of(name).compressionLevel());
    byte[] data = CompressTestData.compressible(50_000, 3);
    for (int level : new int[] {min, def, max}) {
      Codec codec = Codec.of(name, level);
      assertEquals(OptionalInt.of(level), codec.compressionLevel());
      assertArrayEquals(data, CompressTestData.decompress(codec, CompressTestData.compress(codec, data)));
    }
    IllegalArgumentException low = assertThrows(IllegalArgumentException.class, () -> Codec.of(name, min - 1));
    assertTrue(low.getMessage().contains(String.valueOf(min - 1)), low.getMessage());
    IllegalArgumentException high = assertThrows(IllegalArgumentException.class, () -> Codec.of(name, max + 1));
    assertTrue(high.getMessage().contains(String.valueOf(max + 1)), high.getMessage());
  }

  @Test
  void zstdLevelRangeMatchesTheLibrary() {
    assertEquals(com.github.luben.zstd.Zstd.minCompressionLevel(), ZstdLevels.MIN);
    assertEquals(com.github.luben.zstd.Zstd.maxCompressionLevel(), ZstdLevels.MAX);
  }

  @Test
  void higherLevelsCompressBetter() throws IOException {
    byte[] data = CompressTestData.compressible(1 << 20, 5);
    for (String name : new String[] {"gzip", "zstd", "brotli", "lz4"}) {
      int fast = CompressTestData.compress(Codec.of(name, Codec.minimumCompressionLevel(name) < 0 ? 1
          : Codec.minimumCompressionLevel(name)), data).length;
      int best = CompressTestData.compress(Codec.of(name, Codec.maximumCompressionLevel(name) - (name.equals("zstd") ? 3 : 0)),
          data).length;
      assertTrue(best < fast, name + ": " + best + " vs " + fast);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"snappy", "snappy_hadoop"})
  void snappyHasNoLevels(String name) {
    assertFalse(Codec.supportsCompressionLevel(name));
    assertEquals(OptionalInt.empty(), Codec.of(name).compressionLevel());
    assertThrows(IllegalArgumentException.class, () -> Codec.of(name, 1));
    assertThrows(IllegalArgumentException.class, () -> Codec.defaultCompressionLevel(name));
    assertThrows(IllegalArgumentException.class, () -> Codec.minimumCompressionLevel(name));
    assertThrows(IllegalArgumentException.class, () -> Codec.maximumCompressionLevel(name));
  }

  @ParameterizedTest
  @CsvSource({"a.gz,gzip", "dir.d/A.GZ,gzip", "x.bz2,bz2", "x.lz4,lz4", "x.zst,zstd", "x.ZSTD,zstd", "x.sz,snappy",
      "x.snappy,snappy_hadoop", "hdfs://nn:8020/data/x.br,brotli", "x.deflate,deflate", "part-0000.csv.Gz,gzip"})
  void detectByExtension(String path, String codec) {
    assertEquals(Optional.of(codec), Codec.detect(path));
  }

  @ParameterizedTest
  @ValueSource(strings = {"x.csv", "gz", ".gz", "x.gz/", "x.tar", "x.gzip", "x.lz4.txt", ""})
  void detectFindsNothing(String path) {
    assertEquals(Optional.empty(), Codec.detect(path));
  }

  @Test
  void detectRejectsNull() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> Codec.detect(null));
    assertTrue(e.getMessage().contains("path"));
  }

  @Test
  void decompressChecksTheExpectedSize() throws IOException {
    Codec codec = Codec.of("zstd");
    byte[] data = CompressTestData.compressible(1000, 1);
    try (Buffer compressed = codec.compress(Buffer.wrap(data))) {
      IOException shorter = assertThrows(IOException.class, () -> codec.decompress(compressed, 999));
      assertTrue(shorter.getMessage().startsWith("zstd:"), shorter.getMessage());
      IOException longer = assertThrows(IOException.class, () -> codec.decompress(compressed, 1001));
      assertTrue(longer.getMessage().contains("1001"), longer.getMessage());
      IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
          () -> codec.decompress(compressed, -5));
      assertTrue(negative.getMessage().contains("-5"));
    }
  }

  @Test
  void compressTakesAnyBufferAndReturnsPoolMemory() throws IOException {
    byte[] data = CompressTestData.compressible(100_000, 2);
    Codec codec = Codec.of("gzip");
    long before = io.sluice.memory.MemoryPools.defaultPool().bytesAllocated();
    try (Buffer compressed = codec.compress(Buffer.wrap(data, 10, 90_000))) {
      assertTrue(io.sluice.memory.MemoryPools.defaultPool().bytesAllocated() >= before + compressed.size());
      try (Buffer restored = codec.decompress(compressed, 90_000)) {
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 10, 90_010), restored.toByteArray());
      }
    }
  }

  /** Regression: brotli4j's decoder asked for more input when the output ended exactly at 16 MiB. */
  @Test
  void brotliStreamOfExactlySixteenMiB() throws IOException {
    byte[] data = new byte[1 << 24];
    for (int i = 0; i < data.length; i += 4096) {
      data[i] = (byte) i;
    }
    Codec codec = Codec.of("brotli", 1);
    byte[] compressed = CompressTestData.compress(codec, data);
    assertArrayEquals(data, CompressTestData.decompress(codec, compressed));
    IOException truncated = assertThrows(IOException.class,
        () -> CompressTestData.decompress(codec, java.util.Arrays.copyOf(compressed, compressed.length - 1)));
    assertTrue(truncated.getMessage().startsWith("brotli:"), truncated.getMessage());
  }
}
