package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.io.Whence;
import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OSFileTest {
  @TempDir Path dir;

  private Path fileWith(byte[] content) throws IOException {
    return Files.write(dir.resolve("data.bin"), content);
  }

  static byte[] random(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  @ParameterizedTest
  @ValueSource(strings = {"r", "rb", "R", "RB"})
  void readModes(String mode) throws IOException {
    byte[] data = random(10_000, 1);
    try (OSFile file = new OSFile(fileWith(data).toString(), mode)) {
      assertEquals("rb", file.mode());
      assertTrue(file.readable());
      assertFalse(file.writable());
      assertTrue(file.seekable());
      assertEquals(10_000, file.size());
      assertArrayEquals(Arrays.copyOf(data, 100), file.read(100));
      assertEquals(100, file.tell());
      assertArrayEquals(Arrays.copyOfRange(data, 100, 10_000), file.read());
      assertEquals(0, file.read(5).length);
      assertThrows(UnsupportedOperationException.class, () -> file.write(new byte[1]));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"w", "wb"})
  void writeModesTruncateAndAreSeekable(String mode) throws IOException {
    Path path = fileWith(random(500, 2));
    try (OSFile file = new OSFile(path.toString(), mode)) {
      assertEquals("wb", file.mode());
      assertFalse(file.readable());
      assertTrue(file.writable());
      assertTrue(file.seekable());
      assertEquals(0, file.size());
      assertEquals(3, file.write(new byte[] {1, 2, 3}));
      assertEquals(3, file.tell());
      assertEquals(10, file.seek(10));
      file.write(new byte[] {9});
      assertEquals(11, file.size());
      assertThrows(UnsupportedOperationException.class, () -> file.read(1));
    }
    assertArrayEquals(new byte[] {1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 9}, Files.readAllBytes(path));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "ab"})
  void appendModesAppendAndAreNotSeekable(String mode) throws IOException {
    Path path = fileWith(new byte[] {1, 2});
    try (OSFile file = new OSFile(path.toString(), mode)) {
      assertEquals("ab", file.mode());
      assertFalse(file.seekable());
      assertFalse(file.readable());
      assertEquals(2, file.tell());
      file.write(new byte[] {3, 4});
      assertEquals(4, file.tell());
      assertThrows(UnsupportedOperationException.class, () -> file.seek(0));
    }
    assertArrayEquals(new byte[] {1, 2, 3, 4}, Files.readAllBytes(path));
  }

  @Test
  void appendCreatesAMissingFile() throws IOException {
    Path path = dir.resolve("new.log");
    try (OSFile file = new OSFile(path.toString(), "ab")) {
      file.write(new byte[] {7});
    }
    assertArrayEquals(new byte[] {7}, Files.readAllBytes(path));
  }

  @Test
  void badArguments() throws IOException {
    Path path = fileWith(new byte[1]);
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> new OSFile(path.toString(), "rw"));
    assertTrue(bad.getMessage().contains("'rw'"), bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new OSFile(path.toString(), "r+"));
    assertEquals("path", assertThrows(NullPointerException.class, () -> new OSFile((String) null, "r")).getMessage());
    assertEquals("mode", assertThrows(NullPointerException.class, () -> new OSFile(path.toString(), null)).getMessage());
    assertThrows(NoSuchFileException.class, () -> new OSFile(dir.resolve("missing").toString(), "rb"));
    assertThrows(NoSuchFileException.class, () -> new OSFile(dir.resolve("no/such/dir/x").toString(), "wb"));
    IOException isDir = assertThrows(IOException.class, () -> new OSFile(dir.toString(), "rb"));
    assertTrue(isDir.getMessage().contains("directory"), isDir.getMessage());
  }

  @Test
  void newFilesGetTheSamePermissionsAsAnyNewFile() throws IOException {
    Path reference = Files.createFile(dir.resolve("reference"));
    Path created = dir.resolve("created");
    new OSFile(created.toString(), "wb").close();
    assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(created));
  }

  @Test
  void seekPastTheEndReadsNothing() throws IOException {
    try (OSFile file = new OSFile(fileWith(random(100, 3)).toString(), "rb")) {
      assertEquals(1000, file.seek(1000));
      assertEquals(0, file.read(10).length);
      assertEquals(0, file.readInto(new byte[10], 0, 10));
      assertEquals(1000, file.tell());
      assertEquals(100, file.size());
      assertEquals(90, file.seek(-10, Whence.END));
      assertEquals(10, file.read().length);
    }
  }

  @Test
  void readsLandInTheCallersMemoryOrPoolMemory() throws IOException {
    byte[] data = random(200_000, 4);
    try (OSFile file = new OSFile(fileWith(data).toString(), "rb");
        MutableBuffer target = MemoryPools.defaultPool().allocate(70_000)) {
      assertEquals(70_000, file.readInto(target));
      assertArrayEquals(Arrays.copyOf(data, 70_000), target.toByteArray());
      ByteBuffer direct = ByteBuffer.allocateDirect(1000);
      assertEquals(1000, file.readInto(direct));
      direct.flip();
      byte[] got = new byte[1000];
      direct.get(got);
      assertArrayEquals(Arrays.copyOfRange(data, 70_000, 71_000), got);

      long before = MemoryPools.defaultPool().bytesAllocated();
      try (Buffer rest = file.readBuffer()) {
        assertEquals(129_000, rest.size());
        assertEquals(before + 129_024, MemoryPools.defaultPool().bytesAllocated(), "readBuffer uses pool memory");
        assertArrayEquals(Arrays.copyOfRange(data, 71_000, 200_000), rest.toByteArray());
      }
      assertEquals(before, MemoryPools.defaultPool().bytesAllocated());
    }
  }

  @Test
  void positionalReadsLeaveThePositionAloneAndAreThreadSafe() throws Exception {
    byte[] data = random(1 << 20, 5);
    try (OSFile file = new OSFile(fileWith(data).toString(), "rb")) {
      file.seek(12345);
      assertArrayEquals(Arrays.copyOfRange(data, 500, 600), file.readAt(500, 100));
      assertArrayEquals(Arrays.copyOfRange(data, (1 << 20) - 5, 1 << 20), file.readAt((1 << 20) - 5, 100));
      assertEquals(12345, file.tell());
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          long seed = t;
          done.add(pool.submit(() -> {
            Random random = new Random(seed);
            for (int i = 0; i < 500; i++) {
              int offset = random.nextInt(data.length);
              int length = random.nextInt(20_000);
              int expected = Math.min(length, data.length - offset);
              if (i % 2 == 0) {
                assertArrayEquals(Arrays.copyOfRange(data, offset, offset + expected), file.readAt(offset, length));
              } else {
                try (Buffer buffer = file.readBufferAt(offset, length)) {
                  assertArrayEquals(Arrays.copyOfRange(data, offset, offset + expected), buffer.toByteArray());
                }
              }
            }
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdown();
      }
      assertEquals(12345, file.tell());
    }
  }

  @Test
  void closedFileFailsWithClosedAndCloseIsIdempotent() throws IOException {
    OSFile file = new OSFile(fileWith(new byte[10]).toString(), "rb");
    file.close();
    file.close();
    assertTrue(file.isClosed());
    IOException closed = assertThrows(IOException.class, () -> file.read(1));
    assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
    assertThrows(IOException.class, file::tell);
    assertThrows(IOException.class, () -> file.readAt(0, 1));
    assertThrows(IOException.class, file::sync);
  }
}
