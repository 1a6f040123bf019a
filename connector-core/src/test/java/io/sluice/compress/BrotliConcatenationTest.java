package io.sluice.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.io.BufferReader;
import io.sluice.io.CompressedInputStream;
import io.sluice.io.CompressedOutputStream;
import io.sluice.io.JavaFile;
import io.sluice.io.NativeFile;
import io.sluice.memory.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: concatenated brotli streams (two {@code .br} files appended, as the {@code brotli}
 * tool and PyArrow read them) read as one stream, through an explicit {@link CompressedInputStream},
 * {@link Codec#decompressingStream} and {@link Codec#decompress}, whether the {@code brotli} tool
 * or Sluice wrote the streams. Sizes straddle the decoder's 64 KiB input chunk, so stream ends fall inside a
 * chunk, at its edge and in later chunks.
 */
class BrotliConcatenationTest {
  @TempDir Path dir;

  private static final Codec BROTLI = Codec.of("brotli");

  private static byte[] sluiceBrotli(byte[] data) throws IOException {
    return CompressTestData.compress(BROTLI, data);
  }

  /** What {@code CompressedInputStream} reads from {@code compressed}, in 8 KiB reads. */
  private static byte[] readCompressedInputStream(byte[] compressed) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (NativeFile in = new CompressedInputStream(new BufferReader(Buffer.wrap(compressed)), "brotli")) {
      byte[] chunk = new byte[8192];
      int n;
      while ((n = in.readInto(chunk, 0, chunk.length)) > 0) {
        out.write(chunk, 0, n);
      }
    }
    return out.toByteArray();
  }

  private static void assertReadsAsOne(byte[] expected, byte[] joined) throws IOException {
    assertArrayEquals(expected, readCompressedInputStream(joined), "CompressedInputStream");
    assertArrayEquals(expected, CompressTestData.decompress(BROTLI, joined, 70_000, 3), "decompressingStream");
    try (Buffer whole = BROTLI.decompress(Buffer.wrap(joined), expected.length)) {
      assertArrayEquals(expected, whole.toByteArray(), "Codec.decompress");
    }
  }

  @Test
  void sluiceStreamsAppendedReadAsOne() throws IOException {
    int[][] sizes = {{0, 0}, {1, 1}, {10_000, 5_000}, {0, 70_000}, {300_000, 0}, {200_000, 1_000_000}};
    for (int[] pair : sizes) {
      byte[] a = CompressTestData.random(pair[0], pair[0]); // random: compressed size ~ data size
      byte[] b = CompressTestData.compressible(pair[1], pair[1]);
      assertReadsAsOne(CompressTestData.concat(a, b), CompressTestData.concat(sluiceBrotli(a), sluiceBrotli(b)));
    }
    byte[] a = CompressTestData.compressible(50_000, 1);
    byte[] b = CompressTestData.random(100_000, 2);
    byte[] c = CompressTestData.compressible(3_000, 3);
    assertReadsAsOne(CompressTestData.concat(a, b, c, a),
        CompressTestData.concat(sluiceBrotli(a), sluiceBrotli(b), sluiceBrotli(c), sluiceBrotli(a)));
  }

  @Test
  void compressedOutputStreamTwiceIntoOneTargetReadsBack() throws IOException {
    byte[] a = CompressTestData.compressible(120_000, 4);
    byte[] b = CompressTestData.random(90_000, 5);
    // Two brotli CompressedOutputStreams one after the other into the same bytes, as appending
    // ("ab") to a .br file twice does.
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    for (byte[] part : new byte[][] {a, b}) {
      try (NativeFile out = new CompressedOutputStream(new JavaFile(file), "brotli")) {
        out.write(part);
      }
    }
    assertReadsAsOne(CompressTestData.concat(a, b), file.toByteArray());
  }

  @Test
  void garbageAfterAStreamIsStillCorruptData() throws IOException {
    byte[] joined = CompressTestData.concat(CompressTestData.compress(BROTLI, CompressTestData.random(100_000, 6)),
        "GARBAGE AFTER THE STREAM: not a brotli stream".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    IOException e = assertThrows(IOException.class, () -> CompressTestData.decompress(BROTLI, joined, 8192, 1));
    assertTrue(e.getMessage().startsWith("brotli: "), e.getMessage());
  }

  @Test
  void brotliToolOutputAppendedReadsWhole() throws Exception {
    assumeTrue(onPath("brotli"), "the brotli command-line tool is not installed (apt-get install brotli)");
    byte[] a = CompressTestData.compressible(200_000, 7);
    byte[] b = CompressTestData.random(80_000, 8);
    Files.write(dir.resolve("a"), a);
    Files.write(dir.resolve("b"), b);
    run("brotli", "a", "-o", "a.br");
    run("brotli", "-q", "5", "b", "-o", "b.br");
    byte[] joined = CompressTestData.concat(Files.readAllBytes(dir.resolve("a.br")), Files.readAllBytes(dir.resolve("b.br")));
    assertReadsAsOne(CompressTestData.concat(a, b), joined);
    // The other direction holds stream by stream (CliToolInteropTest): the brotli tool 1.0.9 itself
    // rejects appended streams, its own included ("corrupt input").
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String entry : path.split(File.pathSeparator)) {
        if (Files.isExecutable(Path.of(entry, tool))) {
          return true;
        }
      }
    }
    return false;
  }

  private void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("tool.out").toFile()).start();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "tool hung: " + String.join(" ", command));
    assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + Files.readString(dir.resolve("tool.out")));
  }
}
