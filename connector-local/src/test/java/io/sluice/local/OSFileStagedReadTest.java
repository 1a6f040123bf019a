package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPool;
import io.sluice.memory.MemoryPools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read paths that skip the size query or go through {@link StagingBuffers} (issue 16 gaps 3
 * and 5): positional reads into new arrays, heap reads, and {@code readBuffer} chunks by plain
 * {@code read} calls. Each must give exactly the bytes and sizes the general path gives, at the
 * end of the file, past it, on a file truncated after opening, and from two threads at once.
 */
class OSFileStagedReadTest {
  private static final int SIZE = 3 * StagingBuffers.SIZE + 12_345;
  @TempDir Path dir;

  private Path file(byte[] content) throws IOException {
    return Files.write(dir.resolve("data.bin"), content);
  }

  @Test
  void readAtIntoNewArraysAtEveryEdge() throws IOException {
    byte[] data = OSFileTest.random(SIZE, 3);
    try (OSFile file = new OSFile(file(data), "rb")) {
      assertArrayEquals(Arrays.copyOfRange(data, 100, 16_484), file.readAt(100, 16_384));
      assertArrayEquals(Arrays.copyOfRange(data, SIZE - 10, SIZE), file.readAt(SIZE - 10, 16_384), "short at the end");
      assertEquals(0, file.readAt(SIZE, 10).length, "at the end");
      assertEquals(0, file.readAt(SIZE + 5000, 10).length, "past the end (PyArrow read_at)");
      assertEquals(0, file.readAt(7, 0).length);
      int whole = StagingBuffers.SIZE;
      assertArrayEquals(Arrays.copyOfRange(data, 1, 1 + whole), file.readAt(1, whole), "exactly one staging buffer");
      assertArrayEquals(Arrays.copyOfRange(data, 5, 5 + 2 * whole + 3), file.readAt(5, 2 * whole + 3), "several");
      assertArrayEquals(Arrays.copyOfRange(data, SIZE - whole - 1, SIZE), file.readAt(SIZE - whole - 1, 2 * whole),
          "several, short at the end");
      try (Buffer range = file.readBufferAt(SIZE - 10, 16_384)) {
        assertArrayEquals(Arrays.copyOfRange(data, SIZE - 10, SIZE), range.toByteArray(), "readBufferAt, short at the end");
      }
      try (Buffer range = file.readBufferAt(3, 2 * StagingBuffers.SIZE)) {
        assertArrayEquals(Arrays.copyOfRange(data, 3, 3 + 2 * StagingBuffers.SIZE), range.toByteArray(), "readBufferAt, general path");
      }
      assertEquals(0, file.tell(), "positional reads leave the position alone");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> file.readAt(-1, 10));
      assertEquals("offset must not be negative: -1", e.getMessage());
      e = assertThrows(IllegalArgumentException.class, () -> file.readAt(0, -3));
      assertEquals("nbytes must not be negative: -3", e.getMessage());
    }
  }

  @Test
  void readAtOnAClosedOrWriteOnlyFile() throws IOException {
    Path path = file(new byte[100]);
    OSFile file = new OSFile(path, "rb");
    file.close();
    IOException closed = assertThrows(IOException.class, () -> file.readAt(0, 10));
    assertEquals("I/O operation on closed file " + path, closed.getMessage());
    try (OSFile writer = new OSFile(dir.resolve("w.bin"), "wb")) {
      UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> writer.readAt(0, 10));
      assertTrue(e.getMessage().contains("not readable"), e.getMessage());
    }
  }

  /** No size query any more: a file cut short after opening must still give exactly what is there. */
  @Test
  void aFileTruncatedAfterOpeningReadsShort() throws IOException {
    byte[] data = OSFileTest.random(100_000, 4);
    Path path = file(data);
    try (OSFile file = new OSFile(path, "rb")) {
      assertEquals(100_000, file.size());
      try (FileChannel cut = FileChannel.open(path, StandardOpenOption.WRITE)) {
        cut.truncate(50_000);
      }
      assertArrayEquals(Arrays.copyOfRange(data, 40_000, 50_000), file.readAt(40_000, 20_000));
      assertEquals(0, file.readAt(60_000, 10).length);
      try (Buffer range = file.readBufferAt(40_000, 20_000)) {
        assertArrayEquals(Arrays.copyOfRange(data, 40_000, 50_000), range.toByteArray());
      }
      file.seek(45_000);
      try (Buffer chunk = file.readBuffer(65_536)) {
        assertArrayEquals(Arrays.copyOfRange(data, 45_000, 50_000), chunk.toByteArray());
      }
      assertEquals(50_000, file.tell());
      try (Buffer chunk = file.readBuffer(65_536)) {
        assertEquals(0, chunk.size());
      }
    }
  }

  @Test
  void readBufferChunksCoverTheFileExactly() throws IOException {
    byte[] data = OSFileTest.random(SIZE, 5);
    for (int chunk : new int[] {65_536, (int) OSFile.SMALL_BUFFER_READ, (int) OSFile.SMALL_BUFFER_READ + 1}) {
      try (OSFile file = new OSFile(file(data), "rb")) {
        int at = 0;
        while (true) {
          try (Buffer buffer = file.readBuffer(chunk)) {
            int expected = Math.min(chunk, SIZE - at);
            assertEquals(expected, buffer.size(), "chunk " + chunk + " at " + at);
            assertArrayEquals(Arrays.copyOfRange(data, at, at + expected), buffer.toByteArray());
            at += expected;
            assertEquals(at, file.tell());
            if (expected == 0) {
              break;
            }
          }
        }
        assertEquals(SIZE, at);
        file.seek(SIZE + 100);
        try (Buffer past = file.readBuffer(10)) {
          assertEquals(0, past.size(), "past the end");
        }
        assertEquals(SIZE + 100, file.tell());
      }
    }
  }

  /**
   * readBuffer/readBufferAt read straight into the new pool buffer through a scoped view: closing
   * the result must give its memory back at once (nothing deferred to the garbage collector), or a
   * loop of reads never reuses memory.
   */
  @Test
  void closedReadBuffersGiveTheirMemoryBackAtOnce() throws IOException {
    byte[] data = OSFileTest.random(SIZE, 8);
    MemoryPool pool = MemoryPools.defaultPool();
    long allocatedBefore = pool.bytesAllocated();
    long deferredBefore = pool.deferredBytes();
    try (OSFile file = new OSFile(file(data), "rb")) {
      for (int round = 0; round < 200; round++) {
        long at = (round * 65_537L) % SIZE;
        try (Buffer sequential = file.readBuffer(65_536); Buffer positional = file.readBufferAt(at, 4_096)) {
          assertEquals(Math.min(4_096, SIZE - at), positional.size());
          assertArrayEquals(Arrays.copyOfRange(data, (int) at, (int) at + (int) positional.size()), positional.toByteArray());
          assertTrue(sequential.size() <= 65_536);
        }
        assertEquals(allocatedBefore, pool.bytesAllocated(), "round " + round);
        assertEquals(deferredBefore, pool.deferredBytes(), "round " + round);
        if (file.tell() == SIZE) {
          file.seek(0);
        }
      }
    }
  }

  @Test
  void heapReadsGoThroughStagingIntact() throws IOException {
    byte[] data = OSFileTest.random(SIZE, 6);
    try (OSFile file = new OSFile(file(data), "rb")) {
      byte[] into = new byte[SIZE + 10];
      assertEquals(SIZE, file.readInto(into, 3, SIZE + 7), "sequential, short at the end");
      assertArrayEquals(data, Arrays.copyOfRange(into, 3, 3 + SIZE));
      ByteBuffer heap = ByteBuffer.allocate(70_000);
      heap.position(11);
      assertEquals(69_989, file.readAt(1234, heap));
      assertArrayEquals(Arrays.copyOfRange(data, 1234, 1234 + 69_989), Arrays.copyOfRange(heap.array(), 11, 70_000));
      byte[] some = new byte[100];
      assertEquals(-1, file.readAt(SIZE, some, 0, 100));
      assertEquals(50, file.readAt(SIZE - 50, some, 10, 90));
      assertArrayEquals(Arrays.copyOfRange(data, SIZE - 50, SIZE), Arrays.copyOfRange(some, 10, 60));
    }
  }

  /** Two threads share the staging buffers: thousands of reads, every byte checked, bounded by rounds. */
  @Test
  void concurrentPositionalReadsNeverSeeEachOthersBytes() throws Exception {
    byte[] data = OSFileTest.random(SIZE, 7);
    try (OSFile file = new OSFile(file(data), "rb")) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Future<?>[] workers = new Future<?>[2];
        for (int w = 0; w < 2; w++) {
          long seed = w;
          workers[w] = pool.submit(() -> {
            SplittableRandom random = new SplittableRandom(seed);
            for (int round = 0; round < 5000; round++) {
              int length = random.nextInt(1, 40_000);
              long offset = random.nextLong(SIZE);
              byte[] got = file.readAt(offset, length);
              int end = (int) Math.min(SIZE, offset + length);
              if (!Arrays.equals(Arrays.copyOfRange(data, (int) offset, end), got)) {
                throw new AssertionError("round " + round + ": wrong bytes at " + offset + " (" + length + ")");
              }
            }
            return null;
          });
        }
        for (Future<?> worker : workers) {
          worker.get();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
