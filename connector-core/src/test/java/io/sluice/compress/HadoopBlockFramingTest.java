package io.sluice.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11 case 5: a Hadoop block stream whose length fields cannot be lengths is corruption, never
 * a clean end. The stream under test holds two blocks, the first of two chunks (as Hadoop writes
 * one large {@code write}), built field by field so every length field's offset is known.
 */
class HadoopBlockFramingTest {
  private static final int CHUNK = 20_000;

  /** A well-formed stream and the offsets of its length fields. */
  private record Framed(byte[] raw, byte[] stream, List<Integer> blockLengthAt, List<Integer> chunkLengthAt) {}

  private static Framed framed(String codec) throws IOException {
    HadoopBlockFormat format = "lz4_hadoop".equals(codec) ? HadoopBlockFormat.LZ4 : HadoopBlockFormat.SNAPPY;
    byte[] raw = CompressTestData.compressible(3 * CHUNK, 11);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Integer> blockAt = new ArrayList<>();
    List<Integer> chunkAt = new ArrayList<>();
    int[][] blocks = {{0, 2 * CHUNK}, {2 * CHUNK, CHUNK}}; // (start, raw length); first block in two chunks
    for (int[] block : blocks) {
      blockAt.add(out.size());
      out.write(ByteBuffer.allocate(4).putInt(block[1]).array());
      for (int start = block[0]; start < block[0] + block[1]; start += CHUNK) {
        byte[] compressed = new byte[format.maxCompressedLength(CHUNK)];
        int n = format.compress(raw, start, CHUNK, compressed, 0);
        chunkAt.add(out.size());
        out.write(ByteBuffer.allocate(4).putInt(n).array());
        out.write(compressed, 0, n);
      }
    }
    return new Framed(raw, out.toByteArray(), blockAt, chunkAt);
  }

  private static byte[] withInt(byte[] stream, int at, int value) {
    byte[] copy = stream.clone();
    ByteBuffer.wrap(copy).putInt(at, value);
    return copy;
  }

  private static byte[] decodeAll(String codec, byte[] stream) throws IOException {
    try (InputStream in = Codec.of(codec).decompressingStream(new ByteArrayInputStream(stream))) {
      return in.readAllBytes();
    }
  }

  static Stream<String> codecs() {
    return Stream.of("lz4_hadoop", "snappy_hadoop");
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void theWellFormedStreamReadsWhole(String codec) throws IOException {
    Framed framed = framed(codec);
    assertArrayEquals(framed.raw(), decodeAll(codec, framed.stream()));
  }

  /** The report: 0xFFFFFFFF as the second block's raw length was read as the end of the data. */
  @ParameterizedTest
  @MethodSource("codecs")
  void allOnesBlockLengthIsCorruptionNotTheEnd(String codec) throws IOException {
    Framed framed = framed(codec);
    int at = framed.blockLengthAt().get(1);
    IOException e = assertThrows(IOException.class, () -> decodeAll(codec, withInt(framed.stream(), at, -1)));
    assertEquals(codec + ": corrupt Hadoop block stream: block length field 0xffffffff (-1) at offset " + at
        + " is negative", e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void allOnesBlockLengthAtTheStartIsCorruption(String codec) throws IOException {
    Framed framed = framed(codec);
    IOException e = assertThrows(IOException.class, () -> decodeAll(codec, withInt(framed.stream(), 0, -1)));
    assertTrue(e.getMessage().startsWith(codec + ": corrupt Hadoop block stream: block length field 0xffffffff (-1) at offset 0"),
        e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void chunkLongerThanItsBlockCouldCompressToIsCorruption(String codec) throws IOException {
    Framed framed = framed(codec);
    int at = framed.chunkLengthAt().get(2); // the second block's only chunk: CHUNK raw bytes
    HadoopBlockFormat format = "lz4_hadoop".equals(codec) ? HadoopBlockFormat.LZ4 : HadoopBlockFormat.SNAPPY;
    int tooLong = format.maxCompressedLength(CHUNK) + 1;
    IOException e = assertThrows(IOException.class, () -> decodeAll(codec, withInt(framed.stream(), at, tooLong)));
    assertEquals(codec + ": corrupt Hadoop block stream: chunk length " + tooLong + " at offset " + at
        + " is more than " + (tooLong - 1) + ", the most " + CHUNK + " raw bytes can compress to", e.getMessage());
  }

  /** Every length field set to every value that cannot be right: an IOException naming the codec, never less data. */
  static Stream<Arguments> mutations() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    for (String codec : List.of("lz4_hadoop", "snappy_hadoop")) {
      Framed framed = framed(codec);
      List<Integer> fields = new ArrayList<>(framed.blockLengthAt());
      fields.addAll(framed.chunkLengthAt());
      for (int at : fields) {
        int original = ByteBuffer.wrap(framed.stream()).getInt(at);
        for (int value : new int[] {-1, -2, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x7FFFFFC0, 1 << 30, 0,
            original - 1, original + 1, original * 2, original / 2, 0x00FFFFFF, 0xFF000000 | original}) {
          if (value != original) {
            cases.add(Arguments.of(codec, at, value));
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} field at {1} = {2}")
  @MethodSource("mutations")
  void corruptLengthFieldsAreReportedWithTheCodec(String codec, int at, int value) throws IOException {
    Framed framed = framed(codec);
    IOException e = assertThrows(IOException.class, () -> decodeAll(codec, withInt(framed.stream(), at, value)));
    assertTrue(e.getMessage().startsWith(codec + ":"), e.getMessage());
  }

  /** Random bytes over the framing fields: whatever happens, never a silent short read. */
  @ParameterizedTest
  @MethodSource("codecs")
  void randomFieldBytesNeverShortenTheDataSilently(String codec) throws IOException {
    Framed framed = framed(codec);
    List<Integer> fields = new ArrayList<>(framed.blockLengthAt());
    fields.addAll(framed.chunkLengthAt());
    Random random = new Random(5);
    for (int round = 0; round < 2000; round++) {
      byte[] stream = framed.stream().clone();
      int at = fields.get(random.nextInt(fields.size())) + random.nextInt(4);
      stream[at] = (byte) (stream[at] ^ (1 + random.nextInt(255)));
      try {
        byte[] decoded = decodeAll(codec, stream);
        throw new AssertionError("round " + round + ": flipping byte " + at + " read " + decoded.length
            + " bytes without an error (of " + framed.raw().length + "): " + Arrays.equals(decoded, framed.raw()));
      } catch (IOException e) {
        assertTrue(e.getMessage().startsWith(codec + ":"), e.getMessage());
      }
    }
  }
}
