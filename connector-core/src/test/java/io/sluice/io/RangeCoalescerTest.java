package io.sluice.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.sluice.io.contract.TestData;
import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RangeCoalescerTest {
  private static List<Range> plan(long hole, long sizeLimit, Range... ranges) {
    return new RangeCoalescer(List.of(ranges), hole, sizeLimit).reads();
  }

  @Test
  void mergesRangesWhoseHoleIsWithinTheLimit() {
    assertEquals(List.of(Range.of(0, 300)), plan(100, 1 << 20, Range.of(200, 100), Range.of(0, 100)));
    assertEquals(List.of(Range.of(0, 100), Range.of(201, 100)), plan(100, 1 << 20, Range.of(0, 100), Range.of(201, 100)));
  }

  @Test
  void overlappingAndAdjacentRangesAlwaysShareARead() {
    assertEquals(List.of(Range.of(0, 30)), plan(0, 10, Range.of(0, 10), Range.of(10, 10), Range.of(5, 25)));
    assertEquals(List.of(Range.of(0, 10)), plan(0, 1, Range.of(0, 10), Range.of(0, 10), Range.of(3, 0)));
  }

  @Test
  void respectsTheSizeLimitForHoles() {
    assertEquals(List.of(Range.of(0, 10), Range.of(15, 10)), plan(100, 20, Range.of(0, 10), Range.of(15, 10)));
    assertEquals(List.of(Range.of(0, 25)), plan(100, 25, Range.of(0, 10), Range.of(15, 10)));
  }

  @Test
  void emptyInputPlansNoReads() {
    assertEquals(List.of(), plan(100, 100));
  }

  @Test
  void splitHandsOverSingleReadsAndCopiesSharedOnes() {
    byte[] content = TestData.bytes(1000);
    List<Range> ranges = List.of(Range.of(500, 10), Range.of(0, 10), Range.of(20, 10));
    RangeCoalescer coalescer = new RangeCoalescer(ranges, 64, 1 << 20);
    assertEquals(List.of(Range.of(0, 30), Range.of(500, 10)), coalescer.reads());
    List<Buffer> reads = new ArrayList<>();
    for (Range read : coalescer.reads()) {
      MutableBuffer buffer = MemoryPools.defaultPool().allocate(read.length());
      buffer.setBytes(0, content, (int) read.offset(), (int) read.length());
      reads.add(buffer);
    }
    Buffer single = reads.get(1);
    List<Buffer> results = coalescer.split(reads, MemoryPools.defaultPool());
    try {
      assertSame(single, results.get(0), "a read serving one range is handed over as is");
      assertNull(reads.get(1), "and no longer the caller's to close");
      assertNotSame(reads.get(0), results.get(1));
      for (int i = 0; i < ranges.size(); i++) {
        Range range = ranges.get(i);
        assertEquals(Buffer.wrap(Arrays.copyOfRange(content, (int) range.offset(), (int) range.end())), results.get(i));
      }
    } finally {
      reads.stream().filter(b -> b != null).forEach(Buffer::close);
      results.forEach(Buffer::close);
    }
  }
}
