package io.sluice.bench.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPools;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.arrow.memory.ArrowBuf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks that each memory benchmark does what its name says, for every competitor: the right
 * bytes are summed, allocations are really freed, slices are views of the right range. No timing.
 */
class MemoryBenchmarksTest {

  @ParameterizedTest
  @ValueSource(ints = {67108864, 262144})
  void everyReaderSumsTheSameLittleEndianLongs(int size) {
    ByteBuffer reference = ByteBuffer.wrap(SequentialGetLong.content(size)).order(ByteOrder.LITTLE_ENDIAN);
    long expected = 0;
    for (int i = 0; i + Long.BYTES <= reference.capacity(); i += Long.BYTES) {
      expected += reference.getLong(i);
    }
    for (SequentialGetLong.Reader reader : SequentialGetLong.Reader.values()) {
      SequentialGetLong benchmark = new SequentialGetLong();
      benchmark.reader = reader;
      benchmark.size = size;
      benchmark.setUp();
      try {
        assertEquals(expected, benchmark.sum(), reader.name());
      } finally {
        benchmark.tearDown();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(AllocateFree.Allocator.class)
  void everyAllocatorAllocatesTheSizeAndFreesIt(AllocateFree.Allocator allocator) {
    long sluiceBefore = MemoryPools.forBackend("arena").bytesAllocated()
        + MemoryPools.forBackend("system").bytesAllocated();
    for (int size : new int[] {64, 256, 1024, 4096, 65536, 1048576}) {
      AllocateFree benchmark = new AllocateFree();
      benchmark.allocator = allocator;
      benchmark.size = size;
      benchmark.setUp();
      for (int i = 0; i < 100; i++) {
        assertAllocatedAndFreed(allocator, size, benchmark.allocateAndFree());
      }
      benchmark.tearDown(); // fails for Sluice and Arrow if any byte is still accounted
    }
    assertEquals(sluiceBefore, MemoryPools.forBackend("arena").bytesAllocated()
        + MemoryPools.forBackend("system").bytesAllocated());
  }

  private static void assertAllocatedAndFreed(AllocateFree.Allocator allocator, int size, Object result) {
    switch (allocator) {
      case SLUICE_ARENA:
      case SLUICE_SYSTEM:
        Buffer buffer = (Buffer) result;
        assertEquals(size, buffer.size());
        assertTrue(buffer.isReleased());
        break;
      case NETTY_POOLED:
        ByteBuf byteBuf = (ByteBuf) result;
        assertEquals(size, byteBuf.capacity());
        assertEquals(0, byteBuf.refCnt());
        break;
      case ARROW_ROOT:
        ArrowBuf arrowBuf = (ArrowBuf) result;
        assertEquals(size, arrowBuf.capacity());
        assertEquals(0, arrowBuf.refCnt());
        break;
      case JDK_DIRECT:
        ByteBuffer direct = (ByteBuffer) result;
        assertEquals(size, direct.capacity());
        assertTrue(direct.isDirect());
        break;
      default:
        throw new AssertionError(allocator);
    }
  }

  @ParameterizedTest
  @EnumSource(SliceCreation.Slicer.class)
  void everySlicerMakesAViewOfTheNextOffset(SliceCreation.Slicer slicer) {
    SliceCreation benchmark = new SliceCreation();
    benchmark.slicer = slicer;
    benchmark.setUp();
    try {
      // Mark the first and last byte of each expected range through the base buffer.
      int[] offsets = SliceCreation.offsets();
      for (int i = 0; i < 3; i++) {
        int first = offsets[i];
        int last = first + SliceCreation.SLICE_LENGTH - 1;
        writeBase(benchmark, slicer, first, (byte) (0x10 + i));
        writeBase(benchmark, slicer, last, (byte) (0x20 + i));

        Object slice = benchmark.slice();
        switch (slicer) {
          case SLUICE_BUFFER:
            Buffer buffer = (Buffer) slice;
            assertEquals(SliceCreation.SLICE_LENGTH, buffer.size());
            assertEquals(benchmark.sluiceBuffer().address() + first, buffer.address());
            assertEquals((byte) (0x10 + i), buffer.getByte(0));
            assertEquals((byte) (0x20 + i), buffer.getByte(SliceCreation.SLICE_LENGTH - 1));
            break;
          case JDK_DIRECT_BYTEBUFFER:
            ByteBuffer byteBuffer = (ByteBuffer) slice;
            assertEquals(SliceCreation.SLICE_LENGTH, byteBuffer.capacity());
            assertEquals((byte) (0x10 + i), byteBuffer.get(0));
            assertEquals((byte) (0x20 + i), byteBuffer.get(SliceCreation.SLICE_LENGTH - 1));
            break;
          case NETTY_BYTEBUF:
            ByteBuf byteBuf = (ByteBuf) slice;
            assertEquals(SliceCreation.SLICE_LENGTH, byteBuf.capacity());
            assertEquals((byte) (0x10 + i), byteBuf.getByte(0));
            assertEquals((byte) (0x20 + i), byteBuf.getByte(SliceCreation.SLICE_LENGTH - 1));
            break;
          default:
            throw new AssertionError(slicer);
        }
      }
    } finally {
      benchmark.tearDown();
    }
  }

  private static void writeBase(SliceCreation benchmark, SliceCreation.Slicer slicer, int index, byte value) {
    switch (slicer) {
      case SLUICE_BUFFER:
        benchmark.sluiceBuffer().setByte(index, value);
        break;
      case JDK_DIRECT_BYTEBUFFER:
        benchmark.jdkBuffer().put(index, value);
        break;
      case NETTY_BYTEBUF:
        benchmark.nettyBuffer().setByte(index, value);
        break;
      default:
        throw new AssertionError(slicer);
    }
  }
}
