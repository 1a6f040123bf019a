package io.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.io.CompressedInputStream;
import io.sluice.io.CompressedOutputStream;
import io.sluice.io.NativeFile;
import io.sluice.local.OSFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command, option and exit code of API.md's "Command line" (v0.2) on local files, end to end. */
class CliCommandsTest {
  @TempDir Path dir;

  private Path file(String name, String content) throws IOException {
    Path path = dir.resolve(name);
    Files.createDirectories(path.getParent());
    Files.writeString(path, content);
    return path;
  }

  private static String s(Path path) {
    return path.toString();
  }

  private List<String> names(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  // ------------------------------------------------------------------ cp: overwrite, several sources, globs

  @Test
  void cpRefusesToReplaceAnExistingFileAndLeavesItsBytesUnchanged() throws Exception {
    Path src = file("src.txt", "new content");
    Path dst = file("dst.txt", "precious old bytes");
    CliRunner r = CliRunner.run("cp", s(src), s(dst));
    assertEquals(CliErrors.ALREADY_EXISTS, r.exitCode(), r.toString());
    assertEquals("sluice cp: " + dst + ": already exists (use -f to replace it)\n", r.stderr());
    assertEquals("precious old bytes", Files.readString(dst));
    assertEquals(List.of("dst.txt", "src.txt"), names(dir)); // no temporary file left either

    for (String alias : new String[] {"put", "get"}) {
      CliRunner again = CliRunner.run(alias, s(src), s(dst));
      assertEquals(CliErrors.ALREADY_EXISTS, again.exitCode(), again.toString());
      assertEquals("precious old bytes", Files.readString(dst));
    }

    CliRunner forced = CliRunner.run("cp", "-f", s(src), s(dst));
    assertEquals(0, forced.exitCode(), forced.toString());
    assertEquals("new content", Files.readString(dst));
    assertEquals(0, CliRunner.run("cp", "--force", s(file("src2.txt", "third")), s(dst)).exitCode());
    assertEquals("third", Files.readString(dst));
  }

  @Test
  void cpIntoADirectoryRefusesWhenAnyTargetExistsBeforeCopyingAnything() throws Exception {
    Path a = file("in/a.txt", "A");
    Path b = file("in/b.txt", "B");
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("b.txt"), "old b");
    CliRunner r = CliRunner.run("cp", s(a), s(b), s(out));
    assertEquals(CliErrors.ALREADY_EXISTS, r.exitCode(), r.toString());
    assertEquals(List.of("b.txt"), names(out), "nothing copied when one target exists");
    assertEquals("old b", Files.readString(out.resolve("b.txt")));

    CliRunner forced = CliRunner.run("cp", "-f", s(a), s(b), s(out));
    assertEquals(0, forced.exitCode(), forced.toString());
    assertTrue(forced.out().startsWith("copied 2 files, 2 bytes"), forced.out());
    assertEquals("A", Files.readString(out.resolve("a.txt")));
    assertEquals("B", Files.readString(out.resolve("b.txt")));
  }

  @Test
  void severalSourcesNeedAnExistingDirectory() throws Exception {
    Path a = file("a.txt", "A");
    Path b = file("b.txt", "B");
    CliRunner missing = CliRunner.run("cp", s(a), s(b), s(dir.resolve("nodir")));
    assertEquals(CliErrors.NO_SUCH_FILE, missing.exitCode(), missing.toString());
    assertTrue(missing.stderr().contains(dir.resolve("nodir") + ": no such directory"), missing.stderr());
    Path target = file("target.txt", "T");
    CliRunner notDir = CliRunner.run("cp", s(a), s(b), s(target));
    assertEquals(CliErrors.WRONG_TYPE, notDir.exitCode(), notDir.toString());
    assertEquals("T", Files.readString(target));
  }

  @Test
  void directoryOntoFileAndFileOntoDirectoryAreWrongType() throws Exception {
    file("tree/x.txt", "x");
    Path target = file("plain.txt", "P");
    CliRunner treeOnFile = CliRunner.run("cp", s(dir.resolve("tree")), s(target));
    assertEquals(CliErrors.WRONG_TYPE, treeOnFile.exitCode(), treeOnFile.toString());
    // a file whose target inside the destination directory is itself a directory
    Files.createDirectories(dir.resolve("d/plain.txt"));
    CliRunner fileOnDir = CliRunner.run("cp", s(target), s(dir.resolve("d")));
    assertEquals(CliErrors.WRONG_TYPE, fileOnDir.exitCode(), fileOnDir.toString());
    assertTrue(fileOnDir.stderr().contains("is a directory"), fileOnDir.stderr());
  }

  @Test
  void globsExpandStarQuestionBracketsAndBraces() throws Exception {
    for (String name : new String[] {"a1.csv", "a2.csv", "b1.csv", "c.txt", ".hidden.csv"}) {
      file("g/" + name, name);
    }
    Path out = Files.createDirectories(dir.resolve("out"));
    assertEquals(0, CliRunner.run("cp", s(dir) + "/g/*.csv", s(out)).exitCode());
    assertEquals(List.of("a1.csv", "a2.csv", "b1.csv"), names(out));

    String[][] cases = {
        {"g/a?.csv", "a1.csv a2.csv"}, {"g/[ab]1.csv", "a1.csv b1.csv"}, {"g/{c.txt,a2.csv}", "a2.csv c.txt"},
        {"*/c.txt", "c.txt"}};
    for (String[] c : cases) {
      CliRunner ls = CliRunner.run("ls", s(dir) + "/" + c[0]);
      assertEquals(0, ls.exitCode(), ls.toString());
      String listed = String.join(" ", ls.out().lines().map(l -> l.substring(l.lastIndexOf('/') + 1)).toList());
      assertEquals(c[1], listed, c[0]);
    }
    CliRunner none = CliRunner.run("cat", s(dir) + "/g/*.parquet");
    assertEquals(CliErrors.NO_SUCH_FILE, none.exitCode(), none.toString());
    assertEquals("sluice cat: " + dir + "/g/*.parquet: no match\n", none.stderr());

    CliRunner cat = CliRunner.run("cat", s(dir) + "/g/a*.csv");
    assertEquals("a1.csva2.csv", cat.out());
  }

  @Test
  void dashReadsStandardInputAndWritesStandardOutput() throws Exception {
    byte[] text = "from standard input\n".getBytes(StandardCharsets.UTF_8);
    Path gz = dir.resolve("in.gz");
    CliRunner in = CliRunner.withInput(text, "cp", "-", s(gz));
    assertEquals(0, in.exitCode(), in.toString());
    try (NativeFile read = new CompressedInputStream(new OSFile(s(gz), "rb"), "gzip")) {
      assertArrayEquals(text, read.read(), "compressed by the destination's extension");
    }
    CliRunner out = CliRunner.run("cp", s(gz), "-");
    assertEquals(0, out.exitCode(), out.toString());
    assertArrayEquals(text, out.stdout(), "stdout carries only the data");
    assertEquals("", out.stderr());
    CliRunner raw = CliRunner.run("cp", "--no-transcode", s(gz), "-");
    assertArrayEquals(Files.readAllBytes(gz), raw.stdout());

    CliRunner exists = CliRunner.withInput(text, "cp", "-", s(gz));
    assertEquals(CliErrors.ALREADY_EXISTS, exists.exitCode(), exists.toString());
    CliRunner catStdin = CliRunner.withInput(text, "cat", "-");
    assertArrayEquals(text, catStdin.stdout());
    CliRunner twoStdin = CliRunner.run("cp", "-", s(gz), s(dir));
    assertEquals(CliErrors.BAD_ARGUMENTS, twoStdin.exitCode(), twoStdin.toString());
  }

  @Test
  void preserveKeepsModificationTimeAndPermissions() throws Exception {
    Path src = file("p.txt", "keep my attributes");
    Instant old = Instant.parse("2020-01-02T03:04:05Z");
    Files.setLastModifiedTime(src, FileTime.from(old));
    Files.setPosixFilePermissions(src, PosixFilePermissions.fromString("rw-r-----"));
    Path kept = dir.resolve("kept.txt");
    assertEquals(0, CliRunner.run("cp", "-p", s(src), s(kept)).exitCode());
    assertEquals(old, Files.getLastModifiedTime(kept).toInstant());
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)));
    Path fresh = dir.resolve("fresh.txt");
    assertEquals(0, CliRunner.run("cp", s(src), s(fresh)).exitCode());
    assertTrue(Files.getLastModifiedTime(fresh).toInstant().isAfter(old));
  }

  @Test
  void formatsSluiceCannotWriteAreRefusedUnlessNoTranscode() throws Exception {
    Path src = file("data.txt", "data");
    for (String extension : new String[] {".xz", ".zip", ".7z", ".lzo", ".lzma", ".Z", ".XZ"}) {
      Path target = dir.resolve("out" + extension);
      CliRunner r = CliRunner.run("cp", s(src), s(target));
      assertEquals(CliErrors.BAD_ARGUMENTS, r.exitCode(), extension + ": " + r);
      assertTrue(r.stderr().contains(s(target) + ": Sluice does not write the"), r.stderr());
      assertFalse(Files.exists(target));
      assertEquals(0, CliRunner.run("cp", "--no-transcode", s(src), s(target)).exitCode());
      assertEquals("data", Files.readString(target));
    }
    assertEquals(0, CliRunner.run("cp", s(src), s(dir.resolve("fine.z"))).exitCode(), ".z is not .Z");
  }

  @Test
  void corruptDataNamesTheFile() throws Exception {
    Path bad = dir.resolve("bad.zst");
    Files.write(bad, "this is not zstd at all".getBytes(StandardCharsets.US_ASCII));
    for (String command : new String[] {"cat", "head", "tail"}) {
      CliRunner r = CliRunner.run(command, s(bad));
      assertEquals(CliErrors.IO_ERROR, r.exitCode(), command + ": " + r);
      assertTrue(r.stderr().startsWith("sluice " + command + ": " + bad + ": "), r.stderr());
    }
    CliRunner cp = CliRunner.run("cp", s(bad), s(dir.resolve("out.txt")));
    assertEquals(CliErrors.IO_ERROR, cp.exitCode(), cp.toString());
    assertTrue(cp.stderr().startsWith("sluice cp: " + bad + ": "), cp.stderr());
    assertFalse(cp.stderr().contains("sluice-tmp"), cp.stderr());
    assertEquals(List.of("bad.zst"), names(dir));
  }

  @Test
  void temporaryNamesNeverReachAMessage() {
    assertEquals("cannot write /d/a.txt", CliErrors.withoutTemporaryNames("cannot write /d/.a.txt.sluice-tmp-12345"));
    assertEquals("hdfs://nn/d/a.gz: quota",
        CliErrors.withoutTemporaryNames("hdfs://nn/d/.a.gz.sluice-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0.tmp: quota"));
  }

  @Test
  void progressCountsTheStoredSizeOfATranscodedSource() throws Exception {
    byte[] content = new byte[3 << 20];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) ('a' + i % 7);
    }
    Path gz = dir.resolve("big.gz");
    try (NativeFile out = new CompressedOutputStream(new OSFile(s(gz), "wb"), "gzip")) {
      out.write(content);
    }
    long stored = Files.size(gz);
    java.io.PrintWriter err = new java.io.PrintWriter(new ByteArrayOutputStream());
    try (Locations locations = new Locations(); ProgressReporter progress = new ProgressReporter(err, true)) {
      Copier copier = new Copier(new Copier.Settings(false, true, true, false, 1, 1 << 16), progress);
      copier.copyAll(copier.plan(List.of(locations.locate(s(gz))), locations.locate(s(dir.resolve("big.zst")))));
      assertEquals(stored, progress.max());
      assertEquals(stored, progress.current(), "the bar ends at the size ls shows, not the decompressed size");
    }
  }

  // ------------------------------------------------------------------ rm, mkdir, mv

  @Test
  void rmFilesDirectoriesAndMissingPaths() throws Exception {
    Path a = file("r/a.txt", "a");
    file("r/sub/b.txt", "b");
    CliRunner missing = CliRunner.run("rm", s(dir.resolve("r/none.txt")));
    assertEquals(CliErrors.NO_SUCH_FILE, missing.exitCode(), missing.toString());
    assertEquals("sluice rm: " + dir.resolve("r/none.txt") + ": no such file or directory\n", missing.stderr());
    assertEquals(0, CliRunner.run("rm", "-f", s(dir.resolve("r/none.txt")), s(dir) + "/r/*.none").exitCode());

    CliRunner directory = CliRunner.run("rm", s(dir.resolve("r/sub")));
    assertEquals(CliErrors.WRONG_TYPE, directory.exitCode(), directory.toString());
    assertTrue(Files.exists(dir.resolve("r/sub/b.txt")));

    CliRunner file = CliRunner.run("rm", s(a));
    assertEquals(0, file.exitCode(), file.toString());
    assertEquals("deleted " + a + "\n", file.out());
    assertEquals(0, CliRunner.run("rm", "-r", s(dir.resolve("r/sub"))).exitCode());
    assertEquals(List.of(), names(dir.resolve("r")));
  }

  @Test
  void mkdirWithAndWithoutParents() throws Exception {
    CliRunner noParent = CliRunner.run("mkdir", s(dir.resolve("x/y")));
    assertEquals(CliErrors.NO_SUCH_FILE, noParent.exitCode(), noParent.toString());
    assertFalse(Files.exists(dir.resolve("x")));
    assertEquals(0, CliRunner.run("mkdir", "-p", s(dir.resolve("x/y"))).exitCode());
    assertTrue(Files.isDirectory(dir.resolve("x/y")));
    assertEquals(0, CliRunner.run("mkdir", "-p", s(dir.resolve("x/y"))).exitCode());
    CliRunner exists = CliRunner.run("mkdir", s(dir.resolve("x/y")));
    assertEquals(CliErrors.ALREADY_EXISTS, exists.exitCode(), exists.toString());
    Path f = file("f.txt", "f");
    CliRunner onFile = CliRunner.run("mkdir", "-p", s(f));
    assertEquals(CliErrors.ALREADY_EXISTS, onFile.exitCode(), onFile.toString());
    assertEquals(0, CliRunner.run("mkdir", s(dir.resolve("m1")), s(dir.resolve("m2"))).exitCode());
    assertTrue(Files.isDirectory(dir.resolve("m2")));
  }

  @Test
  void mvRenamesRefusesToReplaceAndMovesIntoDirectories() throws Exception {
    Path a = file("a.txt", "A");
    Path b = file("b.txt", "B");
    CliRunner refused = CliRunner.run("mv", s(a), s(b));
    assertEquals(CliErrors.ALREADY_EXISTS, refused.exitCode(), refused.toString());
    assertEquals("A", Files.readString(a));
    assertEquals("B", Files.readString(b));
    assertEquals(0, CliRunner.run("mv", "-f", s(a), s(b)).exitCode());
    assertFalse(Files.exists(a));
    assertEquals("A", Files.readString(b));

    Path d = Files.createDirectories(dir.resolve("d"));
    assertEquals(0, CliRunner.run("mv", s(b), s(d)).exitCode());
    assertEquals("A", Files.readString(d.resolve("b.txt")));
    assertEquals(0, CliRunner.run("mv", s(d.resolve("b.txt")), s(dir.resolve("c.txt"))).exitCode());
    CliRunner missing = CliRunner.run("mv", s(dir.resolve("none")), s(dir.resolve("x")));
    assertEquals(CliErrors.NO_SUCH_FILE, missing.exitCode(), missing.toString());
    Path tree = file("tree/t.txt", "t").getParent();
    CliRunner treeOnFile = CliRunner.run("mv", s(tree), s(dir.resolve("c.txt")));
    assertEquals(CliErrors.WRONG_TYPE, treeOnFile.exitCode(), treeOnFile.toString());
    assertTrue(Files.exists(tree.resolve("t.txt")));
  }

  // ------------------------------------------------------------------ du, tail, checksum

  @Test
  void duPrintsSizeSpaceConsumedAndPath() throws Exception {
    file("u/a.bin", "x".repeat(1536));
    file("u/sub/b.bin", "y".repeat(3 << 20));
    CliRunner perEntry = CliRunner.run("du", s(dir.resolve("u")));
    assertEquals(0, perEntry.exitCode(), perEntry.toString());
    assertEquals(List.of("1536     1536     " + dir.resolve("u/a.bin"), "3145728  3145728  " + dir.resolve("u/sub")),
        perEntry.out().lines().toList());
    CliRunner summary = CliRunner.run("du", "-s", "-h", s(dir.resolve("u")));
    assertEquals("3.0 M  3.0 M  " + dir.resolve("u") + "\n", summary.out());
    CliRunner human = CliRunner.run("du", "-h", s(dir.resolve("u/sub/b.bin")));
    assertEquals("3 M  3 M  " + dir.resolve("u/sub/b.bin") + "\n", human.out());
  }

  @Test
  void humanSizesMatchHadoopsFormat() {
    long[] sizes = {0, 1, 1023, 1024, 1536, 3 << 20, (3 << 20) + 1, 1024L * 1024 * 1024 - 1, 5L << 40, Long.MAX_VALUE};
    for (long size : sizes) {
      assertEquals(org.apache.hadoop.util.StringUtils.TraditionalBinaryPrefix.long2String(size, "", 1),
          Sizes.human(size), "size " + size);
    }
  }

  @Test
  void tailPrintsTheLastLinesOrBytes() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 100_000; i++) {
      text.append("line ").append(i).append('\n');
    }
    Path plain = file("t.txt", text.toString());
    assertEquals("line 99999\nline 100000\n", CliRunner.run("tail", "-n", "2", s(plain)).out());
    assertEquals(10, CliRunner.run("tail", s(plain)).out().lines().count());
    assertEquals("00000\n", CliRunner.run("tail", "-c", "6", s(plain)).out());
    assertEquals("", CliRunner.run("tail", "-n", "0", s(plain)).out());
    Path noNewline = file("n.txt", "a\nb\nc");
    assertEquals("b\nc", CliRunner.run("tail", "-n", "2", s(noNewline)).out());
    assertEquals("a\nb\nc", CliRunner.run("tail", "-n", "9", s(noNewline)).out());

    Path gz = dir.resolve("t.gz");
    try (NativeFile out = new CompressedOutputStream(new OSFile(s(gz), "wb"), "gzip")) {
      out.write(text.toString().getBytes(StandardCharsets.US_ASCII));
    }
    assertEquals("line 99999\nline 100000\n", CliRunner.run("tail", "-n", "2", s(gz)).out());
    assertEquals("100000\n", CliRunner.run("tail", "-c", "7", s(gz)).out());
    CliRunner followGz = CliRunner.run("tail", "-f", s(gz));
    assertEquals(CliErrors.BAD_ARGUMENTS, followGz.exitCode(), followGz.toString());
    CliRunner both = CliRunner.run("tail", "-n", "1", "-c", "1", s(plain));
    assertEquals(CliErrors.BAD_ARGUMENTS, both.exitCode(), both.toString());
    CliRunner onDir = CliRunner.run("tail", s(dir));
    assertEquals(CliErrors.WRONG_TYPE, onDir.exitCode(), onDir.toString());
  }

  @Test
  void tailFollowPrintsWhatAnotherWriterAppends() throws Exception {
    Path log = file("follow.log", "first\n");
    TailFollower follower = TailFollower.start("tail", "-f", "--interval", "20", s(log));
    follower.awaitOutput("first\n");
    try (NativeFile append = new OSFile(s(log), "ab")) {
      append.write("second\n".getBytes(StandardCharsets.US_ASCII));
    }
    follower.awaitOutput("first\nsecond\n");
    try (NativeFile append = new OSFile(s(log), "ab")) {
      append.write("third\n".getBytes(StandardCharsets.US_ASCII));
    }
    follower.awaitOutput("first\nsecond\nthird\n");
    assertEquals(0, follower.stop());
  }

  @Test
  void checksumOfALocalFileIsTheCrc32cOfItsBytes() throws Exception {
    byte[] bytes = new byte[200_000];
    new java.util.Random(7).nextBytes(bytes);
    Path data = dir.resolve("c.bin");
    Files.write(data, bytes);
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    CliRunner r = CliRunner.run("checksum", s(data));
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(data + "\tCOMPOSITE-CRC32C\t" + String.format("%08x", crc.getValue()) + "\n", r.out());
    Path empty = file("empty.bin", "");
    assertEquals(empty + "\tCOMPOSITE-CRC32C\t00000000\n", CliRunner.run("checksum", s(empty)).out());
    CliRunner onDir = CliRunner.run("checksum", s(dir));
    assertEquals(CliErrors.WRONG_TYPE, onDir.exitCode(), onDir.toString());
    CliRunner missing = CliRunner.run("checksum", s(dir.resolve("none")));
    assertEquals(CliErrors.NO_SUCH_FILE, missing.exitCode(), missing.toString());
  }

  // ------------------------------------------------------------------ ls, stat, json

  @Test
  void lsLongHumanAndJson() throws Exception {
    Path f = file("l/f.bin", "z".repeat(1536));
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
    Files.createDirectories(dir.resolve("l/sub"));
    String owner = Files.getOwner(f).getName();
    CliRunner longFormat = CliRunner.run("ls", "-l", s(dir.resolve("l")));
    assertEquals(0, longFormat.exitCode(), longFormat.toString());
    List<String> rows = longFormat.out().lines().toList();
    assertEquals(2, rows.size(), longFormat.out());
    assertTrue(rows.get(0).matches("-rw-r-----    - " + owner + " \\S+ +1536 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d "
        + java.util.regex.Pattern.quote(s(f))), rows.get(0));
    assertTrue(rows.get(1).startsWith("drwx"), rows.get(1));
    assertTrue(rows.get(1).endsWith(" " + dir.resolve("l/sub")), rows.get(1));

    CliRunner human = CliRunner.run("ls", "-l", "-h", s(f));
    assertTrue(human.out().contains("      1.5 K "), human.out());

    CliRunner json = CliRunner.run("ls", "--json", s(dir.resolve("l")));
    assertEquals(0, json.exitCode(), json.toString());
    String mtime = Files.getLastModifiedTime(f).toInstant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
    assertTrue(json.out().startsWith("[{\"path\":\"" + f + "\",\"type\":\"file\",\"size\":1536,\"mtime\":\"" + mtime
        + "\",\"permissions\":\"rw-r-----\",\"owner\":\"" + owner + "\","), json.out());
    assertTrue(json.out().contains("\"replication\":null,\"blockSize\":null}"), json.out());
    assertTrue(json.out().contains("{\"path\":\"" + dir.resolve("l/sub") + "\",\"type\":\"directory\",\"size\":null,"),
        json.out());
    assertTrue(json.out().endsWith("}]\n"), json.out());

    CliRunner stat = CliRunner.run("stat", "--json", s(f));
    assertEquals(0, stat.exitCode(), stat.toString());
    assertTrue(stat.out().startsWith("{\"path\":\"" + f + "\",\"type\":\"file\",\"size\":1536,"), stat.out());
    assertTrue(stat.out().endsWith("}\n"), stat.out());

    CliRunner missing = CliRunner.run("ls", s(dir.resolve("none")));
    assertEquals(CliErrors.NO_SUCH_FILE, missing.exitCode(), missing.toString());
    CliRunner missingStat = CliRunner.run("stat", s(dir.resolve("none")));
    assertEquals(CliErrors.NO_SUCH_FILE, missingStat.exitCode(), missingStat.toString());
  }

  // ------------------------------------------------------------------ help and usage

  @Test
  void everyCommandHasHelpWithDefaultsAndExitCodes() {
    String[] commands = {"cp", "put", "get", "mv", "rm", "mkdir", "ls", "du", "stat", "checksum", "cat", "head",
        "tail", "hdfs", "demo", "bench"};
    for (String command : commands) {
      CliRunner help = CliRunner.run("help", command);
      assertEquals(0, help.exitCode(), command + ": " + help);
      assertTrue(help.out().startsWith("Usage: sluice "), help.out());
      assertTrue(help.out().contains("6   already exists"), help.out());
      CliRunner longHelp = CliRunner.run(command, "--help");
      assertEquals(0, longHelp.exitCode(), command + " --help: " + longHelp);
      assertEquals(help.out(), longHelp.out());
      if (!command.equals("ls") && !command.equals("du")) {
        CliRunner shortHelp = CliRunner.run(command, "-h");
        assertEquals(0, shortHelp.exitCode(), command + " -h: " + shortHelp);
        assertEquals(help.out(), shortHelp.out());
      }
    }
    assertTrue(CliRunner.run("help", "cp").out().contains("Default: 4"), "cp --threads names its default");
    assertTrue(CliRunner.run("help", "tail").out().contains("Default: 1000"));
    assertEquals(0, CliRunner.run("--help").exitCode());
    assertEquals(0, CliRunner.run("help").exitCode());
    CliRunner unknown = CliRunner.run("frobnicate");
    assertEquals(CliErrors.BAD_ARGUMENTS, unknown.exitCode(), unknown.toString());
    CliRunner badOption = CliRunner.run("rm", "--nope", "x");
    assertEquals(CliErrors.BAD_ARGUMENTS, badOption.exitCode(), badOption.toString());
  }

  @Test
  void dashHOnLsAndDuMeansHumanSizes() throws Exception {
    Path f = file("h.bin", "q".repeat(2048));
    CliRunner ls = CliRunner.run("ls", "-h", s(f));
    assertEquals(0, ls.exitCode(), ls.toString());
    assertTrue(ls.out().contains(" 2 K "), ls.out());
    CliRunner du = CliRunner.run("du", "-h", s(f));
    assertEquals("2 K  2 K  " + f + "\n", du.out());
  }

  @Test
  void maxRatioSetsTheBombGuardProperty() throws Exception {
    Path f = file("m.txt", "m");
    String before = System.getProperty(CommonOptions.MaxRatio.PROPERTY);
    try {
      assertEquals(0, CliRunner.run("cat", "--max-ratio", "50", s(f)).exitCode());
      assertEquals("50.0", System.getProperty(CommonOptions.MaxRatio.PROPERTY));
      CliRunner bad = CliRunner.run("cat", "--max-ratio", "0.5", s(f));
      assertEquals(CliErrors.BAD_ARGUMENTS, bad.exitCode(), bad.toString());
      assertTrue(bad.stderr().contains("--max-ratio must be a finite number >= 1: 0.5"), bad.stderr());
    } finally {
      if (before == null) {
        System.clearProperty(CommonOptions.MaxRatio.PROPERTY);
      } else {
        System.setProperty(CommonOptions.MaxRatio.PROPERTY, before);
      }
    }
  }

  @Test
  void hdfsTripleSlashWithoutDefaultFsIsAUsageErrorNamingBothSettings() {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("HADOOP_CONF_DIR") == null,
        "HADOOP_CONF_DIR is set in this environment");
    CliRunner r = CliRunner.run("ls", "hdfs:///data");
    assertEquals(CliErrors.BAD_ARGUMENTS, r.exitCode(), r.toString());
    assertTrue(r.stderr().contains("hdfs:///data: hdfs:/// needs fs.defaultFS, and HADOOP_CONF_DIR is not set"),
        r.stderr());
  }
}
