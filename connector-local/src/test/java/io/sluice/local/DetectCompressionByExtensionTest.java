package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.Sluice;
import io.sluice.fs.FileSystem;
import io.sluice.fs.SubTreeFileSystem;
import io.sluice.fs.WriteOptions;
import io.sluice.io.CompressedInputStream;
import io.sluice.io.CompressedOutputStream;
import io.sluice.io.NativeFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PyArrow's {@code open_input_stream}/{@code open_output_stream}/{@code open_append_stream}
 * decompress and compress by extension by default; {@code openInputFile} never does; the
 * overloads with {@code null} compression read and write bytes as stored. Interop with the
 * {@code gzip} and {@code zstd} tools both ways.
 */
class DetectCompressionByExtensionTest {
  @TempDir Path dir;
  private final LocalFileSystem fs = new LocalFileSystem();

  private static byte[] text(int lines) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      text.append("row ").append(i).append(",sluice,").append(i * 7 % 13).append('\n');
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static void run(String... command) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/" + command[0])) || Files.isExecutable(Path.of("/bin/" + command[0])),
        command[0] + " is not installed (apt-get install gzip zstd)");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @CsvSource({"data.csv.gz,gzip -k -n,gzip -d -c", "data.csv.zst,zstd -q,zstd -q -d -c"})
  void inputStreamDecompressesWhatTheToolWrote(String name, String compress, String unused) throws Exception {
    byte[] data = text(20_000);
    Path plain = Files.write(dir.resolve("data.csv"), data);
    String[] words = (compress + " " + plain).split(" ");
    run(words);
    Path compressed = dir.resolve(name);
    assertTrue(Files.exists(compressed));
    try (NativeFile in = fs.openInputStream(compressed.toString())) {
      assertInstanceOf(CompressedInputStream.class, in);
      assertArrayEquals(data, in.read(), "decompressed by extension");
    }
    try (NativeFile raw = fs.openInputStream(compressed.toString(), null, 0)) {
      assertArrayEquals(Files.readAllBytes(compressed), raw.read(), "null: bytes as stored");
    }
    try (NativeFile file = fs.openInputFile(compressed.toString())) {
      assertInstanceOf(OSFile.class, file);
      assertArrayEquals(Files.readAllBytes(compressed), file.read(), "openInputFile never decompresses");
    }
  }

  @ParameterizedTest
  @CsvSource({"out.csv.gz,gzip", "out.csv.zst,zstd"})
  void outputStreamCompressesSoTheToolReadsIt(String name, String tool) throws Exception {
    byte[] data = text(10_000);
    Path target = dir.resolve(name);
    try (NativeFile out = fs.openOutputStream(target.toString())) {
      assertInstanceOf(CompressedOutputStream.class, out);
      out.write(data);
    }
    Path back = dir.resolve("back.csv");
    Process process = new ProcessBuilder(tool, "-d", "-c", target.toString()).redirectOutput(back.toFile()).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue());
    assertArrayEquals(data, Files.readAllBytes(back), tool + " reads what openOutputStream wrote");
  }

  @Test
  void appendStreamAddsAMemberThatGzipReadsAsOne() throws Exception {
    Path target = dir.resolve("log.gz");
    try (NativeFile out = fs.openAppendStream(target.toString())) {
      out.write("first\n".getBytes(StandardCharsets.US_ASCII));
    }
    try (NativeFile out = fs.openAppendStream(target.toString())) {
      out.write("second\n".getBytes(StandardCharsets.US_ASCII));
    }
    try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(target))) {
      assertEquals("first\nsecond\n", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    }
    try (NativeFile in = fs.openInputStream(target.toString())) {
      assertEquals("first\nsecond\n", new String(in.read(), StandardCharsets.US_ASCII));
    }
  }

  @Test
  void nullCompressionAndPlainNamesWriteBytesAsGiven() throws IOException {
    byte[] data = text(10);
    Path gz = dir.resolve("not-compressed.gz");
    try (NativeFile out = fs.openOutputStream(gz.toString(), null, 0)) {
      assertInstanceOf(OSFile.class, out);
      out.write(data);
    }
    assertArrayEquals(data, Files.readAllBytes(gz));
    try (NativeFile out = fs.openAppendStream(gz.toString(), null, 0)) {
      out.write(data);
    }
    assertEquals(2 * data.length, Files.size(gz));
    try (NativeFile out = fs.openOutputStream(gz.toString(), WriteOptions.DEFAULT)) {
      assertInstanceOf(OSFile.class, out, "the WriteOptions form is the store-level call: bytes as given");
    }
    Path plain = dir.resolve("plain.csv");
    try (NativeFile out = fs.openOutputStream(plain.toString())) {
      assertInstanceOf(OSFile.class, out, "no known extension: nothing to compress");
      out.write(data);
    }
    try (NativeFile in = fs.openInputStream(plain.toString())) {
      assertInstanceOf(OSFile.class, in);
      assertArrayEquals(data, in.read());
    }
    assertThrows(IllegalArgumentException.class, () -> fs.openOutputStream(plain.toString(), "zip", 0));
  }

  @Test
  void subTreeAndFacadeKeepTheirBehaviour() throws IOException {
    byte[] data = text(100);
    FileSystem sub = new SubTreeFileSystem(dir.toString(), fs);
    try (NativeFile out = sub.openOutputStream("s.gz")) {
      out.write(data);
    }
    try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve("s.gz")))) {
      assertArrayEquals(data, in.readAllBytes(), "SubTree detects too");
    }
    try (NativeFile in = sub.openInputStream("s.gz")) {
      assertArrayEquals(data, in.read());
    }
    try (NativeFile raw = Sluice.inputStream(dir.resolve("s.gz").toString(), null, 0)) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("s.gz")), raw.read(), "Sluice's null still means none");
    }
    try (NativeFile in = Sluice.inputStream(dir.resolve("s.gz").toString())) {
      assertArrayEquals(data, in.read(), "Sluice's detect decompresses once, not twice");
    }
    try (NativeFile out = Sluice.outputStream(dir.resolve("t.gz").toString())) {
      out.write(data);
    }
    try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve("t.gz")))) {
      assertArrayEquals(data, in.readAllBytes(), "Sluice's detect compresses once, not twice");
    }
  }

  @Test
  void fileSystemsOfTheSameKindWithEqualOptionsAreEqual() {
    assertEquals(new LocalFileSystem(), new LocalFileSystem(false));
    assertEquals(new LocalFileSystem(true).hashCode(), new LocalFileSystem(true).hashCode());
    assertNotEquals(new LocalFileSystem(true), new LocalFileSystem(false));
    SubTreeFileSystem a = new SubTreeFileSystem(dir.toString(), new LocalFileSystem());
    SubTreeFileSystem b = new SubTreeFileSystem(dir.toString(), new LocalFileSystem());
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, new SubTreeFileSystem(dir.toString(), new LocalFileSystem(true)), "different base fs");
    assertNotEquals(a, new SubTreeFileSystem(dir.resolve("..").normalize().toString(), new LocalFileSystem()),
        "different base path");
    assertNotEquals(new LocalFileSystem(), a, "different kinds");
    assertNotEquals(a, new LocalFileSystem());
  }

  @Test
  void osFileReadAtPastTheEndReadsNothingAsPyArrow() throws IOException {
    Path file = Files.write(dir.resolve("ten"), new byte[10]);
    try (OSFile in = new OSFile(file.toString(), "rb")) {
      assertArrayEquals(new byte[0], in.readAt(11, 5));
      assertArrayEquals(new byte[0], in.readAt(1 << 30, 5));
      assertEquals(-1, in.readAt(20, java.nio.ByteBuffer.allocate(4)));
      assertEquals(-1, in.readAt(20, new byte[4], 0, 4));
      assertThrows(java.io.EOFException.class, () -> in.readFully(11, java.nio.ByteBuffer.allocate(1)));
      Files.write(file, new byte[] {1, 2, 3, 4, 5}, java.nio.file.StandardOpenOption.APPEND);
      assertArrayEquals(new byte[] {1, 2, 3}, in.readAt(10, 3), "the file grew: the same read now finds bytes");
    }
    try (MemoryMappedFile map = MemoryMappedFile.open(file.toString(), "r")) {
      assertThrows(java.io.EOFException.class, () -> map.readAt(16, 1), "a map has a fixed size");
      assertThrows(java.io.EOFException.class, () -> map.readAt(16, java.nio.ByteBuffer.allocate(1)));
    }
  }

  @Test
  void copyFilesCopiesBytesAsStored() throws Exception {
    byte[] data = text(1000);
    Path gz = dir.resolve("c.gz");
    try (NativeFile out = fs.openOutputStream(gz.toString())) {
      out.write(data);
    }
    Path copy = dir.resolve("copy.gz");
    io.sluice.fs.FileSystems.copyFiles(gz.toString(), copy.toString(), fs, fs, 4096, 1);
    assertArrayEquals(Files.readAllBytes(gz), Files.readAllBytes(copy));
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (NativeFile in = fs.openInputStream(copy.toString())) {
      in.download(sink);
    }
    assertArrayEquals(data, sink.toByteArray());
  }
}
