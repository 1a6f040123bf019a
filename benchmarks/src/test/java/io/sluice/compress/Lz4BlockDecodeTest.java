package io.sluice.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.bench.compress.CodecStreams;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every decoder of {@link Lz4BlockDecode} does the same work: setup checks its output against the
 * original bytes block by block (and throws otherwise), and one operation returns the full size.
 */
class Lz4BlockDecodeTest {
  @ParameterizedTest
  @EnumSource(Lz4BlockDecode.Decoder.class)
  void everyDecoderGivesTheOriginalBytes(Lz4BlockDecode.Decoder decoder) throws Exception {
    Lz4BlockDecode benchmark = new Lz4BlockDecode();
    benchmark.sizeMiB = 1;
    benchmark.blockKiB = 64;
    benchmark.decoder = decoder;
    benchmark.setUp();
    // decode() returns the bytes decoded plus the first byte of the last block (still in the output)
    byte[] data = CodecStreams.realisticMix(1 << 20, 7);
    assertEquals((1 << 20) + data[15 << 16], benchmark.decode(), decoder.name());
  }
}
