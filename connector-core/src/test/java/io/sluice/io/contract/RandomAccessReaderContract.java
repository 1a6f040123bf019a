package io.sluice.io.contract;

import static io.sluice.io.contract.TestData.bytes;
import static io.sluice.io.contract.TestData.slice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.io.CacheOptions;
import io.sluice.io.NativeFile;
import io.sluice.io.Range;
import io.sluice.io.Whence;
import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPools;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract of a seekable, readable {@link NativeFile} on top of {@link SequentialReaderContract}:
 * seeking with every {@link Whence}, positional reads that never move the position and are safe
 * from many threads, vectored reads, windows, and the seekable side of the Java views.
 *
 * <p>Capability hooks cover what kinds legitimately do differently:
 * {@link #allowsSeekPastEnd()} and {@link #readsAreZeroCopy()}.
 */
public abstract class RandomAccessReaderContract extends SequentialReaderContract {

  /**
   * Whether the kind may seek past its end (then reads return nothing), like local files; in-memory
   * files refuse with {@link EOFException}.
   */
  protected boolean allowsSeekPastEnd() {
    return false;
  }

  /** Whether reads into buffers are views of the file's memory (no pool memory allocated). */
  protected boolean readsAreZeroCopy() {
    return false;
  }

  @Test
  void isSeekable() throws IOException {
    try (NativeFile file = openReader(bytes(3))) {
      assertTrue(file.seekable());
      assertEquals(3, file.size());
    }
  }

  // ---------------------------------------------------------------- seek

  @Test
  void seekWithEveryWhence() throws IOException {
    byte[] content = bytes(1000);
    try (NativeFile file = openReader(content)) {
      assertEquals(100, file.seek(100));
      assertEquals(100, file.tell());
      assertArrayEquals(slice(content, 100, 110), file.read(10));
      assertEquals(150, file.seek(40, Whence.CURRENT));
      assertArrayEquals(slice(content, 150, 151), file.read(1));
      assertEquals(141, file.seek(-10, Whence.CURRENT));
      assertEquals(990, file.seek(-10, Whence.END));
      assertArrayEquals(slice(content, 990, 1000), file.read());
      assertEquals(1000, file.seek(0, Whence.END));
      assertArrayEquals(new byte[0], file.read(5));
      assertEquals(7, file.seek(7, Whence.SET));
      assertEquals(7, file.tell());
      assertEquals(0, file.seek(0));
      assertArrayEquals(content, file.read());
    }
  }

  @Test
  void seekToTheEndIsAllowedAndReadsNothing() throws IOException {
    try (NativeFile file = openReader(bytes(10))) {
      assertEquals(10, file.seek(10));
      assertArrayEquals(new byte[0], file.read());
      assertEquals(0, file.readInto(new byte[3], 0, 3));
    }
  }

  @Test
  void seekPastTheEndDependsOnTheKind() throws IOException {
    byte[] content = bytes(10);
    try (NativeFile file = openReader(content)) {
      file.seek(4);
      if (allowsSeekPastEnd()) {
        assertEquals(15, file.seek(15));
        assertEquals(15, file.tell());
        assertArrayEquals(new byte[0], file.read(3));
        assertEquals(0, file.readInto(ByteBuffer.allocate(3)));
        assertArrayEquals(new byte[0], file.readLine());
        try (Buffer none = file.readBuffer()) {
          assertEquals(0, none.size());
        }
        assertEquals(25, file.seek(15, Whence.END));
      } else {
        assertThrows(EOFException.class, () -> file.seek(11));
        assertEquals(4, file.tell(), "position unchanged after a refused seek");
        assertThrows(EOFException.class, () -> file.seek(1, Whence.END));
        assertThrows(EOFException.class, () -> file.seek(7, Whence.CURRENT));
        assertEquals(4, file.tell());
        assertArrayEquals(slice(content, 4, 10), file.read());
      }
    }
  }

  @Test
  void seekToANegativePositionIsAnArgumentError() throws IOException {
    try (NativeFile file = openReader(bytes(10))) {
      file.seek(3);
      assertMessageContains("-1", assertThrows(IllegalArgumentException.class, () -> file.seek(-1)));
      assertMessageContains("-2", assertThrows(IllegalArgumentException.class, () -> file.seek(-5, Whence.CURRENT)));
      assertMessageContains("-1", assertThrows(IllegalArgumentException.class, () -> file.seek(-11, Whence.END)));
      assertThrows(IllegalArgumentException.class, () -> file.seek(Long.MAX_VALUE, Whence.END), "overflow");
      assertMessageContains("whence", assertThrows(NullPointerException.class, () -> file.seek(0, null)));
      assertEquals(3, file.tell());
    }
  }

  // ---------------------------------------------------------------- positional reads

  @Test
  void positionalReadsDoNotMoveThePosition() throws IOException {
    byte[] content = bytes(5000);
    try (NativeFile file = openReader(content)) {
      file.seek(123);
      assertArrayEquals(slice(content, 4000, 4100), file.readAt(4000, 100));
      try (Buffer buffer = file.readBufferAt(10, 4096)) {
        assertArrayEquals(slice(content, 10, 4106), buffer.toByteArray());
      }
      List<Buffer> ranges = file.readRanges(List.of(Range.of(0, 10), Range.of(4990, 10)));
      closeAll(ranges);
      try (NativeFile window = file.getStream(100, 200)) {
        assertArrayEquals(slice(content, 100, 300), window.read());
      }
      assertEquals(123, file.tell());
      assertArrayEquals(slice(content, 123, 133), file.read(10));
    }
  }

  @Test
  void positionalReadsAreClampedAtTheEndAndRefuseOffsetsPastIt() throws IOException {
    byte[] content = bytes(100);
    try (NativeFile file = openReader(content)) {
      assertArrayEquals(slice(content, 90, 100), file.readAt(90, 50), "short at the end");
      assertArrayEquals(new byte[0], file.readAt(100, 5), "at the end: empty");
      assertArrayEquals(new byte[0], file.readAt(5, 0));
      try (Buffer buffer = file.readBufferAt(95, 10); Buffer empty = file.readBufferAt(100, 10)) {
        assertArrayEquals(slice(content, 95, 100), buffer.toByteArray());
        assertEquals(0, empty.size());
      }
      if (allowsSeekPastEnd()) {
        // Kinds that may seek past the end read nothing there, as PyArrow's OSFile.read_at.
        assertArrayEquals(new byte[0], file.readAt(101, 1));
        try (Buffer none = file.readBufferAt(1000, 5); NativeFile window = file.getStream(101, 1)) {
          assertEquals(0, none.size());
          assertEquals(0, window.size());
        }
      } else {
        assertMessageContains("101", assertThrows(EOFException.class, () -> file.readAt(101, 1)));
        assertThrows(EOFException.class, () -> file.readBufferAt(101, 1));
        assertThrows(EOFException.class, () -> file.getStream(101, 1));
      }
      assertMessageContains("-1", assertThrows(IllegalArgumentException.class, () -> file.readAt(-1, 1)));
      assertMessageContains("-3", assertThrows(IllegalArgumentException.class, () -> file.readAt(0, -3)));
      assertMessageContains("-4", assertThrows(IllegalArgumentException.class, () -> file.readBufferAt(-4, 1)));
      assertMessageContains("-6", assertThrows(IllegalArgumentException.class, () -> file.readBufferAt(0, -6)));
      assertThrows(IllegalArgumentException.class, () -> file.getStream(-1, 1));
      assertThrows(IllegalArgumentException.class, () -> file.getStream(0, -1));
      assertEquals(0, file.tell());
    }
  }

  @Test
  void eightThreadsOfPositionalReadsAreByteExact() throws Exception {
    byte[] content = bytes(1 << 20);
    try (NativeFile file = openReader(content)) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          long seed = t;
          results.add(pool.submit(() -> {
            Random random = new Random(seed);
            int checked = 0;
            for (int i = 0; i < 1000; i++) {
              int offset = random.nextInt(content.length);
              int length = random.nextInt(9000);
              int end = Math.min(content.length, offset + length);
              if (i % 2 == 0) {
                byte[] got = file.readAt(offset, length);
                if (!Arrays.equals(slice(content, offset, end), got)) {
                  throw new AssertionError("readAt(" + offset + ", " + length + ") returned wrong bytes");
                }
              } else {
                try (Buffer got = file.readBufferAt(offset, length)) {
                  if (!Arrays.equals(slice(content, offset, end), got.toByteArray())) {
                    throw new AssertionError("readBufferAt(" + offset + ", " + length + ") returned wrong bytes");
                  }
                }
              }
              checked++;
            }
            return checked;
          }));
        }
        for (Future<Integer> result : results) {
          assertEquals(1000, result.get(60, TimeUnit.SECONDS));
        }
      } finally {
        pool.shutdownNow();
      }
      assertEquals(0, file.tell(), "positional reads from many threads left the position alone");
    }
  }

  @Test
  void readBufferIsZeroCopyWhereTheKindSaysSo() throws IOException {
    byte[] content = bytes(10_000);
    try (NativeFile file = openReader(content)) {
      long before = MemoryPools.defaultPool().bytesAllocated();
      List<Buffer> ranges = file.readRanges(List.of(Range.of(0, 10), Range.of(20, 10)));
      try (Buffer a = file.readBuffer(4000); Buffer b = file.readBufferAt(100, 5000); Buffer c = ranges.get(1)) {
        long allocated = MemoryPools.defaultPool().bytesAllocated() - before;
        if (readsAreZeroCopy()) {
          assertEquals(0, allocated, "zero-copy reads allocate no pool memory");
          assertNotNull(a.parent(), "a zero-copy read is a view");
        }
        assertArrayEquals(slice(content, 0, 4000), a.toByteArray());
        assertArrayEquals(slice(content, 100, 5100), b.toByteArray());
        assertArrayEquals(slice(content, 20, 30), c.toByteArray());
      } finally {
        closeAll(ranges);
      }
    }
  }

  // ---------------------------------------------------------------- vectored reads

  @Test
  void readRangesReturnsEachRangeInTheCallersOrder() throws IOException {
    byte[] content = bytes(200_000);
    List<Range> ranges = List.of(
        Range.of(150_000, 100),     // unsorted
        Range.of(0, 10),
        Range.of(10, 20),           // adjacent to the previous
        Range.of(5, 20),            // overlapping two others
        Range.of(0, 10),            // duplicate
        Range.of(31, 1),            // one byte after a one-byte hole
        Range.of(60_000, 0),        // empty
        Range.of(100_000, 50_000),  // far from the rest
        Range.of(199_990, 10));     // up to the last byte
    try (NativeFile file = openReader(content)) {
      file.seek(77);
      List<Buffer> buffers = file.readRanges(ranges);
      try {
        assertEquals(ranges.size(), buffers.size());
        for (int i = 0; i < ranges.size(); i++) {
          Range range = ranges.get(i);
          assertArrayEquals(slice(content, range.offset(), range.end()), buffers.get(i).toByteArray(),
              "range " + i + " " + range);
        }
      } finally {
        closeAll(buffers);
      }
      assertEquals(77, file.tell());
      assertEquals(List.of(), file.readRanges(List.of()));
    }
  }

  @Test
  void readRangesWithAnyRangePastTheEndThrowsEof() throws IOException {
    try (NativeFile file = openReader(bytes(100))) {
      assertThrows(EOFException.class, () -> file.readRanges(List.of(Range.of(0, 10), Range.of(95, 6))));
      assertThrows(EOFException.class, () -> file.readRanges(List.of(Range.of(101, 0))));
      List<Range> withNull = Arrays.asList(Range.of(0, 1), null);
      assertMessageContains("ranges[1]", assertThrows(NullPointerException.class, () -> file.readRanges(withNull)));
      closeAll(file.readRanges(List.of(Range.of(100, 0), Range.of(0, 100))));
    }
  }

  // ---------------------------------------------------------------- (v0.2) positional reads into the caller's memory

  @Test
  void readAtIntoAByteBufferOrArrayLeavesThePositionAlone() throws IOException {
    byte[] content = bytes(10_000);
    try (NativeFile file = openReader(content)) {
      file.seek(77);
      ByteBuffer heap = ByteBuffer.allocate(300);
      heap.position(10);
      assertEquals(290, file.readAt(5000, heap));
      assertEquals(300, heap.position(), "the ByteBuffer's position advanced");
      assertArrayEquals(slice(content, 5000, 5290), Arrays.copyOfRange(heap.array(), 10, 300));
      ByteBuffer direct = ByteBuffer.allocateDirect(4096);
      assertEquals(4096, file.readAt(1, direct));
      direct.flip();
      byte[] got = new byte[4096];
      direct.get(got);
      assertArrayEquals(slice(content, 1, 4097), got);
      byte[] array = new byte[50];
      assertEquals(20, file.readAt(9980, array, 30, 20));
      assertArrayEquals(slice(content, 9980, 10_000), Arrays.copyOfRange(array, 30, 50));
      assertEquals(77, file.tell());
      assertArrayEquals(slice(content, 77, 87), file.read(10));
    }
  }

  @Test
  void readAtIsShortOnlyAtTheEndAndMinusOneThere() throws IOException {
    byte[] content = bytes(100);
    try (NativeFile file = openReader(content)) {
      ByteBuffer dst = ByteBuffer.allocate(30);
      assertEquals(10, file.readAt(90, dst), "short at the end");
      assertArrayEquals(slice(content, 90, 100), Arrays.copyOf(dst.array(), 10));
      assertEquals(-1, file.readAt(100, ByteBuffer.allocate(5)), "at the end: -1 as FileChannel.read");
      assertEquals(-1, file.readAt(100, new byte[5], 0, 5));
      assertEquals(0, file.readAt(100, ByteBuffer.allocate(0)), "no room: 0");
      assertEquals(0, file.readAt(3, new byte[5], 2, 0));
      if (allowsSeekPastEnd()) {
        assertEquals(-1, file.readAt(101, ByteBuffer.allocate(5)));
        assertEquals(-1, file.readAt(5000, new byte[5], 0, 5));
      } else {
        assertMessageContains("101", assertThrows(EOFException.class, () -> file.readAt(101, ByteBuffer.allocate(5))));
        assertMessageContains("5000", assertThrows(EOFException.class, () -> file.readAt(5000, new byte[5], 0, 5)));
      }
      assertEquals(0, file.tell());
    }
  }

  @Test
  void readAtIntoCallerMemoryChecksItsArguments() throws IOException {
    try (NativeFile file = openReader(bytes(100))) {
      assertMessageContains("dst", assertThrows(NullPointerException.class, () -> file.readAt(0, (ByteBuffer) null)));
      assertMessageContains("dst", assertThrows(NullPointerException.class, () -> file.readAt(0, null, 0, 1)));
      assertMessageContains("dst", assertThrows(NullPointerException.class, () -> file.readFully(0, null)));
      assertMessageContains("-3", assertThrows(IllegalArgumentException.class, () -> file.readAt(-3, ByteBuffer.allocate(1))));
      assertMessageContains("-4", assertThrows(IllegalArgumentException.class, () -> file.readAt(-4, new byte[1], 0, 1)));
      assertMessageContains("-5", assertThrows(IllegalArgumentException.class, () -> file.readFully(-5, ByteBuffer.allocate(1))));
      assertThrows(IndexOutOfBoundsException.class, () -> file.readAt(0, new byte[4], 3, 2));
      assertThrows(IndexOutOfBoundsException.class, () -> file.readAt(0, new byte[4], -1, 2));
      ByteBuffer readOnly = ByteBuffer.allocate(4).asReadOnlyBuffer();
      assertThrows(java.nio.ReadOnlyBufferException.class, () -> file.readAt(0, readOnly));
      assertThrows(java.nio.ReadOnlyBufferException.class, () -> file.readFully(0, readOnly));
      file.close();
      assertClosedError("readAt(ByteBuffer) on a closed file", () -> file.readAt(0, ByteBuffer.allocate(1)));
      assertClosedError("readAt(byte[]) on a closed file", () -> file.readAt(0, new byte[1], 0, 1));
      assertClosedError("readFully on a closed file", () -> file.readFully(0, ByteBuffer.allocate(1)));
      assertClosedError("peek on a closed file", () -> file.peek(1));
    }
  }

  @Test
  void readFullyFillsTheBufferOrThrowsEofWithoutReading() throws IOException {
    byte[] content = bytes(1000);
    try (NativeFile file = openReader(content)) {
      file.seek(3);
      ByteBuffer dst = ByteBuffer.allocateDirect(1000);
      file.readFully(0, dst);
      assertEquals(1000, dst.position());
      dst.flip();
      byte[] got = new byte[1000];
      dst.get(got);
      assertArrayEquals(content, got);
      ByteBuffer tooLong = ByteBuffer.allocate(11);
      EOFException e = assertThrows(EOFException.class, () -> file.readFully(990, tooLong));
      assertEquals("readFully of 11 bytes at offset 990 goes past the end of the file (size 1000)", e.getMessage());
      assertEquals(0, tooLong.position(), "nothing was read");
      assertThrows(EOFException.class, () -> file.readFully(2000, ByteBuffer.allocate(1)));
      file.readFully(1000, ByteBuffer.allocate(0));
      assertEquals(3, file.tell());
    }
  }

  @Test
  void eightThreadsOfReadAtIntoByteBuffersAreByteExact() throws Exception {
    byte[] content = bytes(1 << 20);
    try (NativeFile file = openReader(content)) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          long seed = 100 + t;
          results.add(pool.submit(() -> {
            Random random = new Random(seed);
            for (int i = 0; i < 500; i++) {
              int offset = random.nextInt(content.length);
              int length = Math.min(random.nextInt(9000), content.length - offset);
              ByteBuffer dst = i % 2 == 0 ? ByteBuffer.allocate(length) : ByteBuffer.allocateDirect(length);
              if (i % 3 == 0) {
                file.readFully(offset, dst);
              } else {
                int n = file.readAt(offset, dst);
                if (n != length && !(length == 0 && n == 0)) {
                  throw new AssertionError("readAt(" + offset + ") read " + n + " of " + length);
                }
              }
              dst.flip();
              byte[] got = new byte[length];
              dst.get(got);
              if (!Arrays.equals(slice(content, offset, offset + length), got)) {
                throw new AssertionError("readAt(" + offset + ", " + length + ") returned wrong bytes");
              }
            }
            return 500;
          }));
        }
        for (Future<Integer> result : results) {
          assertEquals(500, result.get(60, TimeUnit.SECONDS));
        }
      } finally {
        pool.shutdownNow();
      }
      assertEquals(0, file.tell());
    }
  }

  @Test
  void peekReturnsBytesWithoutMovingThePosition() throws IOException {
    byte[] content = bytes(500);
    try (NativeFile file = openReader(content)) {
      assertArrayEquals(slice(content, 0, 10), file.peek(10));
      assertEquals(0, file.tell());
      file.seek(450);
      assertArrayEquals(slice(content, 450, 500), file.peek(100), "short at the end");
      assertArrayEquals(slice(content, 450, 460), file.read(10));
      assertArrayEquals(new byte[0], file.peek(0));
      file.seek(500);
      assertArrayEquals(new byte[0], file.peek(5), "empty at EOF");
      assertMessageContains("-1", assertThrows(IllegalArgumentException.class, () -> file.peek(-1)));
      assertEquals(500, file.tell());
      if (allowsSeekPastEnd()) {
        file.seek(600);
        assertArrayEquals(new byte[0], file.peek(5), "empty past the end");
      }
    }
  }

  // ---------------------------------------------------------------- (v0.2) CacheOptions and asynchronous reads

  private static final List<Range> SCATTERED = List.of(
      Range.of(150_000, 100), Range.of(0, 10), Range.of(10, 20), Range.of(5, 20), Range.of(0, 10),
      Range.of(31, 1), Range.of(60_000, 0), Range.of(100_000, 50_000), Range.of(199_990, 10));

  private static void assertRanges(byte[] content, List<Range> ranges, List<Buffer> buffers) {
    assertEquals(ranges.size(), buffers.size());
    for (int i = 0; i < ranges.size(); i++) {
      Range range = ranges.get(i);
      assertArrayEquals(slice(content, range.offset(), range.end()), buffers.get(i).toByteArray(),
          "range " + i + " " + range);
    }
  }

  @Test
  void readRangesWithCacheOptionsCoalescesByThem() throws IOException {
    byte[] content = bytes(200_000);
    List<CacheOptions> options = List.of(CacheOptions.DEFAULT, new CacheOptions(0, 1, false, 0),
        CacheOptions.DEFAULT.withHoleSizeLimit(200_000).withRangeSizeLimit(1 << 20));
    try (NativeFile file = openReader(content)) {
      file.seek(9);
      for (CacheOptions option : options) {
        List<Buffer> buffers = file.readRanges(SCATTERED, option);
        try {
          assertRanges(content, SCATTERED, buffers);
        } finally {
          closeAll(buffers);
        }
      }
      assertEquals(9, file.tell());
      assertMessageContains("options", assertThrows(NullPointerException.class, () -> file.readRanges(SCATTERED, null)));
      assertThrows(EOFException.class, () -> file.readRanges(List.of(Range.of(199_999, 2)), CacheOptions.DEFAULT));
    }
  }

  @Test
  void readAsyncReturnsTheBytesOnTheIoPool() throws Exception {
    byte[] content = bytes(100_000);
    try (NativeFile file = openReader(content)) {
      file.seek(5);
      try (Buffer a = file.readAsync(1000, 5000).get(60, TimeUnit.SECONDS);
          Buffer b = file.readAsync(99_990, 100).get(60, TimeUnit.SECONDS);
          Buffer c = file.readAsync(100_000, 1).get(60, TimeUnit.SECONDS)) {
        assertArrayEquals(slice(content, 1000, 6000), a.toByteArray());
        assertArrayEquals(slice(content, 99_990, 100_000), b.toByteArray(), "clamped to the end");
        assertEquals(0, c.size());
      }
      assertEquals(5, file.tell());
      assertMessageContains("-1", assertThrows(IllegalArgumentException.class, () -> file.readAsync(-1, 1)));
      assertMessageContains("-2", assertThrows(IllegalArgumentException.class, () -> file.readAsync(0, -2)));
      if (!allowsSeekPastEnd()) {
        assertThrows(EOFException.class, () -> file.readAsync(100_001, 1));
      }
      file.close();
      assertClosedError("readAsync on a closed file", () -> file.readAsync(0, 1));
      assertClosedError("readRangesAsync on a closed file", () -> file.readRangesAsync(List.of(), CacheOptions.DEFAULT));
    }
  }

  @Test
  void readRangesAsyncReturnsEachRangeInTheCallersOrder() throws Exception {
    byte[] content = bytes(200_000);
    for (CacheOptions option : List.of(CacheOptions.DEFAULT, new CacheOptions(0, 1, false, 0),
        CacheOptions.DEFAULT.withLazy(true, 0), new CacheOptions(0, 1, true, 2))) {
      try (NativeFile file = openReader(content)) {
        file.seek(3);
        List<java.util.concurrent.CompletableFuture<Buffer>> futures = file.readRangesAsync(SCATTERED, option);
        List<Buffer> buffers = new ArrayList<>();
        try {
          for (java.util.concurrent.CompletableFuture<Buffer> future : futures) {
            buffers.add(future.get(60, TimeUnit.SECONDS));
          }
          assertRanges(content, SCATTERED, buffers);
        } finally {
          closeAll(buffers);
        }
        assertEquals(3, file.tell(), option.toString());
        assertThrows(EOFException.class, () -> file.readRangesAsync(List.of(Range.of(0, 200_001)), option));
        List<Range> withNull = Arrays.asList(Range.of(0, 1), null);
        assertMessageContains("ranges[1]",
            assertThrows(NullPointerException.class, () -> file.readRangesAsync(withNull, option)));
      }
    }
  }

  @Test
  void lazyRangesStartOnlyWhenAskedFor() throws Exception {
    byte[] content = bytes(100_000);
    try (NativeFile file = openReader(content)) {
      List<Range> far = List.of(Range.of(0, 10), Range.of(50_000, 10), Range.of(90_000, 10));
      List<java.util.concurrent.CompletableFuture<Buffer>> futures =
          file.readRangesAsync(far, CacheOptions.DEFAULT.withLazy(true, 1));
      // Nothing was asked for: no read can have started, so none can have finished.
      for (java.util.concurrent.CompletableFuture<Buffer> future : futures) {
        assertFalse(future.isDone());
      }
      try (Buffer first = futures.get(0).get(60, TimeUnit.SECONDS)) {
        assertArrayEquals(slice(content, 0, 10), first.toByteArray());
      }
      // Asking for the first started it and one more (prefetch 1); the third waits to be asked for.
      assertFalse(futures.get(2).isDone(), "beyond the prefetch limit nothing started");
      try (Buffer second = futures.get(1).join()) {
        assertArrayEquals(slice(content, 50_000, 50_010), second.toByteArray());
      }
      try (Buffer third = futures.get(2).get()) {
        assertArrayEquals(slice(content, 90_000, 90_010), third.toByteArray());
      }
    }
  }

  // ---------------------------------------------------------------- windows

  @Test
  void getStreamIsAnIndependentWindow() throws IOException {
    byte[] content = bytes(1000);
    try (NativeFile file = openReader(content)) {
      NativeFile window = file.getStream(100, 300);
      NativeFile other = file.getStream(900, 500);
      assertEquals("rb", window.mode());
      assertTrue(window.seekable());
      assertFalse(window.writable());
      assertEquals(300, window.size());
      assertEquals(100, other.size(), "clamped to the end of the file");
      assertArrayEquals(slice(content, 100, 150), window.read(50));
      assertArrayEquals(slice(content, 900, 910), other.read(10));
      assertEquals(0, file.tell());
      assertArrayEquals(slice(content, 150, 160), window.read(10));
      assertEquals(290, window.seek(-10, Whence.END));
      assertArrayEquals(slice(content, 390, 400), window.read());
      assertThrows(EOFException.class, () -> window.seek(301));
      assertArrayEquals(slice(content, 110, 120), window.readAt(10, 10));
      assertArrayEquals(slice(content, 390, 400), window.readAt(290, 100), "clamped to the window");
      try (NativeFile inner = window.getStream(10, 20)) {
        assertArrayEquals(slice(content, 110, 130), inner.read());
      }
      window.close();
      assertTrue(window.isClosed());
      assertFalse(file.isClosed(), "closing a window leaves the file open");
      assertArrayEquals(slice(content, 0, 5), file.read(5));
      file.close();
      assertClosedError("window read after the file was closed", () -> other.read(1));
    }
  }

  // ---------------------------------------------------------------- bulk and Java views

  @Test
  void downloadRewindsASeekableFile() throws IOException {
    byte[] content = bytes(70_000);
    try (NativeFile file = openReader(content)) {
      file.seek(500);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertEquals(content.length, file.download(out));
      assertArrayEquals(content, out.toByteArray());
    }
  }

  @Test
  void inputStreamViewSkipsAndReportsAvailable() throws IOException {
    byte[] content = bytes(1000);
    try (NativeFile file = openReader(content); InputStream in = file.asInputStream()) {
      assertEquals(1000, in.available());
      assertEquals(600, in.skip(600));
      assertEquals(600, file.tell());
      assertEquals(400, in.available());
      assertEquals(400, in.skip(10_000), "never skips past the end");
      assertEquals(0, in.available());
      assertEquals(-1, in.read());
    }
  }

  @Test
  void channelViewSeeksIncludingPastTheEnd() throws IOException {
    byte[] content = bytes(100);
    try (NativeFile file = openReader(content); SeekableByteChannel channel = file.asChannel()) {
      assertEquals(100, channel.size());
      assertEquals(40, channel.position(40).position());
      ByteBuffer dst = ByteBuffer.allocate(10);
      assertEquals(10, readFully(channel, dst));
      assertArrayEquals(slice(content, 40, 50), dst.array());
      assertEquals(50, channel.position());
      assertEquals(150, channel.position(150).position(), "a position past the end is legal");
      assertEquals(-1, channel.read(ByteBuffer.allocate(1)), "and reads -1");
      assertEquals(100, channel.size(), "without changing the size");
      channel.position(95);
      assertEquals(5, readFully(channel, ByteBuffer.allocate(10)));
      assertEquals(-1, channel.read(ByteBuffer.allocate(10)));
      assertThrows(IllegalArgumentException.class, () -> channel.position(-1));
    }
  }

  /** Reads until {@code dst} is full or EOF (channels may return short reads); the byte count. */
  protected static int readFully(SeekableByteChannel channel, ByteBuffer dst) throws IOException {
    int total = 0;
    while (dst.hasRemaining()) {
      int n = channel.read(dst);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  protected static void closeAll(List<Buffer> buffers) {
    buffers.forEach(Buffer::close);
  }
}
