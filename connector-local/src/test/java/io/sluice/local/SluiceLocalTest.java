package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.Sluice;
import io.sluice.fs.FileSystem;
import io.sluice.fs.FileSystemAndPath;
import io.sluice.io.BufferedInputStream;
import io.sluice.io.BufferedOutputStream;
import io.sluice.io.CompressedInputStream;
import io.sluice.io.CompressedOutputStream;
import io.sluice.io.NativeFile;
import io.sluice.memory.Buffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade and FileSystem stream openers over local paths and URIs. */
class SluiceLocalTest {
  private static final byte[] DATA = "line one\nline two\n".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;

  @Test
  void plainPathFileUriPathAndUriObjectsAllOpen() throws Exception {
    Path file = dir.resolve("a b%.txt");
    Files.write(file, DATA);
    String encodedUri = file.toUri().toString();
    assertTrue(encodedUri.contains("a%20b%25.txt"), encodedUri);
    for (Object source : new Object[] {file.toString(), encodedUri, file, file.toUri()}) {
      try (NativeFile in = Sluice.inputStream(source)) {
        assertArrayEquals(DATA, in.read(), "source " + source);
      }
    }
  }

  @Test
  void fromUriRoutesPathsAndFileUrisToTheLocalFileSystemWithDecodedPaths() throws Exception {
    FileSystemAndPath plain = FileSystem.fromUri("relative/x.gz");
    assertEquals("local", plain.fs().typeName());
    assertEquals(Path.of("relative/x.gz").toAbsolutePath().toString(), plain.path());
    FileSystemAndPath uri = FileSystem.fromUri("file:///tmp/with%20space/x%23y");
    assertInstanceOf(LocalFileSystem.class, uri.fs());
    assertEquals("/tmp/with space/x#y", uri.path());
  }

  @Test
  void schemeWithoutProviderNamesTheArtifact() {
    IllegalArgumentException hdfs = assertThrows(IllegalArgumentException.class,
        () -> FileSystem.fromUri("hdfs://namenode:8020/data"));
    assertTrue(hdfs.getMessage().contains("'hdfs'") && hdfs.getMessage().contains("io.sluice:connector-hdfs"),
        hdfs.getMessage());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> Sluice.inputStream("zzz://host/x"));
    assertTrue(unknown.getMessage().contains("'zzz'"), unknown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FileSystem.fromUri("hdfs://bad host/x"));
  }

  @Test
  void detectDecompressesByExtensionAndNullReadsRawBytes() throws Exception {
    Path file = dir.resolve("data.GZ");
    byte[] gz = gzip(DATA);
    Files.write(file, gz);
    try (NativeFile in = Sluice.inputStream(file.toString())) {
      assertInstanceOf(CompressedInputStream.class, in);
      assertArrayEquals(DATA, in.read());
    }
    try (NativeFile in = Sluice.inputStream(file.toString(), null, 0)) {
      assertArrayEquals(gz, in.read());
    }
    try (NativeFile in = Sluice.inputStream(file.toUri(), "detect", 64)) {
      CompressedInputStream compressed = assertInstanceOf(CompressedInputStream.class, in);
      assertInstanceOf(BufferedInputStream.class, compressed.raw());
      assertArrayEquals(DATA, in.read());
    }
  }

  @Test
  void explicitCodecOverridesTheExtension() throws Exception {
    Path file = dir.resolve("data.bin");
    try (NativeFile out = Sluice.outputStream(file.toString(), "zstd", 0)) {
      out.write(DATA);
    }
    assertFalse(java.util.Arrays.equals(DATA, Files.readAllBytes(file)));
    try (NativeFile in = Sluice.inputStream(file.toString(), "zstd", 0)) {
      assertArrayEquals(DATA, in.read());
    }
    try (NativeFile in = Sluice.inputStream(file.toString())) {
      assertArrayEquals(Files.readAllBytes(file), in.read());
    }
  }

  @Test
  void outputStreamCompressesByExtensionWithBufferUnderneath() throws Exception {
    Path file = dir.resolve("out.gz");
    try (NativeFile out = Sluice.outputStream(file.toString(), "detect", 128)) {
      CompressedOutputStream compressed = assertInstanceOf(CompressedOutputStream.class, out);
      assertInstanceOf(BufferedOutputStream.class, compressed.raw());
      out.write(DATA);
    }
    assertArrayEquals(DATA, gunzip(Files.readAllBytes(file)));
  }

  @Test
  void badArgumentsCreateNothing() {
    Path file = dir.resolve("never.txt");
    assertThrows(IllegalArgumentException.class, () -> Sluice.outputStream(file.toString(), null, -1));
    assertThrows(IllegalArgumentException.class, () -> Sluice.outputStream(file.toString(), "rar", 0));
    assertFalse(Files.exists(file));
  }

  @Test
  void missingFileIsNoSuchFile() {
    assertThrows(NoSuchFileException.class, () -> Sluice.inputStream(dir.resolve("missing.gz").toString()));
  }

  @Test
  void appendingToGzipMakesAValidMultiMemberFile() throws Exception {
    LocalFileSystem fs = new LocalFileSystem();
    String path = dir.resolve("log.gz").toString();
    try (NativeFile out = fs.openOutputStream(path, "detect", 0)) {
      out.write("first\n".getBytes(StandardCharsets.US_ASCII));
    }
    try (NativeFile out = fs.openAppendStream(path, "detect", 32)) {
      out.write("second\n".getBytes(StandardCharsets.US_ASCII));
    }
    byte[] expected = "first\nsecond\n".getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(expected, gunzip(Files.readAllBytes(Path.of(path))));
    try (NativeFile in = fs.openInputStream(path, "detect", 0)) {
      assertArrayEquals(expected, in.read());
    }
  }

  @Test
  void fileSystemOpenersValidateBeforeOpening() {
    LocalFileSystem fs = new LocalFileSystem();
    String path = dir.resolve("x.txt").toString();
    assertThrows(IllegalArgumentException.class, () -> fs.openOutputStream(path, null, -3));
    assertThrows(IllegalArgumentException.class, () -> fs.openAppendStream(path, "nope", 0));
    assertFalse(Files.exists(Path.of(path)));
  }

  @Test
  void memoryMapAndCreateMemoryMap() throws Exception {
    String path = dir.resolve("map.bin").toString();
    try (NativeFile map = Sluice.createMemoryMap(path, 4)) {
      assertInstanceOf(MemoryMappedFile.class, map);
      map.write(new byte[] {1, 2, 3, 4});
    }
    try (NativeFile map = Sluice.memoryMap(path, "r"); Buffer all = map.readBuffer()) {
      assertEquals("01020304", all.hex());
    }
    assertThrows(NoSuchFileException.class, () -> Sluice.memoryMap(dir.resolve("none").toString(), "r"));
    assertThrows(IllegalArgumentException.class, () -> Sluice.memoryMap(path, "q"));
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  private static byte[] gunzip(byte[] data) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
      return in.readAllBytes();
    }
  }
}
