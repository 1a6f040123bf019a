package io.sluice.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArenaReleaseTest {

  @Test
  void releaseUnusedReturnsFreeChunks() {
    MemoryPool arena = MemoryPools.forBackend("arena");
    List<MutableBuffer> buffers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      buffers.add(arena.allocate(256 * 1024)); // 200 blocks of 256 KiB: 50 MiB of chunks
    }
    buffers.forEach(Buffer::close);
    long before = heldBytes(arena);
    assertTrue(before >= 200L * 256 * 1024, arena.stats());
    arena.releaseUnused();
    long after = heldBytes(arena);
    assertTrue(after <= before - 40L * 1024 * 1024, "before " + before + ", after " + after);
  }

  @Test
  void freedLargeBlocksAreReusedUntilReleased() {
    MemoryPool arena = MemoryPools.forBackend("arena");
    long first;
    try (MutableBuffer buffer = arena.allocate(3 << 20)) { // a 4 MiB block
      first = buffer.address();
    }
    assertTrue(statistic(arena, " bytes in cached large blocks") >= 4 << 20, arena.stats());
    try (MutableBuffer again = arena.allocate((3 << 20) + 500)) {
      assertEquals(first, again.address(), "the same 4 MiB block serves the next request of its class");
      again.setLong((3 << 20) + 400, 5);
      assertEquals(5, again.getLong((3 << 20) + 400));
    }
    arena.releaseUnused();
    assertEquals(0, statistic(arena, " bytes in cached large blocks"), arena.stats());
  }

  @Test
  void resizingWithinALargeClassDoesNotMove() {
    MemoryPool pool = MemoryPools.proxy(MemoryPools.forBackend("arena"));
    try (ResizableBuffer buffer = pool.allocateResizable(5 << 20)) {
      long address = buffer.address();
      buffer.resize(8 << 20);
      assertEquals(address, buffer.address());
      assertEquals(8 << 20, pool.bytesAllocated());
      buffer.setLong((8 << 20) - 8, 42);
      // Another large class: a cached 16 MiB block or an in-place realloc (mremap), which may or
      // may not move the block; either way the content stays and the new size is accounted.
      buffer.resize(9 << 20);
      assertEquals(42, buffer.getLong((8 << 20) - 8));
      assertEquals(9 << 20, pool.bytesAllocated());
    }
  }

  private static long heldBytes(MemoryPool pool) {
    return statistic(pool, " bytes in chunks");
  }

  /** The number just before {@code label} in the pool's stats line. */
  private static long statistic(MemoryPool pool, String label) {
    String stats = pool.stats();
    int end = stats.indexOf(label);
    int start = stats.lastIndexOf(' ', end - 1) + 1;
    return Long.parseLong(stats.substring(start, end));
  }
}
