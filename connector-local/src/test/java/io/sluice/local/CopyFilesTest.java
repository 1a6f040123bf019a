package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.fs.CopyListener;
import io.sluice.fs.CopyOptions;
import io.sluice.fs.CopyResult;
import io.sluice.fs.FileSystems;
import io.sluice.io.CompressedInputStream;
import io.sluice.io.CompressedOutputStream;
import io.sluice.io.NativeFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FileSystems.copyFiles between local directories. */
class CopyFilesTest {
  @TempDir Path dir;
  private final LocalFileSystem fs = new LocalFileSystem();

  private static byte[] data(int size, long seed) {
    byte[] bytes = new byte[size];
    Random random = new Random(seed);
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) ('a' + random.nextInt(6)); // compressible
    }
    return bytes;
  }

  @Test
  void copiesADirectoryTreeInParallelByteExactWithProgress() throws Exception {
    Path src = dir.resolve("src");
    Files.createDirectories(src.resolve("a/b"));
    Files.createDirectories(src.resolve("empty"));
    byte[] one = data(100_000, 1);
    byte[] two = data(3, 2);
    byte[] three = new byte[0];
    Files.write(src.resolve("one.bin"), one);
    Files.write(src.resolve("a/two.bin"), two);
    Files.write(src.resolve("a/b/three.bin"), three);
    AtomicLong total = new AtomicLong();
    AtomicLong copied = new AtomicLong();
    ConcurrentLinkedQueue<String> done = new ConcurrentLinkedQueue<>();
    CopyListener listener = new CopyListener() {
      @Override
      public void started(int files, long totalBytes) {
        assertEquals(3, files);
        total.set(totalBytes);
      }

      @Override
      public void bytesCopied(long bytes) {
        copied.addAndGet(bytes);
      }

      @Override
      public void fileCopied(String srcPath, String dstPath, long srcBytes) {
        done.add(dstPath);
      }
    };
    Path dst = dir.resolve("out/dst");
    CopyResult result = FileSystems.copyFiles(src.toString(), dst.toString(), fs, fs, 4096, 3, CopyOptions.DEFAULT.withListener(listener));
    assertEquals(new CopyResult(3, 100_003), result);
    assertEquals(100_003, total.get());
    assertEquals(100_003, copied.get());
    assertEquals(3, done.size());
    assertArrayEquals(one, Files.readAllBytes(dst.resolve("one.bin")));
    assertArrayEquals(two, Files.readAllBytes(dst.resolve("a/two.bin")));
    assertArrayEquals(three, Files.readAllBytes(dst.resolve("a/b/three.bin")));
    assertTrue(Files.isDirectory(dst.resolve("empty")));
  }

  @Test
  void transcodesByExtension() throws Exception {
    byte[] original = data(200_000, 3);
    Path gz = dir.resolve("data.gz");
    write(gz, "gzip", original);
    Path zst = dir.resolve("data.zst");
    FileSystems.copyFiles(gz.toString(), zst.toString(), fs, fs, 8192, 1, CopyOptions.DEFAULT.withTranscode(true));
    assertArrayEquals(original, read(zst, "zstd"));
    assertEquals(0x28, Files.readAllBytes(zst)[0] & 0xff); // zstd magic 28 B5 2F FD

    Path plain = dir.resolve("data.txt");
    FileSystems.copyFiles(zst.toString(), plain.toString(), fs, fs, 8192, 1, CopyOptions.DEFAULT.withTranscode(true));
    assertArrayEquals(original, Files.readAllBytes(plain));

    Path bz2 = dir.resolve("data.txt.bz2");
    FileSystems.copyFiles(plain.toString(), bz2.toString(), fs, fs, 8192, 1, CopyOptions.DEFAULT.withTranscode(true));
    assertArrayEquals(original, read(bz2, "bz2"));
  }

  @Test
  void withoutTranscodingBytesAreCopiedAsTheyAre() throws Exception {
    Path gz = dir.resolve("data.gz");
    write(gz, "gzip", data(1000, 4));
    Path zst = dir.resolve("data.zst");
    FileSystems.copyFiles(gz.toString(), zst.toString(), fs, fs, 100, 1);
    assertArrayEquals(Files.readAllBytes(gz), Files.readAllBytes(zst));
  }

  @Test
  void failedCopyLeavesNothingAtTheDestination() throws Exception {
    Path gz = dir.resolve("broken.gz");
    byte[] valid = gzipped(data(300_000, 5));
    byte[] truncated = java.util.Arrays.copyOf(valid, valid.length / 2);
    Files.write(gz, truncated);
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    Path existing = out.resolve("broken.zst");
    Files.write(existing, new byte[] {42});
    IOException e = assertThrows(IOException.class,
        () -> FileSystems.copyFiles(gz.toString(), existing.toString(), fs, fs, 1024, 1, CopyOptions.DEFAULT.withTranscode(true)));
    assertTrue(e.getMessage().contains("gzip"), e.getMessage());
    assertArrayEquals(new byte[] {42}, Files.readAllBytes(existing), "old content kept");
    try (Stream<Path> entries = Files.list(out)) {
      assertEquals(List.of(existing), entries.toList(), "no temporary file left");
    }
  }

  @Test
  void failedNonAtomicCopyDeletesThePartialFile() throws Exception {
    Path gz = dir.resolve("broken.gz");
    byte[] valid = gzipped(data(300_000, 6));
    Files.write(gz, java.util.Arrays.copyOf(valid, valid.length / 2));
    Path target = dir.resolve("target.txt");
    assertThrows(IOException.class, () -> FileSystems.copyFiles(gz.toString(), target.toString(), fs, fs, 1024, 1,
        CopyOptions.DEFAULT.withTranscode(true).withAtomic(false)));
    assertFalse(Files.exists(target));
  }

  @Test
  void badArguments() {
    String src = dir.toString();
    IllegalArgumentException chunk = assertThrows(IllegalArgumentException.class,
        () -> FileSystems.copyFiles(src, src + "/x", fs, fs, 0, 1));
    assertTrue(chunk.getMessage().contains("0"), chunk.getMessage());
    IllegalArgumentException threads = assertThrows(IllegalArgumentException.class,
        () -> FileSystems.copyFiles(src, src + "/x", fs, fs, 10, -2));
    assertTrue(threads.getMessage().contains("-2"), threads.getMessage());
    assertThrows(NoSuchFileException.class,
        () -> FileSystems.copyFiles(src + "/missing", src + "/x", fs, fs, 10, 1));
    assertThrows(NullPointerException.class, () -> FileSystems.copyFiles(null, src, fs, fs, 10, 1));
    assertFalse(Files.exists(dir.resolve("x")));
  }

  private void write(Path path, String codec, byte[] content) throws IOException {
    try (NativeFile out = new CompressedOutputStream(fs.openOutputStream(path.toString(), null, 0), codec)) {
      out.write(content);
    }
  }

  private byte[] read(Path path, String codec) throws IOException {
    try (NativeFile in = new CompressedInputStream(fs.openInputStream(path.toString(), null, 0), codec)) {
      return in.read();
    }
  }

  private static byte[] gzipped(byte[] content) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
      gz.write(content);
    }
    return bytes.toByteArray();
  }
}
