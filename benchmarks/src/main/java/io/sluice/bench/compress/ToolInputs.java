package io.sluice.bench.compress;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Inputs written by the codecs' command-line tools ({@code gzip}, {@code bzip2}, {@code zstd},
 * {@code brotli}, {@code lz4}), so the decompress benchmarks also read files made elsewhere, not
 * only Sluice's own output. Each is cached under {@code java.io.tmpdir/sluice-bench-tool-inputs}
 * by command and data size: brotli's default quality 11 needs about a minute for 16 MiB, and every
 * fork would pay it again.
 */
final class ToolInputs {
  private ToolInputs() {}

  /** {@code data} (made with {@code sizeMiB}) compressed by {@code command} reading stdin. */
  static byte[] compress(List<String> command, byte[] data, int sizeMiB) throws IOException {
    Path cacheDir = Path.of(System.getProperty("java.io.tmpdir"), "sluice-bench-tool-inputs");
    Files.createDirectories(cacheDir);
    String key = sizeMiB + "MiB-" + String.join("_", command).replaceAll("[^A-Za-z0-9_-]", "") + "-"
        + HexFormat.of().toHexDigits(java.util.Arrays.hashCode(data));
    Path cached = cacheDir.resolve(key);
    if (Files.isRegularFile(cached)) {
      return Files.readAllBytes(cached);
    }
    Path temporary = Files.createTempFile(cacheDir, key, ".part");
    Path errors = Files.createTempFile(cacheDir, key, ".err");
    try {
      Process process;
      try {
        process = new ProcessBuilder(command).redirectOutput(temporary.toFile()).redirectError(errors.toFile()).start();
      } catch (IOException e) {
        throw new IOException("cannot run '" + command.get(0) + "' (apt-get install gzip bzip2 zstd lz4 brotli): "
            + e.getMessage(), e);
      }
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(data);
      }
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish in 10 minutes");
      }
      if (process.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ": "
            + Files.readString(errors));
      }
      Files.move(temporary, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return Files.readAllBytes(cached);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + String.join(" ", command), e);
    } finally {
      Files.deleteIfExists(temporary);
      Files.deleteIfExists(errors);
    }
  }
}
