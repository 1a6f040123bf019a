package io.sluice.fs.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.fs.Abortable;
import io.sluice.fs.FileInfo;
import io.sluice.fs.FileSelector;
import io.sluice.fs.FileSystem;
import io.sluice.fs.FileType;
import io.sluice.fs.WriteOptions;
import io.sluice.io.NativeFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The contract of a {@link FileSystem}, written once and run against every kind (local disks, a
 * {@link io.sluice.fs.SubTreeFileSystem}, HDFS, {@link io.sluice.fs.MemoryFileSystem}): metadata and
 * listings, directories, delete / move / copy, streams of each kind, atomic and exclusive output, the
 * errors of the {@code FileSystem} javadoc. Kind-specific behaviour (memory maps, hflush, URI routing,
 * confinement) stays in each kind's own tests.
 *
 * <p>Extend it with {@link #fileSystem()}, {@link #newRoot()} and {@link #storedMtime(String)}, and
 * override the capability hooks where the kind legitimately differs: {@link #supportsSymlinks()}
 * (with {@link #createSymlink}), {@link #supportsAppend()}, {@link #atomicRename()},
 * {@link #supportsAtomicOutput()}, {@link #abortReportsNotPublished()}; {@link #storedNames(String)}
 * where the store can show names the file system hides (atomic writers' temporaries).
 */
public abstract class FileSystemContract {
  private String root;

  // ---------------------------------------------------------------- what a kind provides

  /** The file system under test; the suite never closes it. */
  protected abstract FileSystem fileSystem() throws IOException;

  /**
   * A fresh, empty directory for one test, as {@link #fileSystem()} spells it; {@code ""} is allowed
   * (a {@link io.sluice.fs.SubTreeFileSystem} over a fresh base). Called before every test.
   */
  protected abstract String newRoot() throws IOException;

  /** The kind's {@link FileSystem#typeName()}. */
  protected abstract String expectedTypeName();

  /**
   * The modification time the store itself records for {@code path} (read around the file system
   * under test: {@code Files.getLastModifiedTime}, Hadoop's {@code FileStatus}, the fixed clock of
   * a memory file system), which {@link FileSystem#getFileInfo(String)} must report exactly.
   */
  protected abstract Instant storedMtime(String path) throws IOException;

  /**
   * The names directly in {@code dir} as the store has them, hidden ones included (atomic writers'
   * temporaries). The default asks the file system under test, which hides them: override it where
   * the store can be listed around it, so "no temporary file is left" is really checked.
   */
  protected List<String> storedNames(String dir) throws IOException {
    return fileSystem().getFileInfo(new FileSelector(dir)).stream().map(FileInfo::baseName).toList();
  }

  /** Whether the kind has symbolic links the suite can make with {@link #createSymlink}. */
  protected boolean supportsSymlinks() {
    return false;
  }

  /** Makes a symbolic link at {@code link} pointing to {@code target} (both paths of the file system). */
  protected void createSymlink(String link, String target) throws IOException {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no symbolic links");
  }

  /** Whether {@link FileSystem#openAppendStream(String)} is supported. */
  protected boolean supportsAppend() {
    return true;
  }

  /** Whether {@link FileSystem#move} replaces a file atomically: the target name never disappears. */
  protected boolean atomicRename() {
    return true;
  }

  /** Whether {@link WriteOptions#atomic()} output is supported. */
  protected boolean supportsAtomicOutput() {
    return true;
  }

  /**
   * Whether {@link Abortable#abort()} reports the discarded output with an {@link IOException}
   * saying "not published" (HDFS, whose output stream must be closed to be abandoned) instead of
   * returning normally.
   */
  protected boolean abortReportsNotPublished() {
    return false;
  }

  /** A size that spans several of the store's blocks, for copies. */
  protected int multiBlockSize() {
    return 3 * 64 * 1024 + 17;
  }

  /** Rounds of the rename race; each round writes one small file and renames it. */
  protected int renameRaceRounds() {
    return 2000;
  }

  // ---------------------------------------------------------------- helpers

  @BeforeEach
  final void freshRoot() throws IOException {
    root = newRoot();
  }

  /** {@code relative} inside this test's root. */
  protected final String path(String relative) {
    return root.isEmpty() ? relative : root + "/" + relative;
  }

  protected final String root() {
    return root;
  }

  /** Writes {@code content} as given (no compression, whatever the name). */
  protected final String write(String relative, byte[] content) throws IOException {
    String p = path(relative);
    try (NativeFile out = fileSystem().openOutputStream(p, null, 0)) {
      assertEquals(content.length, out.write(content));
    }
    return p;
  }

  protected final byte[] read(String p) throws IOException {
    try (NativeFile in = fileSystem().openInputFile(p)) {
      return in.read();
    }
  }

  private static byte[] random(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  private List<String> paths(List<FileInfo> infos) {
    return infos.stream().map(FileInfo::path).toList();
  }

  private static void assertMessageContains(Throwable e, String expected) {
    assertTrue(e.getMessage() != null && e.getMessage().contains(expected),
        "message should contain '" + expected + "': " + e);
  }

  /** Missing files may be reported either way (the FileSystem javadoc allows both). */
  private static void assertMissing(Executable call) {
    Throwable e = assertThrows(IOException.class, call);
    assertTrue(e instanceof NoSuchFileException || e instanceof FileNotFoundException,
        "expected NoSuchFileException or FileNotFoundException: " + e);
  }

  private static WriteOptions atomic() {
    return WriteOptions.builder().atomic(true).build();
  }

  // ---------------------------------------------------------------- metadata and listings

  @Test
  void fileInfoOfFileDirectoryAndMissingPath() throws IOException {
    FileSystem fs = fileSystem();
    assertEquals(expectedTypeName(), fs.typeName());
    String file = write("data.csv.gz", new byte[1234]);
    FileInfo info = fs.getFileInfo(file);
    assertEquals(new FileInfo(file, FileType.FILE, 1234, storedMtime(file)), info);
    assertEquals("data.csv.gz", info.baseName());
    assertEquals("gz", info.extension());
    assertTrue(info.isFile());
    assertTrue(info.exists());

    fs.createDir(path("d"), false);
    FileInfo dir = fs.getFileInfo(path("d") + "/");
    assertEquals(new FileInfo(path("d"), FileType.DIRECTORY, -1, storedMtime(path("d"))), dir,
        "a trailing separator is normalized away");
    assertTrue(dir.isDirectory());
    assertEquals("", dir.extension());

    FileInfo missing = fs.getFileInfo(path("nope.txt"));
    assertEquals(new FileInfo(path("nope.txt"), FileType.NOT_FOUND, -1, null), missing);
    assertFalse(missing.exists());
    assertNull(missing.mtime());
  }

  @Test
  void selectorListsSortedChildrenOptionallyRecursive() throws IOException {
    FileSystem fs = fileSystem();
    fs.createDir(path("root/a/deeper"), true);
    write("root/b.txt", new byte[2]);
    write("root/a/x.bin", new byte[3]);
    write("root/a/deeper/y.bin", new byte[4]);

    List<String> flat = fs.getFileInfo(new FileSelector(path("root"))).stream()
        .map(i -> i.path() + ":" + i.type() + ":" + i.size()).toList();
    assertEquals(List.of(path("root/a") + ":DIRECTORY:-1", path("root/b.txt") + ":FILE:2"), flat);

    List<String> all = fs.getFileInfo(new FileSelector(path("root"), false, true)).stream()
        .map(i -> i.path() + ":" + i.size()).toList();
    assertEquals(List.of(path("root/a") + ":-1", path("root/a/deeper") + ":-1", path("root/a/deeper/y.bin") + ":4",
        path("root/a/x.bin") + ":3", path("root/b.txt") + ":2"), all);

    assertEquals(List.of(), fs.getFileInfo(new FileSelector(path("missing"), true, true)));
    assertThrows(NoSuchFileException.class, () -> fs.getFileInfo(new FileSelector(path("missing"))));
    assertThrows(NotDirectoryException.class, () -> fs.getFileInfo(new FileSelector(path("root/b.txt"))));
  }

  // ---------------------------------------------------------------- directories

  @Test
  void createDirNeedsParentsUnlessRecursive() throws IOException {
    FileSystem fs = fileSystem();
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> fs.createDir(path("x/y"), false));
    assertMessageContains(e, "x/y");
    assertFalse(fs.getFileInfo(path("x")).exists(), "nothing was created");
    fs.createDir(path("x/y"), true);
    fs.createDir(path("x/y"), false); // an existing directory is fine
    fs.createDir(path("x/y"), true);
    assertEquals(FileType.DIRECTORY, fs.getFileInfo(path("x")).type());
    assertEquals(FileType.DIRECTORY, fs.getFileInfo(path("x/y")).type());
    write("x/file", new byte[1]);
    assertThrows(FileAlreadyExistsException.class, () -> fs.createDir(path("x/file"), false));
    assertThrows(FileAlreadyExistsException.class, () -> fs.createDir(path("x/file"), true));
    assertEquals(1, fs.getFileInfo(path("x/file")).size(), "the file is untouched");
  }

  @Test
  void deleteDirAndDeleteDirContents() throws IOException {
    FileSystem fs = fileSystem();
    fs.createDir(path("d/e"), true);
    write("d/e/f", new byte[1]);
    write("d/g", new byte[1]);
    fs.deleteDirContents(path("d"), false);
    assertTrue(fs.getFileInfo(path("d")).isDirectory(), "the directory itself stays");
    assertEquals(List.of(), fs.getFileInfo(new FileSelector(path("d"))));
    fs.deleteDir(path("d"));
    assertFalse(fs.getFileInfo(path("d")).exists());

    assertThrows(NoSuchFileException.class, () -> fs.deleteDir(path("d")));
    assertThrows(NoSuchFileException.class, () -> fs.deleteDirContents(path("d"), false));
    fs.deleteDirContents(path("d"), true); // missing is fine when asked
    String file = write("plain", new byte[1]);
    assertThrows(NotDirectoryException.class, () -> fs.deleteDir(file));
    assertThrows(NotDirectoryException.class, () -> fs.deleteDirContents(file, true));
    assertTrue(fs.getFileInfo(file).isFile(), "the file is untouched");
  }

  @Test
  void deletingADirectoryRemovesLinksInsideItNeverWhatTheyPointTo() throws IOException {
    assumeTrue(supportsSymlinks(), "no symbolic links on this kind");
    FileSystem fs = fileSystem();
    fs.createDir(path("keep"), false);
    String precious = write("keep/precious", new byte[] {1});
    fs.createDir(path("x/y/z"), true);
    createSymlink(path("x/y/link"), path("keep"));
    write("x/y/z/file", new byte[5]);
    fs.deleteDirContents(path("x"), false);
    assertTrue(fs.getFileInfo(path("x")).isDirectory());
    assertEquals(List.of(), fs.getFileInfo(new FileSelector(path("x"))));
    assertArrayEquals(new byte[] {1}, read(precious));
    fs.deleteDir(path("x"));
    assertFalse(fs.getFileInfo(path("x")).exists());
    assertArrayEquals(new byte[] {1}, read(precious));
  }

  // ---------------------------------------------------------------- files

  @Test
  void deleteFileRefusesDirectoriesAndMissingFiles() throws IOException {
    FileSystem fs = fileSystem();
    String file = write("f", new byte[1]);
    fs.deleteFile(file);
    assertFalse(fs.getFileInfo(file).exists());
    assertThrows(NoSuchFileException.class, () -> fs.deleteFile(file));
    fs.createDir(path("dir"), false);
    IOException e = assertThrows(IOException.class, () -> fs.deleteFile(path("dir")));
    assertFalse(e instanceof NoSuchFileException, e.toString());
    assertMessageContains(e, "deleteDir");
    assertTrue(fs.getFileInfo(path("dir")).isDirectory(), "the directory is untouched");
  }

  @Test
  void moveReplacesAFileAndRenamesDirectories() throws IOException {
    FileSystem fs = fileSystem();
    String a = write("a", new byte[] {1, 2, 3});
    String b = write("b", new byte[] {9});
    fs.move(a, b);
    assertFalse(fs.getFileInfo(a).exists());
    assertArrayEquals(new byte[] {1, 2, 3}, read(b));
    assertThrows(NoSuchFileException.class, () -> fs.move(a, b));

    fs.createDir(path("sub/inner"), true);
    write("sub/inner/f", new byte[] {7});
    fs.move(path("sub"), path("moved"));
    assertFalse(fs.getFileInfo(path("sub")).exists());
    assertTrue(fs.getFileInfo(path("moved/inner")).isDirectory());
    assertArrayEquals(new byte[] {7}, read(path("moved/inner/f")));
  }

  @Test
  void copyFileCopiesBytesAndReplacesTarget() throws IOException {
    FileSystem fs = fileSystem();
    byte[] content = random(multiBlockSize(), 7);
    String a = write("a", content);
    String b = write("b", new byte[] {9});
    fs.copyFile(a, b);
    assertArrayEquals(content, read(a), "the source is unchanged");
    assertArrayEquals(content, read(b));
    fs.copyFile(a, path("fresh"));
    assertArrayEquals(content, read(path("fresh")));

    assertThrows(NoSuchFileException.class, () -> fs.copyFile(path("missing"), b));
    fs.createDir(path("dir"), false);
    IOException e = assertThrows(IOException.class, () -> fs.copyFile(path("dir"), path("d2")));
    assertFalse(e instanceof NoSuchFileException, e.toString());
    assertFalse(fs.getFileInfo(path("d2")).exists());
  }

  @Test
  void moveIsAtomicForConcurrentObservers() throws Exception {
    assumeTrue(atomicRename(), "move is not atomic on this kind");
    FileSystem fs = fileSystem();
    String target = write("target", version(0));
    int rounds = renameRaceRounds();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread writer = new Thread(() -> {
      try {
        for (int k = 1; k <= rounds; k++) {
          String next = write("next", version(k));
          fs.move(next, target);
        }
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "rename-race-writer");
    writer.start();
    List<String> seen = new ArrayList<>();
    while (writer.isAlive()) {
      FileInfo info = fs.getFileInfo(target);
      if (!info.isFile() || info.size() != 64) {
        seen.add(info.toString());
      }
    }
    writer.join();
    if (failure.get() != null) {
      fail("the writer failed", failure.get());
    }
    assertEquals(List.of(), seen, "the target was missing or partial while it was replaced");
    assertArrayEquals(version(rounds), read(target));
  }

  private static byte[] version(int k) {
    byte[] content = new byte[64];
    Arrays.fill(content, (byte) k);
    return content;
  }

  // ---------------------------------------------------------------- streams

  @Test
  void inputFilesAreSeekableAndInputStreamsSequential() throws IOException {
    FileSystem fs = fileSystem();
    String file = write("data", new byte[] {1, 2, 3, 4});
    try (NativeFile in = fs.openInputFile(file); NativeFile stream = fs.openInputStream(file)) {
      assertEquals("rb", in.mode());
      assertTrue(in.seekable());
      assertEquals(4, in.size());
      assertArrayEquals(new byte[] {3, 4}, in.readAt(2, 10));
      assertTrue(stream.readable());
      assertArrayEquals(new byte[] {1, 2, 3, 4}, stream.read());
    }
  }

  @Test
  void openingMissingFilesOrDirectoriesFails() throws IOException {
    FileSystem fs = fileSystem();
    assertMissing(() -> fs.openInputFile(path("missing")));
    assertMissing(() -> fs.openInputStream(path("missing")));
    assertThrows(NoSuchFileException.class, () -> fs.openOutputStream(path("no/dir/file")));
    assertFalse(fs.getFileInfo(path("no")).exists(), "no parent was created");
    fs.createDir(path("dir"), false);
    IOException input = assertThrows(IOException.class, () -> fs.openInputFile(path("dir")));
    assertFalse(input instanceof NoSuchFileException, input.toString());
    assertThrows(IOException.class, () -> fs.openOutputStream(path("dir")));
    assertTrue(fs.getFileInfo(path("dir")).isDirectory(), "the directory is untouched");
  }

  @Test
  void outputStreamsCreateOrTruncate() throws IOException {
    FileSystem fs = fileSystem();
    String file = write("data", new byte[] {1, 2, 3, 4});
    try (NativeFile out = fs.openOutputStream(file)) {
      assertEquals("wb", out.mode());
      assertTrue(out.writable());
      assertFalse(out.readable());
      out.write(new byte[] {9});
      assertEquals(1, out.tell());
    }
    assertArrayEquals(new byte[] {9}, read(file));
  }

  @Test
  void appendStreamsCreateThenAppend() throws IOException {
    assumeTrue(supportsAppend(), "no append on this kind");
    FileSystem fs = fileSystem();
    String file = path("log");
    try (NativeFile out = fs.openAppendStream(file)) {
      assertEquals("ab", out.mode());
      assertFalse(out.seekable());
      out.write(new byte[] {1, 2});
    }
    try (NativeFile out = fs.openAppendStream(file)) {
      assertEquals(2, out.tell(), "an append stream starts at the end of the file");
      out.write(new byte[] {3});
      assertEquals(3, out.tell());
    }
    assertArrayEquals(new byte[] {1, 2, 3}, read(file));
  }

  @Test
  void streamsCompressAndDecompressByExtension() throws IOException {
    FileSystem fs = fileSystem();
    byte[] text = "one line\nanother line\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
    String gz = path("text.csv.gz");
    try (NativeFile out = fs.openOutputStream(gz)) {
      out.write(text);
    }
    byte[] stored = read(gz);
    assertEquals(0x1f, stored[0] & 0xff, "gzip magic: openInputFile never decompresses");
    assertEquals(0x8b, stored[1] & 0xff);
    assertTrue(stored.length < text.length, "compressed: " + stored.length);
    try (NativeFile in = fs.openInputStream(gz)) {
      assertArrayEquals(text, in.read());
    }
    try (NativeFile in = fs.openInputStream(gz, null, 0)) {
      assertArrayEquals(stored, in.read(), "null compression reads the bytes as stored");
    }
  }

  // ---------------------------------------------------------------- atomic and exclusive output

  @Test
  void atomicOutputAppearsOnlyOnSuccessfulCloseAndLeavesNoTemporaryFile() throws IOException {
    assumeTrue(supportsAtomicOutput(), "no atomic output on this kind");
    FileSystem fs = fileSystem();
    fs.createDir(path("out"), false);
    String target = path("out/result.bin");
    NativeFile out = fs.openOutputStream(target, atomic());
    assertInstanceOf(Abortable.class, out);
    out.write(new byte[] {1, 2, 3});
    assertFalse(fs.getFileInfo(target).exists(), "nothing under the name before close");
    out.close();
    assertArrayEquals(new byte[] {1, 2, 3}, read(target));
    assertEquals(List.of("result.bin"), storedNames(path("out")));
  }

  @Test
  void atomicOutputReplacesOldContentOnlyAtClose() throws IOException {
    assumeTrue(supportsAtomicOutput(), "no atomic output on this kind");
    FileSystem fs = fileSystem();
    String target = write("target", new byte[] {1});
    try (NativeFile out = fs.openOutputStream(target, atomic())) {
      out.write(new byte[] {2, 2});
      assertArrayEquals(new byte[] {1}, read(target), "old content until the rename");
    }
    assertArrayEquals(new byte[] {2, 2}, read(target));
    assertEquals(List.of("target"), storedNames(root()));
  }

  @Test
  void abortedAtomicOutputLeavesTheTargetAsItWas() throws IOException {
    assumeTrue(supportsAtomicOutput(), "no atomic output on this kind");
    FileSystem fs = fileSystem();
    String target = write("target", new byte[] {4});
    NativeFile out = fs.openOutputStream(target, atomic());
    out.write(new byte[] {5, 5});
    Abortable abortable = (Abortable) out;
    if (abortReportsNotPublished()) {
      assertMessageContains(assertThrows(IOException.class, abortable::abort), "not published");
    } else {
      abortable.abort();
    }
    assertTrue(out.isClosed());
    abortable.abort(); // idempotent
    assertArrayEquals(new byte[] {4}, read(target));
    assertEquals(List.of("target"), storedNames(root()));

    NativeFile fresh = fs.openOutputStream(path("never"), atomic());
    fresh.write(new byte[] {6});
    if (abortReportsNotPublished()) {
      assertThrows(IOException.class, ((Abortable) fresh)::abort);
    } else {
      ((Abortable) fresh).abort();
    }
    assertFalse(fs.getFileInfo(path("never")).exists());
    assertEquals(List.of("target"), storedNames(root()));
  }

  @Test
  void exclusiveOutputRefusesAnExistingTarget() throws IOException {
    FileSystem fs = fileSystem();
    String target = write("exists", new byte[] {1});
    WriteOptions exclusive = WriteOptions.builder().exclusive(true).build();
    assertThrows(FileAlreadyExistsException.class, () -> fs.openOutputStream(target, exclusive));
    assertArrayEquals(new byte[] {1}, read(target), "the existing file is untouched");
    try (NativeFile out = fs.openOutputStream(path("new"), exclusive)) {
      out.write(new byte[] {2});
    }
    assertArrayEquals(new byte[] {2}, read(path("new")));
    if (supportsAtomicOutput()) {
      WriteOptions both = exclusive.toBuilder().atomic(true).build();
      assertThrows(FileAlreadyExistsException.class, () -> fs.openOutputStream(target, both));
      assertArrayEquals(new byte[] {1}, read(target));
    }
  }

  @Test
  void createParentsMakesMissingDirectories() throws IOException {
    FileSystem fs = fileSystem();
    WriteOptions parents = WriteOptions.builder().createParents(true).build();
    try (NativeFile out = fs.openOutputStream(path("p/q/file"), parents)) {
      out.write(new byte[] {3});
    }
    assertTrue(fs.getFileInfo(path("p/q")).isDirectory());
    assertArrayEquals(new byte[] {3}, read(path("p/q/file")));
    if (supportsAtomicOutput()) {
      try (NativeFile out = fs.openOutputStream(path("r/s/file"), parents.toBuilder().atomic(true).build())) {
        out.write(new byte[] {4});
      }
      assertArrayEquals(new byte[] {4}, read(path("r/s/file")));
      assertEquals(List.of("file"), storedNames(path("r/s")));
    }
  }

  // ---------------------------------------------------------------- arguments

  @Test
  void nullPathsAreNamed() throws IOException {
    FileSystem fs = fileSystem();
    assertEquals("path", assertThrows(NullPointerException.class, () -> fs.getFileInfo((String) null)).getMessage());
    assertThrows(NullPointerException.class, () -> fs.openInputFile(null));
    assertThrows(NullPointerException.class, () -> fs.getFileInfo((FileSelector) null));
  }
}
