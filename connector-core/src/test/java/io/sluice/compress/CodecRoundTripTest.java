package io.sluice.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.memory.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every codec, streaming and one-shot, over the sizes and data kinds of issue 5. */
class CodecRoundTripTest {
  static final int[] SIZES = {0, 1, 10_000, 100_000, 10 << 20};

  static List<Arguments> cases() {
    return cases(CompressTestData.ALL_CODECS);
  }

  /** The streaming codecs and lz4_raw, the one-shot-only block format. */
  static List<Arguments> oneShotCases() {
    List<String> codecs = new ArrayList<>(CompressTestData.ALL_CODECS);
    codecs.add("lz4_raw");
    return cases(codecs);
  }

  private static List<Arguments> cases(List<String> codecs) {
    List<Arguments> cases = new ArrayList<>();
    for (String codec : codecs) {
      for (int size : SIZES) {
        for (boolean compressible : new boolean[] {false, true}) {
          cases.add(Arguments.of(codec, size, compressible));
        }
      }
    }
    return cases;
  }

  private static byte[] data(int size, boolean compressible) {
    return compressible ? CompressTestData.compressible(size, size) : CompressTestData.random(size, size);
  }

  @ParameterizedTest(name = "{0} size={1} compressible={2}")
  @MethodSource("cases")
  void streamsRoundTripInTinyAndLargeChunks(String name, int size, boolean compressible) throws Exception {
    Codec codec = Codec.of(name);
    byte[] data = data(size, compressible);
    byte[] tiny = CompressTestData.compress(codec, data, 40, 7);
    assertArrayEquals(data, CompressTestData.decompress(codec, tiny, 40, 8), "written and read in 1..40 byte chunks");
    byte[] large = CompressTestData.compress(codec, data, 3 << 20, 9);
    assertArrayEquals(data, CompressTestData.decompress(codec, large, 3 << 20, 10), "large chunks");
    // What the tiny writes produced is valid for large reads too.
    assertArrayEquals(data, CompressTestData.decompress(codec, tiny, 3 << 20, 11));
  }

  @ParameterizedTest(name = "{0} size={1} compressible={2}")
  @MethodSource("oneShotCases")
  void oneShotRoundTrip(String name, int size, boolean compressible) throws Exception {
    Codec codec = Codec.of(name);
    byte[] data = data(size, compressible);
    try (Buffer compressed = codec.compress(Buffer.wrap(data));
        Buffer restored = codec.decompress(compressed, data.length)) {
      assertEquals(data.length, restored.size());
      assertArrayEquals(data, restored.toByteArray());
      if (codec.supportsStreaming() && !name.equals("snappy")) {
        // The one-shot form and the stream form are the same format (snappy: raw block vs framing).
        assertArrayEquals(data, CompressTestData.decompress(codec, compressed.toByteArray()));
      }
    }
  }
}
