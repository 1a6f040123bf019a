package io.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.ChildJvm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 scenario 6: {@code sluice bench FILE} while someone else truncates FILE during the mmap
 * pass. The checksum must never run over the mapping in the CRC32 intrinsic (SIGBUS, exit 134):
 * bench reports an error naming the file and exits 1. The truncate happens at a fixed point (the
 * package-private {@link BenchCommand#beforeFirstBufferChecksum} seam: the first 64 KiB view of
 * the mapping is in hand, not yet checksummed),
 * in a child JVM running the CLI in-process.
 */
class BenchTruncatedFileTest {
  @TempDir Path dir;

  @Test
  void benchOfAFileTruncatedDuringTheMmapPassExitsOneNamingTheFile() throws Exception {
    Path file = dir.resolve("shrinking.bin");
    byte[] content = new byte[4 << 20];
    new Random(3).nextBytes(content);
    Files.write(file, content);
    ChildJvm.Result result = ChildJvm.run(Scenario.class, Duration.ofSeconds(120), file.toString());
    assertFalse(result.crashed(), result.describe());
    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.lines().contains("exit code 1"), result.describe());
    assertTrue(result.lines().contains("stderr: sluice bench: " + file + " changed while bench read it"
        + " (truncated by another process?): a fault occurred while reading its memory map"), result.describe());
  }

  /** Runs {@code sluice bench FILE}, truncating FILE to 4 KiB once a pass holds its first buffer. */
  public static final class Scenario {
    public static void main(String[] args) {
      String path = args[0];
      BenchCommand.beforeFirstBufferChecksum = first -> {
        try (RandomAccessFile raf = new RandomAccessFile(path, "rw")) {
          raf.setLength(4096);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      };
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = SluiceCli.run(out, err, "bench", "--iterations", "1", path);
      System.out.println("exit code " + code);
      for (String line : err.toString(StandardCharsets.UTF_8).split("\n")) {
        System.out.println("stderr: " + line);
      }
    }
  }
}
