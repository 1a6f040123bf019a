package io.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.io.CompressedInputStream;
import io.sluice.io.CompressedOutputStream;
import io.sluice.io.NativeFile;
import io.sluice.local.OSFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sluice cp/cat/head/ls/stat/bench end to end on local files, checked by exit code and output. */
class CliLocalTest {
  @TempDir Path dir;

  private static byte[] lines(int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= count; i++) {
      text.append("line ").append(i).append('\n');
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static void writeCompressed(Path path, String codec, byte[] content) throws IOException {
    try (NativeFile out = new CompressedOutputStream(new OSFile(path.toString(), "wb"), codec)) {
      out.write(content);
    }
  }

  private static byte[] readCompressed(Path path, String codec) throws IOException {
    try (NativeFile in = new CompressedInputStream(new OSFile(path.toString(), "rb"), codec)) {
      return in.read();
    }
  }

  @Test
  void cpRecompressesWhenExtensionsDiffer() throws Exception {
    byte[] content = lines(5000);
    Path gz = dir.resolve("data.gz");
    writeCompressed(gz, "gzip", content);
    Path zst = dir.resolve("data.zst");
    CliRunner r = CliRunner.run("cp", gz.toString(), zst.toString());
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().startsWith("copied 1 file, " + String.format("%,d", Files.size(gz)) + " bytes"), r.out());
    assertArrayEquals(content, readCompressed(zst, "zstd"));

    Path copyUnchanged = dir.resolve("same.zst");
    assertEquals(0, CliRunner.run("cp", "--no-transcode", gz.toString(), copyUnchanged.toString()).exitCode());
    assertArrayEquals(Files.readAllBytes(gz), Files.readAllBytes(copyUnchanged));
  }

  @Test
  void cpCopiesADirectoryIntoAnExistingDirectoryWithThreads() throws Exception {
    Path src = dir.resolve("tree");
    Files.createDirectories(src.resolve("sub"));
    Files.write(src.resolve("a.txt"), lines(10));
    Files.write(src.resolve("sub/b.txt"), lines(20));
    Path dst = dir.resolve("dst");
    Files.createDirectories(dst);
    CliRunner r = CliRunner.run("cp", "--threads", "2", src.toString(), dst.toUri().toString());
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().startsWith("copied 2 files"), r.out());
    assertArrayEquals(lines(10), Files.readAllBytes(dst.resolve("tree/a.txt")));
    assertArrayEquals(lines(20), Files.readAllBytes(dst.resolve("tree/sub/b.txt")));
  }

  @Test
  void cpShowsAProgressBarForLongCopies() throws Exception {
    byte[] big = new byte[(int) ProgressReporter.THRESHOLD + 1];
    Arrays.fill(big, (byte) 'x');
    Path src = dir.resolve("big.bin");
    Files.write(src, big);
    // Not a terminal here (tests capture stderr): no bar unless forced.
    CliRunner plain = CliRunner.run("cp", src.toString(), dir.resolve("big1.bin").toString());
    assertEquals(0, plain.exitCode(), plain.toString());
    assertEquals("", plain.stderr());
    CliRunner r = CliRunner.run("cp", "--progress", src.toString(), dir.resolve("big2.bin").toString());
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.stderr().contains("MiB") && r.stderr().contains("cp 1 file"), r.stderr());
    CliRunner quiet = CliRunner.run("cp", "--no-progress", src.toString(), dir.resolve("big3.bin").toString());
    assertEquals("", quiet.stderr());
  }

  @Test
  void failedCpLeavesNothingAtTheDestination() throws Exception {
    byte[] content = lines(50_000);
    Path full = dir.resolve("full.gz");
    writeCompressed(full, "gzip", content);
    byte[] bytes = Files.readAllBytes(full);
    Path broken = dir.resolve("broken.gz");
    Files.write(broken, Arrays.copyOf(bytes, bytes.length / 2));
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    CliRunner r = CliRunner.run("cp", broken.toString(), out.resolve("broken.txt").toString());
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.stderr().startsWith("sluice cp: " + broken + ": truncated or corrupt data"), r.stderr());
    try (Stream<Path> entries = Files.list(out)) {
      assertEquals(List.of(), entries.toList());
    }
  }

  @Test
  void catDecompressesByExtensionOrPrintsRawBytes() throws Exception {
    byte[] content = lines(3);
    Path bz2 = dir.resolve("x.bz2");
    writeCompressed(bz2, "bz2", content);
    CliRunner r = CliRunner.run("cat", bz2.toString());
    assertEquals(0, r.exitCode(), r.toString());
    assertArrayEquals(content, r.stdout());
    assertArrayEquals(Files.readAllBytes(bz2), CliRunner.run("cat", "--raw", bz2.toString()).stdout());
  }

  @Test
  void headPrintsLinesOrBytes() throws Exception {
    Path gz = dir.resolve("x.gz");
    writeCompressed(gz, "gzip", lines(100));
    assertEquals(new String(lines(10), StandardCharsets.US_ASCII), CliRunner.run("head", gz.toString()).out());
    assertEquals("line 1\nline 2\n", CliRunner.run("head", "-n", "2", gz.toString()).out());
    assertEquals("line 1\nli", CliRunner.run("head", "-c", "9", gz.toString()).out());
    Path plain = dir.resolve("short.txt");
    Files.write(plain, "only\nno newline".getBytes(StandardCharsets.US_ASCII));
    assertEquals("only\nno newline", CliRunner.run("head", "-n", "5", plain.toString()).out());
  }

  @Test
  void lsAndStat() throws Exception {
    Files.createDirectories(dir.resolve("d/e"));
    Files.write(dir.resolve("d/f.zst"), new byte[1234]);
    CliRunner ls = CliRunner.run("ls", dir.resolve("d").toString());
    assertEquals(0, ls.exitCode(), ls.toString());
    String[] rows = ls.out().split("\n");
    assertEquals(2, rows.length, ls.out());
    assertTrue(rows[0].startsWith("dir ") && rows[0].endsWith("/d/e"), rows[0]);
    assertTrue(rows[1].startsWith("file") && rows[1].contains(" 1,234 ") && rows[1].endsWith("/d/f.zst"), rows[1]);

    CliRunner stat = CliRunner.run("stat", dir.resolve("d/f.zst").toString());
    assertEquals(0, stat.exitCode(), stat.toString());
    assertTrue(stat.out().contains("size:        1234\n"), stat.out());
    assertTrue(stat.out().contains("codec:       zstd\n"), stat.out());
    assertTrue(stat.out().contains("filesystem:  local\n"), stat.out());
  }

  @Test
  void benchReportsEveryReadPathWithTheSameChecksum() throws Exception {
    Path file = dir.resolve("bench.bin");
    byte[] content = lines(20_000);
    Files.write(file, content);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(content);
    String expected = String.format("crc32 %08x", crc.getValue());
    CliRunner r = CliRunner.run("bench", "--iterations", "1", file.toString());
    assertEquals(0, r.exitCode(), r.toString());
    for (String path : new String[] {"plain", "buffered", "mmap"}) {
      assertTrue(r.out().lines().anyMatch(line -> line.startsWith(path) && line.contains(expected)), r.out());
    }
  }

  @Test
  void errorsHaveClearMessagesAndExitCodes() throws Exception {
    CliRunner missing = CliRunner.run("cat", dir.resolve("nope.txt").toString());
    assertEquals(CliErrors.NO_SUCH_FILE, missing.exitCode(), missing.toString());
    assertTrue(missing.stderr().contains("no such file or directory") && missing.stderr().contains("nope.txt"),
        missing.stderr());

    CliRunner missingCp = CliRunner.run("cp", dir.resolve("nope").toString(), dir.resolve("x").toString());
    assertEquals(CliErrors.NO_SUCH_FILE, missingCp.exitCode(), missingCp.toString());
    assertFalse(Files.exists(dir.resolve("x")));

    CliRunner usage = CliRunner.run("cp", "only-one-arg");
    assertEquals(CliErrors.BAD_ARGUMENTS, usage.exitCode(), usage.toString());
    assertTrue(usage.stderr().contains("requires at least 2 values") && usage.stderr().contains("only-one-arg"), usage.stderr());

    Files.write(dir.resolve("a.txt"), lines(1));
    CliRunner threads = CliRunner.run("cp", "--threads", "0", dir.resolve("a.txt").toString(), dir.resolve("b").toString());
    assertEquals(CliErrors.BAD_ARGUMENTS, threads.exitCode(), threads.toString());
    assertTrue(threads.stderr().contains("--threads must be >= 1: 0"), threads.stderr());

    CliRunner head = CliRunner.run("head", "-n", "-1", dir.resolve("a.txt").toString());
    assertEquals(CliErrors.BAD_ARGUMENTS, head.exitCode(), head.toString());

    CliRunner scheme = CliRunner.run("ls", "zzz://somewhere/x");
    assertEquals(CliErrors.BAD_ARGUMENTS, scheme.exitCode(), scheme.toString());
    assertTrue(scheme.stderr().contains("'zzz'"), scheme.stderr());
  }
}
