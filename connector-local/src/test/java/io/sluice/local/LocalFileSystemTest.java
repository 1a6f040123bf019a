package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.fs.FileInfo;
import io.sluice.fs.FileSystem;
import io.sluice.fs.FileSystemAndPath;
import io.sluice.fs.FileType;
import io.sluice.io.NativeFile;
import io.sluice.memory.Buffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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

  // The behaviours every file system shares are in LocalFileSystemContractTest (FileSystemContract).

  @Test
  void fileUrisAreAcceptedAsPaths() throws IOException {
    Path file = write("d/data.csv.gz", new byte[1234]);
    FileInfo info = fs.getFileInfo("file://" + file);
    assertEquals(new FileInfo(file.toString(), FileType.FILE, 1234, Files.getLastModifiedTime(file).toInstant()), info);
  }

  @Test
  void filesOpenAsOSFilesOrMemoryMaps() throws IOException {
    Path file = write("data", new byte[] {1, 2, 3, 4});
    try (NativeFile in = fs.openInputFile(file.toString())) {
      assertInstanceOf(OSFile.class, in);
      assertArrayEquals(new byte[] {3, 4}, in.readAt(2, 10));
    }
    LocalFileSystem mmap = new LocalFileSystem(true);
    try (NativeFile in = mmap.openInputFile(file.toString()); Buffer view = in.readBuffer()) {
      assertInstanceOf(MemoryMappedFile.class, in);
      assertEquals("rb", in.mode());
      assertArrayEquals(new byte[] {1, 2, 3, 4}, view.toByteArray());
    }
    assertThrows(NoSuchFileException.class, () -> fs.openInputFile(p("missing")));
    assertThrows(NoSuchFileException.class, () -> mmap.openInputStream(p("missing")));
    assertThrows(IOException.class, () -> mmap.openInputFile(dir.toString()));
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
