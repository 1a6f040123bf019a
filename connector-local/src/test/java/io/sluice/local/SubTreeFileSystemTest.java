package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.fs.FileInfo;
import io.sluice.fs.FileSelector;
import io.sluice.fs.FileSystem;
import io.sluice.fs.FileType;
import io.sluice.fs.SubTreeFileSystem;
import io.sluice.fs.WriteOptions;
import io.sluice.io.NativeFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Confinement of {@link SubTreeFileSystem} over {@link LocalFileSystem}: every hostile path is refused
 * by every operation, and the directory beside the base (holding a secret) is untouched afterwards.
 */
class SubTreeFileSystemTest {
  private static final byte[] SECRET = "top secret".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path temp;
  private Path baseDir;
  private Path outside;
  private FileSystem fs;

  @BeforeEach
  void setUp() throws IOException {
    baseDir = Files.createDirectory(temp.resolve("base"));
    outside = Files.createDirectory(temp.resolve("outside"));
    Files.write(outside.resolve("secret.txt"), SECRET);
    Files.createDirectory(baseDir.resolve("a"));
    Files.write(baseDir.resolve("a/inside.txt"), "inside".getBytes(StandardCharsets.US_ASCII));
    // Links that lead out, by every route: absolute, relative, chained, dangling.
    Files.createSymbolicLink(baseDir.resolve("link-out"), outside);
    Files.createSymbolicLink(baseDir.resolve("link-file"), outside.resolve("secret.txt"));
    Files.createSymbolicLink(baseDir.resolve("a/link-up"), Path.of("../.."));
    Files.createSymbolicLink(baseDir.resolve("chain1"), Path.of("chain2"));
    Files.createSymbolicLink(baseDir.resolve("chain2"), Path.of("../outside"));
    Files.createSymbolicLink(baseDir.resolve("dangling-out"), outside.resolve("not-yet"));
    // A link that stays inside is fine.
    Files.createSymbolicLink(baseDir.resolve("link-in"), Path.of("a"));
    fs = new SubTreeFileSystem(baseDir.toString(), new LocalFileSystem());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "..", "../secret.txt", "../outside/secret.txt", "a/../../outside/secret.txt", "a/..", "a/b/../../../x",
      ".", "./a", "a/./inside.txt", "...", ".. /outside", " ..", "a/. ",
      "/", "/etc/passwd", "//etc/passwd", "a//inside.txt", "a/inside.txt//",
      "%2e%2e/outside/secret.txt", "%2E%2E%2Foutside%2Fsecret.txt", "..%2foutside", "%252e%252e/outside",
      "a%2f..%2f..%2foutside", "file:///etc/passwd", "file:../outside", "hdfs://host/outside", "C:/outside",
      "c:secret", "..\\outside\\secret.txt", "a\\..\\..\\outside", "\\\\server\\share",
      "a/\u0000/b", "a\n/../..", "\t..",
      "link-out", "link-out/secret.txt", "link-file", "a/link-up/outside/secret.txt", "a/link-up",
      "chain1/secret.txt", "dangling-out", "dangling-out/new.txt", "link-out/new-dir/x"})
  void hostilePathIsRefusedByEveryOperation(String hostile) throws IOException {
    List<String> leaked = new ArrayList<>();
    for (Executable operation : operationsOn(hostile)) {
      try {
        operation.execute();
        leaked.add("an operation accepted it");
      } catch (IllegalArgumentException expected) {
        assertTrue(expected.getMessage().contains(hostile), expected.getMessage());
      } catch (Throwable other) {
        leaked.add(other.toString());
      }
    }
    assertEquals(List.of(), leaked, "path " + hostile);
    assertOutsideUntouched();
  }

  private List<Executable> operationsOn(String p) {
    return List.of(
        () -> fs.getFileInfo(p),
        () -> fs.getFileInfo(new FileSelector(p, true, true)),
        () -> fs.createDir(p, true),
        () -> fs.createDir(p, false),
        () -> fs.deleteDir(p),
        () -> fs.deleteDirContents(p, true),
        () -> fs.deleteFile(p),
        () -> fs.move(p, "a/moved"),
        () -> fs.move("a/inside.txt", p),
        () -> fs.copyFile(p, "a/copied"),
        () -> fs.copyFile("a/inside.txt", p),
        () -> close(fs.openInputStream(p)),
        () -> close(fs.openInputFile(p)),
        () -> close(fs.openOutputStream(p)),
        () -> close(fs.openOutputStream(p, WriteOptions.builder().atomic(true).build())),
        () -> close(fs.openOutputStream(p, WriteOptions.builder().atomic(true).exclusive(true).createParents(true).build())),
        () -> close(fs.openOutputStream(p, WriteOptions.builder().exclusive(true).createParents(true).build())),
        () -> close(fs.openAppendStream(p)),
        () -> fs.normalizePath(p),
        () -> fs.resolveLinks(p));
  }

  private static void close(NativeFile file) throws IOException {
    file.close();
  }

  private void assertOutsideUntouched() throws IOException {
    try (Stream<Path> files = Files.walk(outside)) {
      assertEquals(List.of(outside, outside.resolve("secret.txt")), files.sorted().collect(Collectors.toList()));
    }
    assertArrayEquals(SECRET, Files.readAllBytes(outside.resolve("secret.txt")));
    assertTrue(Files.exists(baseDir.resolve("a/inside.txt")), "the move source must still be there");
    assertFalse(Files.exists(baseDir.resolve("a/moved")));
    assertFalse(Files.exists(baseDir.resolve("a/copied")));
  }

  // What every file system does (relative paths in and out, create, copy, move, list, delete) is in
  // SubTreeFileSystemContractTest (FileSystemContract); this class keeps what confinement adds.

  @Test
  void theBaseIsTheEmptyPathAndLinksInsideAreNotFollowed() throws IOException {
    assertEquals(FileType.DIRECTORY, fs.getFileInfo("").type());
    FileInfo info = fs.getFileInfo("a/inside.txt");
    assertEquals(new FileInfo("a/inside.txt", FileType.FILE, 6, info.mtime()), info);
    // Over local files no link is followed, not even one that stays inside the base.
    IllegalArgumentException viaLink = assertThrows(IllegalArgumentException.class,
        () -> fs.getFileInfo("link-in/inside.txt"));
    assertEquals("path 'link-in/inside.txt' is refused by SubTreeFileSystem: 'link-in' is a symbolic link, and"
        + " confined local paths never follow links", viaLink.getMessage());
  }

  @Test
  void listingShowsLinksAsUnknownWithoutTheirTargetsDetails() throws IOException {
    List<FileInfo> infos = fs.getFileInfo(new FileSelector("", false, false));
    List<String> lines = infos.stream().map(i -> i.path() + " " + i.type() + " " + i.size()).toList();
    assertEquals(List.of(
        "a DIRECTORY -1",
        "chain1 UNKNOWN -1",
        "chain2 UNKNOWN -1",
        "dangling-out UNKNOWN -1",
        "link-file UNKNOWN -1",
        "link-in UNKNOWN -1",
        "link-out UNKNOWN -1"), lines);
    // Recursion never follows a link, so nothing below link-out or a/link-up is listed.
    List<String> recursive = fs.getFileInfo(new FileSelector("", false, true)).stream().map(FileInfo::path).toList();
    assertEquals(List.of("a", "a/inside.txt", "a/link-up", "chain1", "chain2", "dangling-out", "link-file",
        "link-in", "link-out"), recursive);
  }

  @Test
  void theBaseItselfCannotBeDeletedOrReplaced() throws IOException {
    assertThrows(IllegalArgumentException.class, () -> fs.deleteDir(""));
    assertThrows(IllegalArgumentException.class, () -> fs.move("", "a/b"));
    assertThrows(IllegalArgumentException.class, () -> fs.move("a", ""));
    assertTrue(Files.isDirectory(baseDir.resolve("a")));
  }

  @Test
  void nullAndEmptyArgumentsAreNamed() {
    NullPointerException npe = assertThrows(NullPointerException.class, () -> fs.getFileInfo((String) null));
    assertEquals("path", npe.getMessage());
    assertThrows(NullPointerException.class, () -> new SubTreeFileSystem(null, new LocalFileSystem()));
    assertThrows(IllegalArgumentException.class, () -> new SubTreeFileSystem("", new LocalFileSystem()));
  }

  @Test
  void aBaseReachedThroughALinkStillConfines() throws IOException {
    Path linkToBase = Files.createSymbolicLink(temp.resolve("base-link"), baseDir);
    FileSystem viaLink = new SubTreeFileSystem(linkToBase.toString(), new LocalFileSystem());
    assertEquals(6, viaLink.getFileInfo("a/inside.txt").size());
    assertThrows(IllegalArgumentException.class, () -> viaLink.getFileInfo("link-out/secret.txt"));
    List<String> listed = viaLink.getFileInfo(new FileSelector("a", false, true)).stream()
        .map(i -> i.path() + " " + i.type()).toList();
    assertEquals(List.of("a/inside.txt FILE", "a/link-up UNKNOWN"), listed);
    assertEquals("subtree", viaLink.typeName());
  }
}
