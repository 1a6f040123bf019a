package io.sluice.compress;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sluice.io.BufferReader;
import io.sluice.io.CompressedInputStream;
import io.sluice.memory.Buffer;
import java.io.IOException;

/**
 * Fuzzes every decoder through {@link CompressedInputStream}: any input must either decode or fail
 * with an {@link IOException} whose message starts with the codec name; anything else (another
 * exception, a crash of native code, a hang, unbounded memory) is a finding. The output cap keeps
 * a legitimately huge decompression from looking like a hang.
 *
 * <p>{@code mvn verify} replays the regression inputs in
 * {@code src/test/resources/io/sluice/compress/DecoderFuzzTestInputs/<method>/} (valid streams of
 * each format as seeds, plus any crash reproducer added later). To fuzz for real, one target at a
 * time (Jazzer fuzzes one target per run): {@code JAZZER_FUZZ=1 mvn -B -pl connector-core -am test
 * -Dtest=DecoderFuzzTest#zstd -Dsurefire.failIfNoSpecifiedTests=false}. Each target fuzzes for its
 * {@code maxDuration}; a finding fails the run and is saved as a new regression input beside the
 * seeds, so every later build replays it.
 */
class DecoderFuzzTest {
  private static final long CAP = 8L << 20;

  private static void decode(String codec, byte[] input) {
    try (CompressedInputStream in = new CompressedInputStream(new BufferReader(Buffer.wrap(input)), codec)) {
      in.setMaxOutputBytes(CAP);
      byte[] chunk = new byte[64 * 1024];
      while (in.readInto(chunk, 0, chunk.length) > 0) {
        // drain
      }
    } catch (IOException e) {
      assertTrue(e.getMessage() != null && e.getMessage().startsWith(codec + ":"),
          "IOException must name the codec: " + e.getMessage());
    }
  }

  @FuzzTest(maxDuration = "30s")
  void gzip(byte[] input) {
    decode("gzip", input);
  }

  @FuzzTest(maxDuration = "30s")
  void bz2(byte[] input) {
    decode("bz2", input);
  }

  @FuzzTest(maxDuration = "30s")
  void lz4(byte[] input) {
    decode("lz4", input);
  }

  @FuzzTest(maxDuration = "30s")
  void lz4Hadoop(byte[] input) {
    decode("lz4_hadoop", input);
  }

  @FuzzTest(maxDuration = "30s")
  void zstd(byte[] input) {
    decode("zstd", input);
  }

  @FuzzTest(maxDuration = "30s")
  void snappy(byte[] input) {
    decode("snappy", input);
  }

  @FuzzTest(maxDuration = "30s")
  void snappyHadoop(byte[] input) {
    decode("snappy_hadoop", input);
  }

  @FuzzTest(maxDuration = "30s")
  void brotli(byte[] input) {
    decode("brotli", input);
  }

  @FuzzTest(maxDuration = "30s")
  void deflate(byte[] input) {
    decode("deflate", input);
  }
}
