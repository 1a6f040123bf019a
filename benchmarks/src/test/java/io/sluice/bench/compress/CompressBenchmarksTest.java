package io.sluice.bench.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The benchmark bodies measure what their names say: each pair really compresses and round-trips. */
class CompressBenchmarksTest {
  private static CodecStreams state(String codec, String impl) throws Exception {
    return state(codec, impl, "SLUICE");
  }

  private static CodecStreams state(String codec, String impl, String input) throws Exception {
    CodecStreams state = new CodecStreams();
    state.codec = codec;
    state.impl = impl;
    state.input = input;
    state.sizeMiB = 1;
    state.setUp();
    return state;
  }

  @ParameterizedTest
  @CsvSource({"gzip,SLUICE", "gzip,LIBRARY", "gzip,HADOOP", "deflate,HADOOP", "bz2,LIBRARY", "lz4,SLUICE",
      "lz4,LIBRARY", "lz4_hadoop,HADOOP", "lz4_hadoop,SLUICE", "snappy,LIBRARY", "snappy,COMMONS",
      "snappy_hadoop,HADOOP", "zstd,LIBRARY", "zstd,SLUICE", "brotli,LIBRARY", "brotli,SLUICE"})
  void everyPairCompressesAndRoundTrips(String codec, String impl) throws Exception {
    CodecStreams state = state(codec, impl);
    long compressedBytes = state.compress();
    assertTrue(compressedBytes > 0 && compressedBytes < (1 << 20), codec + "/" + impl + ": " + compressedBytes);
    assertEquals(1 << 20, state.decompress(), "decompress checks the size itself and returns it");
  }

  /** commons-compress' LZ4 compressor needs minutes per MiB on this data, so only its decoder is run here. */
  @Test
  void commonsLz4Decompresses() throws Exception {
    assertEquals(1 << 20, state("lz4", "COMMONS").decompress());
  }

  /** Files the command-line tools wrote decode to the benchmark's data with each reader that can read them. */
  @ParameterizedTest
  @CsvSource({"gzip,SLUICE,TOOL", "gzip,LIBRARY,TOOL", "bz2,SLUICE,TOOL", "bz2,LIBRARY,TOOL", "zstd,SLUICE,TOOL",
      "zstd,LIBRARY,TOOL", "brotli,SLUICE,TOOL", "brotli,LIBRARY,TOOL", "lz4,SLUICE,TOOL", "lz4,COMMONS,TOOL",
      "lz4,SLUICE,TOOL_INDEPENDENT", "lz4,LIBRARY,TOOL_INDEPENDENT"})
  void toolInputsDecode(String codec, String impl, String input) throws Exception {
    CodecStreams state = state(codec, impl, input);
    assertEquals(1 << 20, state.decompress(), "decompress checks the size itself and returns it");
  }

  @Test
  void toolInputsAreWhatTheirNamesSay() throws Exception {
    java.lang.reflect.Field compressed = CodecStreams.class.getDeclaredField("compressed");
    compressed.setAccessible(true);
    byte[] linked = (byte[]) compressed.get(state("lz4", "SLUICE", "TOOL"));
    byte[] independent = (byte[]) compressed.get(state("lz4", "SLUICE", "TOOL_INDEPENDENT"));
    assertEquals(0x04, linked[0]);
    assertEquals(0, linked[4] & 0x20, "lz4 -BD: linked blocks");
    assertEquals(0x20, independent[4] & 0x20, "lz4 -BI: independent blocks");
    assertEquals(0x40, linked[5] & 0x70, "-B4: 64 KiB blocks");
    byte[] gzip = (byte[]) compressed.get(state("gzip", "SLUICE", "TOOL"));
    assertEquals(0x1f, gzip[0] & 0xFF);
    assertThrows(IllegalArgumentException.class, () -> state("gzip", "SLUICE", "TOOL_INDEPENDENT"));
    assertThrows(IllegalArgumentException.class, () -> state("snappy", "SLUICE", "TOOL"));
  }

  @Test
  void pairsWithoutAnImplementationFailInSetup() {
    assertThrows(IllegalArgumentException.class, () -> state("zstd", "HADOOP"));
    assertThrows(IllegalArgumentException.class, () -> state("lz4_hadoop", "LIBRARY"));
    assertThrows(IllegalArgumentException.class, () -> state("gzip", "COMMONS"));
  }

  @Test
  void realisticMixIsDeterministicAndMixed() {
    byte[] a = CodecStreams.realisticMix(100_000, 1);
    byte[] b = CodecStreams.realisticMix(100_000, 1);
    assertEquals(100_000, a.length);
    assertTrue(java.util.Arrays.equals(a, b));
    int zeros = 0;
    for (byte x : a) {
      zeros += x == 0 ? 1 : 0;
    }
    assertTrue(zeros > 1000, "binary columns present: " + zeros);
  }
}
