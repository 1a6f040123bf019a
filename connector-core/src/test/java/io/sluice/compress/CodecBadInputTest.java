package io.sluice.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input for every decoder: each case must end in an {@link IOException} naming the codec,
 * never another exception, a crash or a hang (the timeout is only a hang guard: it is far above
 * any real run time). Pool memory is checked by the leak extension after every test.
 */
class CodecBadInputTest {
  /** Formats whose writer adds a checksum over the content: any change of the data is detected. */
  private static final Set<String> CHECKSUMMED = Set.of("gzip", "bz2", "lz4", "zstd", "snappy", "deflate");
  private static final Duration HANG_GUARD = Duration.ofSeconds(60);

  static Iterable<String> codecs() {
    return CompressTestData.ALL_CODECS;
  }

  private static void assertFailsNamingCodec(String name, byte[] input, String what) {
    assertTimeoutPreemptively(HANG_GUARD, () -> {
      try {
        byte[] out = CompressTestData.decompress(Codec.of(name), input, 1 << 16, 1);
        fail(name + " " + what + ": expected IOException, decoded " + out.length + " bytes");
      } catch (IOException e) {
        assertTrue(e.getMessage() != null && e.getMessage().startsWith(name + ":"),
            name + " " + what + ": message should start with the codec name: " + e.getMessage());
      }
    });
  }

  private static byte[] valid(String name, int size) throws IOException {
    return CompressTestData.compress(Codec.of(name), CompressTestData.compressible(size, 42));
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void truncated(String name) throws IOException {
    byte[] compressed = valid(name, 100_000);
    for (int cut : new int[] {1, 3, compressed.length / 2}) {
      assertFailsNamingCodec(name, Arrays.copyOf(compressed, compressed.length - cut), "truncated by " + cut);
    }
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void randomBytes(String name) {
    for (long seed = 0; seed < 20; seed++) {
      assertFailsNamingCodec(name, CompressTestData.random(100, seed), "100 random bytes, seed " + seed);
    }
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void emptyInput(String name) {
    assertFailsNamingCodec(name, new byte[0], "empty input");
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void validStreamFollowedByGarbage(String name) throws IOException {
    byte[] garbage = "GARBAGE AFTER THE STREAM: not a member header".getBytes(StandardCharsets.US_ASCII);
    assertFailsNamingCodec(name, CompressTestData.concat(valid(name, 10_000), garbage), "followed by garbage");
    assertFailsNamingCodec(name, CompressTestData.concat(valid(name, 0), garbage), "empty stream + garbage");
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void concatenatedStreamsReadWhole(String name) throws IOException {
    byte[] a = CompressTestData.compressible(10_000, 1);
    byte[] b = CompressTestData.random(5_000, 2);
    Codec codec = Codec.of(name);
    byte[] joined = CompressTestData.concat(CompressTestData.compress(codec, a), CompressTestData.compress(codec, new byte[0]),
        CompressTestData.compress(codec, b));
    assertArrayEquals(CompressTestData.concat(a, b), CompressTestData.decompress(codec, joined));
  }

  /**
   * Every single-bit flip of a small stream either fails with an IOException naming the codec or
   * decodes; formats with a content checksum must then decode to the original bytes (the flip hit
   * a field that does not change the data, like gzip's mtime).
   */
  @ParameterizedTest
  @MethodSource("codecs")
  void flippedBitAtEveryOffset(String name) throws IOException {
    byte[] original = CompressTestData.compressible(300, 9);
    byte[] compressed = CompressTestData.compress(Codec.of(name), original);
    assertTimeoutPreemptively(HANG_GUARD, () -> {
      int detected = 0;
      for (int offset = 0; offset < compressed.length; offset++) {
        for (int bit = 0; bit < 8; bit += 3) {
          byte[] corrupt = compressed.clone();
          corrupt[offset] ^= (byte) (1 << bit);
          try {
            byte[] out = CompressTestData.decompress(Codec.of(name), corrupt, 64, offset);
            if (CHECKSUMMED.contains(name)) {
              assertArrayEquals(original, out, name + ": undetected corruption at offset " + offset + " bit " + bit);
            }
          } catch (IOException e) {
            assertTrue(e.getMessage().startsWith(name + ":"), e.getMessage());
            detected++;
          }
        }
      }
      assertTrue(detected > 0, name + ": no flip was detected at all");
    });
  }
}
