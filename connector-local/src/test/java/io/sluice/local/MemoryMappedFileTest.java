package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.io.Range;
import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import java.io.EOFException;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryMappedFileTest {
  @TempDir Path dir;

  private Path fileWith(byte[] content) throws IOException {
    return Files.write(dir.resolve("data.bin"), content);
  }

  @Test
  void readModeGivesZeroCopyViewsWithoutPoolMemory() throws IOException {
    byte[] data = OSFileTest.random(100_000, 11);
    long poolBefore = MemoryPools.defaultPool().bytesAllocated();
    try (MemoryMappedFile map = MemoryMappedFile.open(fileWith(data).toString(), "r")) {
      assertEquals("rb", map.mode());
      assertTrue(map.readable());
      assertFalse(map.writable());
      assertEquals(100_000, map.size());
      Buffer first = map.readBuffer(1000);
      Buffer second = map.readBuffer(4000);
      Buffer at = map.readBufferAt(99_000, 5000);
      assertEquals(first.address() + 1000, second.address(), "consecutive reads view consecutive mapped bytes");
      assertEquals(first.address() + 99_000, at.address());
      assertFalse(first.isMutable());
      assertEquals(1000, at.size());
      assertEquals(poolBefore, MemoryPools.defaultPool().bytesAllocated(), "no pool memory for mapped reads");
      assertArrayEquals(Arrays.copyOf(data, 1000), first.toByteArray());
      assertArrayEquals(Arrays.copyOfRange(data, 1000, 5000), second.toByteArray());
      assertArrayEquals(Arrays.copyOfRange(data, 99_000, 100_000), at.toByteArray());
      assertEquals(5000, map.tell());
      assertThrows(UnsupportedOperationException.class, () -> map.write(new byte[1]));
      assertThrows(UnsupportedOperationException.class, () -> map.resize(10));
    }
  }

  @Test
  void badArguments() throws IOException {
    Path path = fileWith(new byte[10]);
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> MemoryMappedFile.open(path.toString(), "a"));
    assertTrue(bad.getMessage().contains("'a'"), bad.getMessage());
    assertThrows(NoSuchFileException.class, () -> MemoryMappedFile.open(dir.resolve("missing").toString(), "r"));
    assertThrows(NoSuchFileException.class, () -> MemoryMappedFile.open(dir.resolve("missing").toString(), "w"));
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> MemoryMappedFile.create(dir.resolve("x").toString(), -5));
    assertTrue(negative.getMessage().contains("-5"), negative.getMessage());
    assertEquals("path", assertThrows(NullPointerException.class, () -> MemoryMappedFile.open(null, "r")).getMessage());
    assertThrows(IOException.class, () -> MemoryMappedFile.open(dir.toString(), "r"));
  }

  @Test
  void writeModeDoesNotTruncateAndCannotBeRead() throws IOException {
    Path path = fileWith(new byte[] {1, 2, 3, 4, 5});
    try (MemoryMappedFile map = MemoryMappedFile.open(path.toString(), "w")) {
      assertEquals("wb", map.mode());
      assertEquals(5, map.size());
      assertFalse(map.readable());
      map.seek(1);
      map.write(new byte[] {9, 9});
      assertThrows(UnsupportedOperationException.class, () -> map.read(1));
      assertThrows(UnsupportedOperationException.class, () -> map.readBufferAt(0, 1));
    }
    assertArrayEquals(new byte[] {1, 9, 9, 4, 5}, Files.readAllBytes(path));
  }

  @Test
  void writesPastTheEndFailWithPositionUnchangedAndNothingWritten() throws IOException {
    Path path = dir.resolve("fixed.bin");
    try (MemoryMappedFile map = MemoryMappedFile.create(path.toString(), 8)) {
      assertEquals("rb+", map.mode());
      map.write(new byte[] {1, 2, 3, 4, 5});
      EOFException eof = assertThrows(EOFException.class, () -> map.write(new byte[] {6, 7, 8, 9}));
      assertTrue(eof.getMessage().contains("position 5"), eof.getMessage());
      assertEquals(5, map.tell());
      assertThrows(EOFException.class, () -> map.seek(9));
      assertEquals(5, map.tell());
      assertEquals(8, map.seek(8));
      assertEquals(0, map.read(1).length);
    }
    assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 0, 0, 0}, Files.readAllBytes(path));
  }

  @Test
  void readWriteMapsShareWritesAndHandOutWritableViews() throws IOException {
    Path path = fileWith(new byte[64]);
    try (MemoryMappedFile one = MemoryMappedFile.open(path.toString(), "r+");
        MemoryMappedFile two = MemoryMappedFile.open(path.toString(), "r")) {
      one.write(new byte[] {42, 43});
      assertArrayEquals(new byte[] {42, 43, 0}, two.readAt(0, 3));
      Buffer view = one.readBufferAt(10, 4);
      MutableBuffer writable = assertInstanceOf(MutableBuffer.class, view);
      writable.setInt(0, 0x01020304);
      assertArrayEquals(new byte[] {4, 3, 2, 1}, two.readAt(10, 4));
      one.flush();
    }
    byte[] onDisk = Files.readAllBytes(path);
    assertEquals(42, onDisk[0]);
    assertEquals(4, onDisk[10]);
  }

  @Test
  void resizeGrowsAndShrinksButNotUnderLiveBuffers() throws IOException {
    Path path = dir.resolve("grow.bin");
    try (MemoryMappedFile map = MemoryMappedFile.create(path.toString(), 10)) {
      map.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
      Buffer held = map.readBufferAt(0, 10);
      map.resize(20);
      assertEquals(20, map.size());
      assertEquals(20, Files.size(path));
      map.write(new byte[] {11, 12});
      assertArrayEquals(new byte[] {11, 12, 0}, map.readAt(10, 3));
      assertEquals(10, held.getByte(9), "a buffer from before growing stays valid");
      IllegalStateException refused = assertThrows(IllegalStateException.class, () -> map.resize(4));
      assertTrue(refused.getMessage().contains("1 buffer"), refused.getMessage());
      held.close();
      map.resize(4);
      assertEquals(4, map.size());
      assertEquals(4, map.tell(), "position past the new end moves to the end");
      assertEquals(4, Files.size(path));
      assertArrayEquals(new byte[] {1, 2, 3, 4}, map.readAt(0, 10));
      assertThrows(IllegalArgumentException.class, () -> map.resize(-1));
    }
  }

  @Test
  void emptyFileMapsAndReadsNothing() throws IOException {
    try (MemoryMappedFile map = MemoryMappedFile.open(fileWith(new byte[0]).toString(), "r")) {
      assertEquals(0, map.size());
      assertEquals(0, map.read().length);
      try (Buffer empty = map.readBuffer()) {
        assertEquals(0, empty.size());
      }
    }
  }

  /** Small windows put boundaries every 4 KiB, so every crossing case is cheap to reach. */
  @Test
  void readsAndBuffersAcrossWindowBoundariesAreByteExact() throws IOException {
    int step = 4096;
    byte[] data = OSFileTest.random(10 * step + 123, 12);
    Path path = fileWith(data);
    try (MemoryMappedFile map = MemoryMappedFile.open(path.toString(), "r", step)) {
      for (int boundary = step; boundary < data.length; boundary += step) {
        for (int before = -3; before <= 3; before++) {
          for (int length : new int[] {1, 2, 7, step - 1, step, step + 1, 2 * step + 5, 3 * step}) {
            int offset = boundary + before;
            int expected = Math.min(length, data.length - offset);
            byte[] want = Arrays.copyOfRange(data, offset, offset + expected);
            assertArrayEquals(want, map.readAt(offset, length), "readAt " + offset + "+" + length);
            Buffer view = map.readBufferAt(offset, length);
            assertArrayEquals(want, view.toByteArray(), "readBufferAt " + offset + "+" + length);
          }
        }
      }
      // Sequential reads of odd sizes walk the whole file.
      map.seek(0);
      ByteBuffer all = ByteBuffer.allocate(data.length);
      int n;
      int chunk = 1;
      while ((n = map.readInto(all.array(), all.position(), Math.min(chunk, all.remaining()))) > 0) {
        all.position(all.position() + n);
        chunk = chunk * 3 + 1;
      }
      assertArrayEquals(data, all.array());
      List<Buffer> ranges = map.readRanges(List.of(Range.of(3 * step - 2, 5), Range.of(0, data.length)));
      assertArrayEquals(Arrays.copyOfRange(data, 3 * step - 2, 3 * step + 3), ranges.get(0).toByteArray());
      assertArrayEquals(data, ranges.get(1).toByteArray());
      ranges.forEach(Buffer::close);
    }
  }

  @Test
  void writesAcrossWindowBoundaries() throws IOException {
    int step = 4096;
    Path path = fileWith(new byte[5 * step]);
    byte[] data = OSFileTest.random(3 * step + 10, 13);
    try (MemoryMappedFile map = MemoryMappedFile.open(path.toString(), "r+", step)) {
      map.seek(step - 5);
      map.write(data);
      assertEquals(step - 5 + data.length, map.tell());
      assertArrayEquals(data, map.readAt(step - 5, data.length));
    }
    assertArrayEquals(data, Arrays.copyOfRange(Files.readAllBytes(path), step - 5, step - 5 + data.length));
  }

  @Test
  void buffersOutliveTheFileAndTheMappingGoesWhenTheyAreCollected() throws Exception {
    BufferPoolMXBean mapped = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(b -> b.getName().equals("mapped")).findFirst().orElseThrow();
    long baseline = settledCount(mapped);
    byte[] data = OSFileTest.random(1 << 20, 14);
    Path path = Files.write(dir.resolve("lifetime-" + System.nanoTime() + ".bin"), data);
    List<Buffer> buffers = new ArrayList<>();
    MemoryMappedFile map = MemoryMappedFile.open(path.toString(), "r");
    buffers.add(map.readBuffer(1000));
    buffers.add(map.readBufferAt(500_000, 1000).slice(10, 20));
    assertEquals(baseline + 1, mapped.getCount(), "one window maps the whole small file");
    map.close();
    Files.delete(path);
    assertFalse(Files.exists(path));
    assertArrayEquals(Arrays.copyOf(data, 1000), buffers.get(0).toByteArray());
    assertArrayEquals(Arrays.copyOfRange(data, 500_010, 500_030), buffers.get(1).toByteArray());
    assertEquals(baseline + 1, mapped.getCount(), "the mapping lives while its buffers do");
    assertTrue(mappedInThisProcess(path), "the deleted file is still mapped");
    buffers.forEach(Buffer::close);
    buffers.clear();
    map = null;
    for (int i = 0; i < 100 && mappedInThisProcess(path); i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertFalse(mappedInThisProcess(path), "the mapping is released once its buffers are gone");
    assertTrue(settledCount(mapped) <= baseline, "the JVM's mapped buffer count is back to where it was");
  }

  /** Whether /proc/self/maps lists {@code path}: the kernel's own word on what is mapped. */
  private static boolean mappedInThisProcess(Path path) throws IOException {
    return Files.readAllLines(Path.of("/proc/self/maps")).stream().anyMatch(line -> line.contains(path.toString()));
  }

  /** The mapped count once the GC and the cleaners have finished with what was already unreachable. */
  private static long settledCount(BufferPoolMXBean mapped) throws InterruptedException {
    long count = mapped.getCount();
    for (int stable = 0, i = 0; stable < 5 && i < 100; i++) {
      System.gc();
      Thread.sleep(20);
      long now = mapped.getCount();
      stable = now == count ? stable + 1 : 0;
      count = now;
    }
    return count;
  }
}
