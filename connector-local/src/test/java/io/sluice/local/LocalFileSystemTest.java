package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.fs.Abortable;
import io.sluice.fs.FileInfo;
import io.sluice.fs.FileSelector;
import io.sluice.fs.FileSystem;
import io.sluice.fs.FileSystemAndPath;
import io.sluice.fs.FileType;
import io.sluice.fs.WriteOptions;
import io.sluice.io.NativeFile;
import io.sluice.memory.Buffer;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileSystemTest {
  @TempDir Path dir;
  private final LocalFileSystem fs = new LocalFileSystem();

  private String p(String relative) {
    return dir.resolve(relative).toString();
  }

  private Path write(String relative, byte[] content) throws IOException {
    Path path = dir.resolve(relative);
    Files.createDirectories(path.getParent());
    return Files.write(path, content);
  }

  @Test
  void fileInfoOfFilesDirectoriesAndMissingPaths() throws IOException {
    Path file = write("d/data.csv.gz", new byte[1234]);
    FileInfo info = fs.getFileInfo(file.toString());
    assertEquals(new FileInfo(file.toString(), FileType.FILE, 1234, Files.getLastModifiedTime(file).toInstant()), info);
    assertEquals("data.csv.gz", info.baseName());
    assertEquals("gz", info.extension());
    assertTrue(info.isFile());

    FileInfo d = fs.getFileInfo(p("d") + "/");
    assertEquals(new FileInfo(p("d"), FileType.DIRECTORY, -1, Files.getLastModifiedTime(dir.resolve("d")).toInstant()), d);
    assertEquals("", d.extension());

    FileInfo missing = fs.getFileInfo(p("nope.txt"));
    assertEquals(new FileInfo(p("nope.txt"), FileType.NOT_FOUND, -1, null), missing);
    assertFalse(missing.exists());
    assertEquals("local", fs.typeName());
    assertEquals(file.toString(), fs.getFileInfo("file://" + file).path(), "file: URIs are accepted");
  }

  @Test
  void selectorsListSortedWithExactInfo() throws IOException {
    write("root/b.txt", new byte[2]);
    write("root/a/x.bin", new byte[3]);
    write("root/a/deeper/y.bin", new byte[4]);
    List<String> flat = fs.getFileInfo(new FileSelector(p("root"))).stream()
        .map(i -> i.baseName() + ":" + i.type() + ":" + i.size()).toList();
    assertEquals(List.of("a:DIRECTORY:-1", "b.txt:FILE:2"), flat);
    List<String> all = fs.getFileInfo(new FileSelector(p("root"), false, true)).stream()
        .map(i -> dir.resolve("root").relativize(Path.of(i.path())) + ":" + i.size()).toList();
    assertEquals(List.of("a:-1", "a/deeper:-1", "a/deeper/y.bin:4", "a/x.bin:3", "b.txt:2"), all);

    assertEquals(List.of(), fs.getFileInfo(new FileSelector(p("missing"), true, true)));
    assertThrows(NoSuchFileException.class, () -> fs.getFileInfo(new FileSelector(p("missing"))));
    assertThrows(NotDirectoryException.class, () -> fs.getFileInfo(new FileSelector(p("root/b.txt"))));
  }

  @Test
  void createAndDeleteDirectories() throws IOException {
    assertThrows(NoSuchFileException.class, () -> fs.createDir(p("x/y"), false));
    fs.createDir(p("x/y"), true);
    fs.createDir(p("x/y"), false);
    fs.createDir(p("x/y"), true);
    assertEquals(FileType.DIRECTORY, fs.getFileInfo(p("x/y")).type());
    write("x/file", new byte[1]);
    assertThrows(FileAlreadyExistsException.class, () -> fs.createDir(p("x/file"), false));
    assertThrows(FileAlreadyExistsException.class, () -> fs.createDir(p("x/file"), true));

    // A link inside a deleted tree is removed; what it points to survives.
    Path keep = write("keep/precious", new byte[] {1});
    Files.createSymbolicLink(dir.resolve("x/y/link"), keep.getParent());
    write("x/y/z/file", new byte[5]);
    fs.deleteDirContents(p("x"), false);
    assertTrue(Files.isDirectory(dir.resolve("x")));
    assertEquals(List.of(), fs.getFileInfo(new FileSelector(p("x"))));
    assertArrayEquals(new byte[] {1}, Files.readAllBytes(keep));
    fs.deleteDir(p("x"));
    assertFalse(Files.exists(dir.resolve("x")));

    assertThrows(NoSuchFileException.class, () -> fs.deleteDir(p("x")));
    assertThrows(NoSuchFileException.class, () -> fs.deleteDirContents(p("x"), false));
    fs.deleteDirContents(p("x"), true);
    assertThrows(NotDirectoryException.class, () -> fs.deleteDir(keep.toString()));
    assertThrows(NotDirectoryException.class, () -> fs.deleteDirContents(keep.toString(), true));
  }

  @Test
  void deleteMoveAndCopyFiles() throws IOException {
    write("a", new byte[] {1, 2});
    write("b", new byte[] {3});
    fs.copyFile(p("a"), p("b"));
    assertArrayEquals(new byte[] {1, 2}, Files.readAllBytes(dir.resolve("b")));
    write("c", new byte[] {4, 4, 4});
    fs.move(p("c"), p("b"));
    assertArrayEquals(new byte[] {4, 4, 4}, Files.readAllBytes(dir.resolve("b")));
    assertFalse(Files.exists(dir.resolve("c")));
    fs.createDir(p("sub/inner"), true);
    fs.move(p("sub"), p("moved"));
    assertTrue(Files.isDirectory(dir.resolve("moved/inner")));

    assertThrows(NoSuchFileException.class, () -> fs.move(p("c"), p("d")));
    assertThrows(NoSuchFileException.class, () -> fs.copyFile(p("c"), p("d")));
    assertThrows(IOException.class, () -> fs.copyFile(p("moved"), p("d")));
    assertThrows(NoSuchFileException.class, () -> fs.deleteFile(p("c")));
    IOException isDir = assertThrows(IOException.class, () -> fs.deleteFile(p("moved")));
    assertTrue(isDir.getMessage().contains("deleteDir"), isDir.getMessage());
    fs.deleteFile(p("a"));
    assertFalse(Files.exists(dir.resolve("a")));
  }

  @Test
  void streamsOfEachKind() throws IOException {
    Path file = write("data", new byte[] {1, 2, 3, 4});
    try (NativeFile in = fs.openInputFile(file.toString()); NativeFile stream = fs.openInputStream(file.toString())) {
      assertInstanceOf(OSFile.class, in);
      assertArrayEquals(new byte[] {3, 4}, in.readAt(2, 10));
      assertArrayEquals(new byte[] {1, 2, 3, 4}, stream.read());
    }
    LocalFileSystem mmap = new LocalFileSystem(true);
    try (NativeFile in = mmap.openInputFile(file.toString()); Buffer view = in.readBuffer()) {
      assertInstanceOf(MemoryMappedFile.class, in);
      assertEquals("rb", in.mode());
      assertArrayEquals(new byte[] {1, 2, 3, 4}, view.toByteArray());
    }
    assertThrows(NoSuchFileException.class, () -> fs.openInputFile(p("missing")));
    assertThrows(NoSuchFileException.class, () -> mmap.openInputStream(p("missing")));
    assertThrows(NoSuchFileException.class, () -> fs.openOutputStream(p("no/dir/file")));
    assertThrows(IOException.class, () -> fs.openInputFile(dir.toString()));

    try (NativeFile out = fs.openOutputStream(file.toString())) {
      assertEquals("wb", out.mode());
      out.write(new byte[] {9});
    }
    try (NativeFile out = fs.openAppendStream(file.toString())) {
      assertFalse(out.seekable());
      out.write(new byte[] {8});
    }
    try (NativeFile out = fs.openAppendStream(p("fresh"))) {
      out.write(new byte[] {7});
    }
    assertArrayEquals(new byte[] {9, 8}, Files.readAllBytes(file));
    assertArrayEquals(new byte[] {7}, Files.readAllBytes(dir.resolve("fresh")));
  }

  @Test
  void atomicOutputAppearsOnlyOnSuccessfulCloseAndLeavesNoTemporaryFile() throws IOException {
    WriteOptions atomic = WriteOptions.builder().atomic(true).build();
    assertTrue(atomic.atomic());
    assertFalse(WriteOptions.DEFAULT.atomic());
    Path target = dir.resolve("out/result.bin");
    Files.createDirectories(target.getParent());
    NativeFile out = fs.openOutputStream(target.toString(), atomic);
    out.write(new byte[] {1, 2, 3});
    assertFalse(Files.exists(target), "nothing under the name before close");
    out.close();
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
    assertEquals(List.of("result.bin"), names(target.getParent()));

    // Replacing: the old content stays until the new one is complete.
    NativeFile replace = fs.openOutputStream(target.toString(), atomic);
    replace.write(new byte[] {4});
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
    replace.close();
    assertArrayEquals(new byte[] {4}, Files.readAllBytes(target));

    // Abort: nothing published, nothing left behind.
    NativeFile aborted = fs.openOutputStream(target.toString(), atomic);
    aborted.write(new byte[] {5, 5});
    ((Abortable) aborted).abort();
    assertTrue(aborted.isClosed());
    assertArrayEquals(new byte[] {4}, Files.readAllBytes(target));
    assertEquals(List.of("result.bin"), names(target.getParent()));
    ((Abortable) aborted).abort();
  }

  private static List<String> names(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(e -> e.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void pathsAndLinks() throws IOException {
    assertEquals("/tmp/a/b", fs.normalizePath("/tmp//a/b/"));
    assertEquals("/tmp/a b", fs.normalizePath("file:///tmp/a%20b"));
    Path target = Files.createDirectory(dir.resolve("target"));
    Files.createSymbolicLink(dir.resolve("link"), Path.of("target"));
    Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere/deeper"));
    String real = dir.toRealPath().toString();
    assertEquals(real + "/target/new/file", fs.resolveLinks(p("link/new/file")));
    assertEquals(real + "/nowhere/deeper/x", fs.resolveLinks(p("dangling/x")));
    assertEquals(real + "/target", fs.resolveLinks(p("link/../link")));
    assertTrue(Files.isDirectory(target));
    assertThrows(IllegalArgumentException.class, () -> fs.getFileInfo(""));
    assertEquals("path", assertThrows(NullPointerException.class, () -> fs.getFileInfo((String) null)).getMessage());
  }

  @Test
  void fromUriRoutesPlainPathsAndFileUrisHere() throws IOException {
    FileSystemAndPath plain = FileSystem.fromUri("/tmp/some dir/x.csv");
    assertInstanceOf(LocalFileSystem.class, plain.fs());
    assertEquals("/tmp/some dir/x.csv", plain.path());
    FileSystemAndPath uri = FileSystem.fromUri("file:///tmp/some%20dir/x.csv");
    assertEquals(new LocalFileSystem(), uri.fs());
    assertEquals("/tmp/some dir/x.csv", uri.path());
    assertEquals("/tmp/x", FileSystem.fromUri("file:/tmp/x").path());
    assertEquals(Path.of("rel/x").toAbsolutePath().toString(), FileSystem.fromUri("rel/x").path());

    IllegalArgumentException hdfs = assertThrows(IllegalArgumentException.class,
        () -> FileSystem.fromUri("hdfs://namenode:8020/data"));
    assertTrue(hdfs.getMessage().contains("io.sluice:connector-hdfs"), hdfs.getMessage());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> FileSystem.fromUri("weird://x/y"));
    assertTrue(unknown.getMessage().contains("'weird'"), unknown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FileSystem.fromUri("file://host/x"));
    assertThrows(IllegalArgumentException.class, () -> FileSystem.fromUri("file:///x y"));
    assertThrows(IllegalArgumentException.class, () -> FileSystem.fromUri(""));
    assertEquals("uri", assertThrows(NullPointerException.class, () -> FileSystem.fromUri(null)).getMessage());
    assertNull(FileInfo.notFound("x").mtime());
  }
}
