package io.sluice.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.Sluice;
import io.sluice.compress.Codec;
import io.sluice.compress.CompressTestData;
import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPools;
import io.sluice.testing.ChildJvm;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11 case 3: the decompression bomb guard. Once a stream has produced more than 64 MiB,
 * output more than 200 times the compressed bytes consumed fails with an IOException naming the
 * codec, the ratio and the ways to raise the limit; one-shot {@code decompress} applies the ratio to
 * the size the caller declares, before allocating. Bombs are generated here by streaming zeros
 * through the compressor; the ones that exhausted memory before the guard run in a child JVM.
 */
class BombGuardTest {
  private static final long MIB = 1L << 20;
  private static final long FLOOR = 64 * MIB;
  private static final String PROPERTY = "sluice.compress.maxRatio";

  @AfterEach
  void clearProperty() {
    System.clearProperty(PROPERTY);
  }

  /** {@code size} zeros through the codec at its fastest level. */
  static byte[] zeros(String codec, long size) throws IOException {
    ByteArraySinkFile sink = new ByteArraySinkFile();
    Codec fastest = Codec.supportsCompressionLevel(codec)
        ? Codec.of(codec, Math.max(1, Codec.minimumCompressionLevel(codec)))
        : Codec.of(codec);
    byte[] chunk = new byte[1 << 20];
    try (CompressedOutputStream out = new CompressedOutputStream(sink, fastest)) {
      for (long written = 0; written < size; written += chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
      }
    }
    return sink.toByteArray();
  }

  /** Reads to the end in 1 MiB pool buffers (returned at once); the decompressed byte count. */
  private static long drain(NativeFile in) throws IOException {
    long total = 0;
    while (true) {
      try (Buffer chunk = in.readBuffer(MIB)) {
        if (chunk.size() == 0) {
          return total;
        }
        total += chunk.size();
      }
    }
  }

  private static void assertGuardMessage(String codec, String message, double limit) {
    assertTrue(message.startsWith(codec + ": decompression bomb guard: "), message);
    assertTrue(message.contains("more than the limit of " + io.sluice.compress.BombGuard.formatRatio(limit) + ":1"), message);
    assertTrue(message.endsWith("raise the limit with CompressedInputStream.setMaxCompressionRatio(double), the"
        + " system property sluice.compress.maxRatio or the CLI's --max-ratio (0 disables the guard)"), message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "bz2", "lz4", "lz4_hadoop", "zstd", "brotli", "deflate"})
  void aBombStopsJustPastTheFloor(String codec) throws IOException {
    byte[] bomb = zeros(codec, 96 * MIB);
    try (CompressedInputStream in = new CompressedInputStream(new BufferReader(Buffer.wrap(bomb)), codec)) {
      assertEquals(200.0, in.maxCompressionRatio());
      IOException e = assertThrows(IOException.class, () -> drain(in));
      assertGuardMessage(codec, e.getMessage(), 200);
      assertTrue(in.tell() > FLOOR && in.tell() <= FLOOR + MIB, "stopped at " + in.tell());
      IOException again = assertThrows(IOException.class, () -> in.read(1));
      assertEquals(e.getMessage(), again.getMessage(), "the guard's failure is sticky");
    }
  }

  /** Snappy cannot exceed about 21:1, so the 200:1 guard never stops it: its bomb is just big data. */
  @Test
  void snappyCannotReachTheRatio() throws IOException {
    byte[] compressed = zeros("snappy", 128 * MIB);
    assertTrue(compressed.length > 128 * MIB / 200, "snappy ratio " + (128.0 * MIB / compressed.length));
    try (CompressedInputStream in = new CompressedInputStream(new BufferReader(Buffer.wrap(compressed)), "snappy")) {
      assertEquals(128 * MIB, drain(in));
    }
  }

  @Test
  void theExactGzipMessage() throws IOException {
    byte[] bomb = zeros("gzip", 128 * MIB);
    try (CompressedInputStream in = new CompressedInputStream(new BufferReader(Buffer.wrap(bomb)), "gzip")) {
      IOException e = assertThrows(IOException.class, () -> drain(in));
      assertTrue(e.getMessage().matches("gzip: decompression bomb guard: [0-9]+ bytes decompressed from [0-9]+"
          + " compressed bytes is a ratio of [0-9]+(\\.[0-9])?:1, more than the limit of 200:1 \\(checked past"
          + " 67108864 bytes\\); raise the limit with .*"), e.getMessage());
    }
  }

  @Test
  void highlyCompressibleDataBelowTheFloorPasses() throws IOException {
    byte[] compressed = zeros("zstd", 64 * MIB); // thousands to one, but not more than 64 MiB
    try (CompressedInputStream in = new CompressedInputStream(new BufferReader(Buffer.wrap(compressed)), "zstd")) {
      assertEquals(64 * MIB, drain(in));
    }
  }

  @Test
  void realDataAboveTheFloorPasses() throws IOException {
    byte[] raw = CompressTestData.compressible((int) (80 * MIB), 3);
    for (String codec : List.of("gzip", "zstd", "lz4", "snappy_hadoop")) {
      ByteArraySinkFile sink = new ByteArraySinkFile();
      try (CompressedOutputStream out = new CompressedOutputStream(sink, codec)) {
        out.write(raw);
      }
      byte[] compressed = sink.toByteArray();
      try (CompressedInputStream in = new CompressedInputStream(new BufferReader(Buffer.wrap(compressed)), codec)) {
        assertArrayEquals(raw, in.read(), codec);
      }
    }
  }

  @Test
  void theSetterRaisesOrDisablesTheGuard() throws IOException {
    byte[] bomb = zeros("gzip", 256 * MIB); // deflate tops out near 1032:1
    for (double ratio : new double[] {2000, 0}) {
      try (CompressedInputStream in = new CompressedInputStream(new BufferReader(Buffer.wrap(bomb)), "gzip")) {
        assertEquals(ratio, in.setMaxCompressionRatio(ratio).maxCompressionRatio());
        assertEquals(256 * MIB, drain(in));
      }
    }
    try (CompressedInputStream in = new CompressedInputStream(new BufferReader(Buffer.wrap(bomb)), "gzip")) {
      in.setMaxCompressionRatio(50);
      IOException e = assertThrows(IOException.class, () -> drain(in));
      assertGuardMessage("gzip", e.getMessage(), 50);
      assertThrows(IllegalArgumentException.class, () -> in.setMaxCompressionRatio(-1));
      IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
          () -> in.setMaxCompressionRatio(Double.NaN));
      assertEquals("maxCompressionRatio must be >= 0 (0 disables the guard): NaN", nan.getMessage());
    }
  }

  @Test
  void theSystemPropertyRaisesOrDisablesTheGuard() throws IOException {
    byte[] bomb = zeros("gzip", 256 * MIB);
    for (String ratio : List.of("2000", "0")) {
      System.setProperty(PROPERTY, ratio);
      try (CompressedInputStream in = new CompressedInputStream(new BufferReader(Buffer.wrap(bomb)), "gzip")) {
        assertEquals(Double.parseDouble(ratio), in.maxCompressionRatio());
        assertEquals(256 * MIB, drain(in));
      }
      try (Buffer out = Codec.of("gzip").decompress(Buffer.wrap(bomb), 256 * MIB)) {
        assertEquals(256 * MIB, out.size());
      }
    }
    System.setProperty(PROPERTY, "lots");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CompressedInputStream(new BufferReader(Buffer.wrap(bomb)), "gzip"));
    assertEquals("system property sluice.compress.maxRatio must be a number >= 0 (0 disables the guard): 'lots'",
        e.getMessage());
  }

  @Test
  void oneShotDecompressChecksTheDeclaredSizeBeforeAllocating() throws IOException {
    byte[] bomb = zeros("zstd", 128 * MIB);
    long poolBefore = MemoryPools.defaultPool().bytesAllocated();
    IOException e = assertThrows(IOException.class,
        () -> Codec.of("zstd").decompress(Buffer.wrap(bomb), 4L << 30));
    assertEquals("zstd: decompression bomb guard: decompressedSize 4294967296 is more than 200 times the "
        + bomb.length + " compressed bytes (limit 200:1 past 67108864 bytes); raise the limit with the system"
        + " property sluice.compress.maxRatio (0 disables the guard)", e.getMessage());
    assertEquals(poolBefore, MemoryPools.defaultPool().bytesAllocated());
    // below the floor the ratio does not matter
    try (Buffer out = Codec.of("zstd").decompress(Buffer.wrap(zeros("zstd", 64 * MIB)), 64 * MIB)) {
      assertEquals(64 * MIB, out.size());
    }
  }

  // ------------------------------------------------------------ the reported cases, in a small child JVM

  /** {@code Sluice.inputStream(bomb.gz).read()} on 1 GiB of zeros: OutOfMemoryError before the guard. */
  @Test
  void gzipBombReadIntoAnArrayFailsCleanlyInASmallHeap() {
    ChildJvm.Result result = ChildJvm.run(BombScenario.class, List.of("-Xmx256m"), Duration.ofSeconds(300),
        "gzip", "read");
    assertFalse(result.crashed(), result.describe());
    assertEquals(0, result.exitCode(), result.describe());
    assertEquals(2, result.lines().size(), result.describe());
    assertTrue(result.lines().get(0).startsWith("IOException gzip: decompression bomb guard: "), result.describe());
    assertEquals("pool bytes after close 0", result.lines().get(1), result.describe());
  }

  /** {@code readBuffer()} on a .zst of 1 GiB of zeros took ~1-2 GiB of pool memory before the guard. */
  @Test
  void zstdBombReadBufferFailsCleanlyAndFreesThePool() {
    ChildJvm.Result result = ChildJvm.run(BombScenario.class, List.of("-Xmx256m"), Duration.ofSeconds(300),
        "zstd", "readBuffer");
    assertFalse(result.crashed(), result.describe());
    assertEquals(0, result.exitCode(), result.describe());
    assertEquals(2, result.lines().size(), result.describe());
    assertTrue(result.lines().get(0).startsWith("IOException zstd: decompression bomb guard: "), result.describe());
    assertEquals("pool bytes after close 0", result.lines().get(1), result.describe());
  }

  /** Child JVM: a 1 GiB-of-zeros bomb through {@code Sluice.inputStream}; prints what happened. */
  public static final class BombScenario {
    public static void main(String[] args) throws IOException {
      String codec = args[0];
      byte[] bomb = zeros(codec, 1L << 30);
      NativeFile in = Sluice.inputStream(Buffer.wrap(bomb), codec, 0);
      try {
        if ("read".equals(args[1])) {
          System.out.println("read " + in.read().length);
        } else {
          try (Buffer all = in.readBuffer()) {
            System.out.println("readBuffer " + all.size() + " pool " + MemoryPools.defaultPool().bytesAllocated());
          }
        }
      } catch (IOException e) {
        System.out.println("IOException " + e.getMessage());
      } catch (OutOfMemoryError e) {
        System.out.println("OutOfMemoryError " + e.getMessage());
      } finally {
        in.close();
      }
      System.out.println("pool bytes after close " + MemoryPools.defaultPool().bytesAllocated());
    }
  }
}
