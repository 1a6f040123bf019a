package io.sluice.io;

import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPool;
import io.sluice.memory.MutableBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The plan of one {@link NativeFile#readRanges} call: which (sorted, merged) reads to issue, and
 * how to cut the caller's ranges back out of them in the caller's order.
 *
 * <p>Two ranges share a read when they overlap or touch, or when the hole between them is at most
 * {@code holeLimit} bytes and the merged read stays within {@code sizeLimit} bytes: reading a small
 * hole costs less than another round trip to the store (Arrow's {@code ReadRangeCache} rule).
 */
final class RangeCoalescer {
  private final List<Range> requested;
  private final List<Range> reads = new ArrayList<>();
  /** For each requested range (caller's order): the index of the read that covers it. */
  private final int[] readOf;
  /** For each read: how many requested ranges it serves. */
  private final List<Integer> servedCount = new ArrayList<>();

  RangeCoalescer(List<Range> requested, long holeLimit, long sizeLimit) {
    this.requested = requested;
    this.readOf = new int[requested.size()];
    Integer[] order = new Integer[requested.size()];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.<Integer>comparingLong(i -> requested.get(i).offset())
        .thenComparingLong(i -> requested.get(i).end()));

    long start = -1;
    long end = -1;
    for (int index : order) {
      Range range = requested.get(index);
      boolean overlapsOrTouches = start >= 0 && range.offset() <= end;
      boolean closeEnough = start >= 0 && range.offset() - end <= holeLimit
          && Math.max(end, range.end()) - start <= sizeLimit;
      if (overlapsOrTouches || closeEnough) {
        end = Math.max(end, range.end());
        servedCount.set(servedCount.size() - 1, servedCount.get(servedCount.size() - 1) + 1);
      } else {
        if (start >= 0) {
          reads.add(Range.of(start, end - start));
        }
        start = range.offset();
        end = range.end();
        servedCount.add(1);
      }
      readOf[index] = servedCount.size() - 1;
    }
    if (start >= 0) {
      reads.add(Range.of(start, end - start));
    }
  }

  /** The reads to issue: sorted by offset, not overlapping. */
  List<Range> reads() {
    return reads;
  }

  /**
   * One buffer per requested range, in the caller's order, cut from {@code readBuffers} (one per
   * {@link #reads()}). Views of the file's memory (buffers with a parent) are sliced. A read the
   * file allocated for us (a root buffer) is handed over as is when it serves exactly one range
   * of its size; otherwise each range is copied out into its own allocation from {@code pool},
   * so that every result is a buffer its owner can close. The caller closes {@code readBuffers};
   * results handed over as is are replaced there by null.
   */
  List<Buffer> split(List<Buffer> readBuffers, MemoryPool pool) {
    if (readBuffers.size() != reads.size()) {
      throw new IllegalStateException(
          "vectored read returned " + readBuffers.size() + " buffers for " + reads.size() + " ranges");
    }
    List<Buffer> results = new ArrayList<>(requested.size());
    try {
      for (int i = 0; i < requested.size(); i++) {
        int readIndex = readOf[i];
        Buffer read = readBuffers.get(readIndex);
        Buffer result = cut(i, read, pool);
        if (result == read) {
          readBuffers.set(readIndex, null);
        }
        results.add(result);
      }
      return results;
    } catch (RuntimeException e) {
      results.forEach(Buffer::close);
      throw e;
    }
  }

  /**
   * The buffer of requested range {@code i} cut from {@code read}, the buffer of the read that
   * covers it: a slice of a view, {@code read} itself when it is a root that serves exactly this
   * one range (the caller must then not close it), otherwise a copy from {@code pool}.
   */
  Buffer cut(int i, Buffer read, MemoryPool pool) {
    int readIndex = readOf[i];
    Range range = requested.get(i);
    long offsetInRead = range.offset() - reads.get(readIndex).offset();
    if (read.parent() != null) {
      return read.slice(offsetInRead, range.length());
    }
    if (servedCount.get(readIndex) == 1 && read.size() == range.length()) {
      return read;
    }
    MutableBuffer copy = pool.allocate(range.length());
    copy.setBytes(0, read, offsetInRead, range.length());
    return copy;
  }

  /** The number of requested ranges. */
  int requestedCount() {
    return requested.size();
  }

  /** The index in {@link #reads()} of the read that covers requested range {@code i}. */
  int readOf(int i) {
    return readOf[i];
  }

  /** How many requested ranges the read at {@code readIndex} serves. */
  int servedCount(int readIndex) {
    return servedCount.get(readIndex);
  }
}
