package io.sluice.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Interop with the command-line tools, both directions. A missing tool skips the test with a
 * message saying which one ({@code apt-get install gzip bzip2 zstd lz4 brotli}).
 */
class CliToolInteropTest {
  @TempDir
  Path dir;

  /** Whether {@code tool} is an executable on the PATH. */
  static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String entry : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(entry, tool))) {
        return true;
      }
    }
    return false;
  }


  private static String[] command(String line, String in, String out) {
    List<String> words = new ArrayList<>();
    for (String word : line.split(" ")) {
      words.add(word.replace("IN", in).replace("OUT", out));
    }
    return words.toArray(new String[0]);
  }

  /** codec, tool, compress command, decompress command (IN/OUT are file names). */
  @ParameterizedTest(name = "{0} with {1}: {2} / {3}")
  @CsvSource(delimiter = '|', value = {
      "gzip|gzip|gzip -c -n IN|gzip -d -c IN",
      "gzip|gzip|gzip -1 -c IN|gzip -d -c IN",
      "bz2|bzip2|bzip2 -c IN|bzip2 -d -c IN",
      "zstd|zstd|zstd -q -c IN|zstd -q -d -c IN",
      "zstd|zstd|zstd -q --no-check -19 -c IN|zstd -q -d -c IN",
      "lz4|lz4|lz4 -q -c IN|lz4 -q -d -c IN",
      "lz4|lz4|lz4 -q -BD -B4 -c IN|lz4 -q -d -c IN",
      "lz4|lz4|lz4 -q -9 --content-size -BX -c IN|lz4 -q -d -c IN",
      "brotli|brotli|brotli -c IN|brotli -d -c IN",
      "brotli|brotli|brotli -q 1 -c IN|brotli -d -c IN"})
  void bothDirections(String codec, String tool, String compress, String decompress) throws Exception {
    assumeTrue(onPath(tool), "command-line tool '" + tool + "' is not installed; skipping interop");
    for (int size : new int[] {0, 1, 100_000, 3_000_000}) {
      byte[] data = size == 1 ? new byte[] {42} : CompressTestData.compressible(size, size);
      Files.write(dir.resolve("data"), data);

      // The tool compresses, Sluice reads.
      runToFile(command(compress, "data", ""), dir.resolve("by-tool"));
      assertArrayEquals(data, CompressTestData.decompress(Codec.of(codec), Files.readAllBytes(dir.resolve("by-tool"))),
          "Sluice reads what '" + compress + "' wrote, size " + size);

      // Sluice compresses, the tool reads.
      Files.write(dir.resolve("by-sluice"), CompressTestData.compress(Codec.of(codec), data, 40_000, size));
      runToFile(command(decompress, "by-sluice", ""), dir.resolve("restored"));
      assertArrayEquals(data, Files.readAllBytes(dir.resolve("restored")), "'" + decompress + "' reads Sluice's " + codec);
    }
  }

  @ParameterizedTest
  @CsvSource({"gzip,gzip -c", "bz2,bzip2 -c", "zstd,zstd -q -c", "lz4,lz4 -q -c"})
  void concatenatedToolOutputReadsWhole(String codec, String compress) throws Exception {
    String tool = compress.split(" ")[0];
    assumeTrue(onPath(tool), "command-line tool '" + tool + "' is not installed; skipping interop");
    byte[] a = CompressTestData.compressible(70_000, 1);
    byte[] b = CompressTestData.random(30_000, 2);
    Files.write(dir.resolve("a"), a);
    Files.write(dir.resolve("b"), b);
    runToFile((compress + " a").split(" "), dir.resolve("a.z"));
    runToFile((compress + " b").split(" "), dir.resolve("b.z"));
    byte[] joined = CompressTestData.concat(Files.readAllBytes(dir.resolve("a.z")), Files.readAllBytes(dir.resolve("b.z")));
    assertArrayEquals(CompressTestData.concat(a, b), CompressTestData.decompress(Codec.of(codec), joined));
  }

  private void runToFile(String[] command, Path output) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(output.toFile())
        .redirectError(dir.resolve("tool.err").toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("tool hung: " + String.join(" ", command));
    }
    assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + Files.readString(dir.resolve("tool.err")));
  }
}
