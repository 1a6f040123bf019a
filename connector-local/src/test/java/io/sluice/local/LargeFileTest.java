package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files past 2 and 4 GiB, made sparse so they cost no disk: a 5 GiB file with marked 64-byte
 * stretches around 0, 2 GiB, 4 GiB and the end; everything else is a hole that reads as zeros.
 */
class LargeFileTest {
  private static final long GIB = 1L << 30;
  private static final long SIZE = 5 * GIB + 12345;
  /** Starts of marked stretches: each straddles an interesting point by 32 bytes. */
  private static final long[] MARKS = {0, 2 * GIB - 32, 4 * GIB - 32, 3 * GIB - 32, SIZE - 64};

  @TempDir static Path dir;
  private static Path file;

  static byte[] mark(long at) {
    byte[] bytes = new byte[64];
    for (int i = 0; i < 64; i++) {
      bytes[i] = (byte) ((at + i) * 31 + 7);
    }
    return bytes;
  }

  @BeforeAll
  static void createSparseFile() throws IOException {
    assumeTrue(Files.getFileStore(dir).getUsableSpace() > 2 * GIB, "needs some free disk in case holes are not supported");
    file = dir.resolve("sparse.bin");
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (long at : MARKS) {
        channel.write(ByteBuffer.wrap(mark(at)), at);
      }
    }
    assertEquals(SIZE, Files.size(file));
  }

  @AfterAll
  static void deleteSparseFile() throws IOException {
    if (file != null) {
      Files.deleteIfExists(file);
    }
  }

  /** The expected content of {@code [at, at + length)}: marks where they are, zeros elsewhere. */
  static byte[] expected(long at, int length) {
    length = (int) Math.min(length, SIZE - at); // clamped at the end like every read
    byte[] out = new byte[length];
    for (long mark : MARKS) {
      byte[] bytes = mark(mark);
      for (int i = 0; i < 64; i++) {
        long pos = mark + i;
        if (pos >= at && pos < at + length) {
          out[(int) (pos - at)] = bytes[i];
        }
      }
    }
    return out;
  }

  @Test
  void osFileSeeksAndReadsBeyondFourGib() throws IOException {
    try (OSFile in = new OSFile(file.toString(), "rb")) {
      assertEquals(SIZE, in.size());
      for (long mark : MARKS) {
        in.seek(mark - Math.min(mark, 10));
        long from = in.tell();
        assertArrayEquals(expected(from, 100), in.read(100), "at " + from);
        assertArrayEquals(expected(mark + 5, 50), in.readAt(mark + 5, 50));
      }
      in.seek(SIZE - 10);
      assertArrayEquals(expected(SIZE - 10, 10), in.read(100));
      assertEquals(SIZE, in.tell());
      in.seek(6 * GIB);
      assertEquals(0, in.read(10).length);
    }
  }

  @Test
  void osFileWritesBeyondFourGib() throws IOException {
    Path out = dir.resolve("write-sparse.bin");
    try (OSFile writer = new OSFile(out.toString(), "wb")) {
      writer.seek(4 * GIB + 7);
      writer.write(new byte[] {1, 2, 3});
      assertEquals(4 * GIB + 10, writer.tell());
    }
    try (OSFile in = new OSFile(out.toString(), "rb")) {
      assertEquals(4 * GIB + 10, in.size());
      assertArrayEquals(new byte[] {0, 1, 2, 3}, in.readAt(4 * GIB + 6, 10));
    } finally {
      Files.delete(out);
    }
  }

  @Test
  void mappedReadsAndBuffersAcrossTheTwoAndFourGibPoints() throws IOException {
    long poolBefore = MemoryPools.defaultPool().bytesAllocated();
    try (MemoryMappedFile map = MemoryMappedFile.open(file.toString(), "r")) {
      assertEquals(SIZE, map.size());
      for (long mark : MARKS) {
        Buffer view = map.readBufferAt(mark, 64);
        assertArrayEquals(mark(mark), view.toByteArray(), "view at " + mark);
        assertNotNull(view.parent(), "a view of a window");
        view.close();
        long from = Math.max(0, mark - 3);
        assertArrayEquals(expected(from, 70), map.readAt(from, 70), "copy at " + from);
      }
      // A 1 GiB view that itself crosses the 2 GiB point: still one window.
      Buffer big = map.readBufferAt(GIB + GIB / 2, GIB);
      assertArrayEquals(expected(2 * GIB - 32, 64), bytesOf(big, 2 * GIB - 32 - (GIB + GIB / 2), 64));
      // 1.5 GiB from just below 2 GiB fits no window: it gets its own mapping, still zero-copy.
      Buffer bigger = map.readBufferAt(2 * GIB - 32, GIB + GIB / 2);
      assertEquals(GIB + GIB / 2, bigger.size());
      assertArrayEquals(mark(2 * GIB - 32), bytesOf(bigger, 0, 64));
      assertArrayEquals(mark(3 * GIB - 32), bytesOf(bigger, GIB, 64));
      map.seek(4 * GIB - 40);
      assertArrayEquals(expected(4 * GIB - 40, 100), map.read(100));
      assertArrayEquals(expected(4 * GIB - 40 + 100, 10), map.readBuffer(10).toByteArray());
      assertEquals(poolBefore, MemoryPools.defaultPool().bytesAllocated(), "no pool memory for any of it");
    }
  }

  @Test
  void mappedWritesBeyondFourGibReachTheFile() throws IOException {
    Path copy = dir.resolve("mapped-write.bin");
    try (MemoryMappedFile map = MemoryMappedFile.create(copy.toString(), 4 * GIB + 100)) {
      map.seek(4 * GIB - 2);
      map.write(new byte[] {5, 6, 7, 8});
    }
    try (OSFile in = new OSFile(copy.toString(), "rb")) {
      assertArrayEquals(new byte[] {0, 5, 6, 7, 8, 0}, in.readAt(4 * GIB - 3, 6));
    } finally {
      Files.delete(copy);
    }
  }

  /** The one copying case, reached with a small mapping limit so the test needs no multi-GiB buffer. */
  @Test
  void aBufferLargerThanOneMappingIsCopiedIntoPoolMemory() throws IOException {
    try (MemoryMappedFile map = MemoryMappedFile.open(file.toString(), "r", 4096, 8192)) {
      long before = MemoryPools.defaultPool().bytesAllocated();
      try (Buffer copied = map.readBufferAt(2 * GIB - 5000, 10_000)) {
        assertEquals(before + 10_048, MemoryPools.defaultPool().bytesAllocated());
        assertArrayEquals(expected(2 * GIB - 5000, 10_000), copied.toByteArray());
      }
      try (Buffer mapped = map.readBufferAt(4 * GIB - 5000, 8000)) {
        assertEquals(before, MemoryPools.defaultPool().bytesAllocated());
        assertArrayEquals(expected(4 * GIB - 5000, 8000), mapped.toByteArray());
        assertFalse(mapped.isMutable());
      }
    }
  }

  private static byte[] bytesOf(Buffer buffer, long index, int length) {
    byte[] out = new byte[length];
    buffer.getBytes(index, out, 0, length);
    return out;
  }
}
