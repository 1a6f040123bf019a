package io.sluice.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream.BlockSize;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream.Parameters;
import org.junit.jupiter.api.Test;

/**
 * LZ4 frames with linked blocks (liblz4's and PyArrow's default, which lz4-java's frame reader
 * refuses) go through the pure-Java reader; it must keep the same error contract.
 */
class Lz4LinkedBlocksTest {
  private static byte[] linkedFrame(byte[] data) throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    Parameters linked = new Parameters(BlockSize.K64, true, false, true); // content checksum, linked blocks
    try (FramedLZ4CompressorOutputStream out = new FramedLZ4CompressorOutputStream(sink, linked)) {
      out.write(data);
    }
    return sink.toByteArray();
  }

  private static void assertLz4Error(byte[] input) {
    IOException e = assertThrows(IOException.class, () -> CompressTestData.decompress(Codec.of("lz4"), input));
    assertTrue(e.getMessage().startsWith("lz4:"), e.getMessage());
  }

  @Test
  void readsLinkedBlockFramesAndTheirConcatenation() throws IOException {
    byte[] data = CompressTestData.compressible(500_000, 3);
    byte[] frame = linkedFrame(data);
    assertTrue((frame[4] & 0x20) == 0, "the frame really has linked blocks");
    assertArrayEquals(data, CompressTestData.decompress(Codec.of("lz4"), frame, 40, 1));
    byte[] sluiceFrame = CompressTestData.compress(Codec.of("lz4"), data);
    assertArrayEquals(CompressTestData.concat(data, data), CompressTestData.decompress(Codec.of("lz4"),
        CompressTestData.concat(frame, sluiceFrame)));
  }

  @Test
  void badLinkedBlockInputFailsNamingTheCodec() throws IOException {
    byte[] frame = linkedFrame(CompressTestData.compressible(200_000, 4));
    assertLz4Error(Arrays.copyOf(frame, frame.length - 1));
    assertLz4Error(Arrays.copyOf(frame, frame.length - 3));
    assertLz4Error(Arrays.copyOf(frame, frame.length / 2));
    assertLz4Error(CompressTestData.concat(frame, "GARBAGE AFTER THE FRAME".getBytes(StandardCharsets.US_ASCII)));
    byte[] small = linkedFrame(CompressTestData.compressible(300, 5));
    for (int offset = 0; offset < small.length; offset++) {
      byte[] corrupt = small.clone();
      corrupt[offset] ^= 0x10;
      try {
        CompressTestData.decompress(Codec.of("lz4"), corrupt);
      } catch (IOException e) {
        assertTrue(e.getMessage().startsWith("lz4:"), e.getMessage());
      }
    }
  }
}
