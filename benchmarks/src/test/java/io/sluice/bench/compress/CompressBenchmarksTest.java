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
    CodecStreams state = new CodecStreams();
    state.codec = codec;
    state.impl = impl;
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
