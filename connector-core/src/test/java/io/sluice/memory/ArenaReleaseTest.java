package io.sluice.memory;

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

  private static long heldBytes(MemoryPool pool) {
    String stats = pool.stats();
    int end = stats.indexOf(" bytes in chunks");
    int start = stats.lastIndexOf(' ', end - 1) + 1;
    return Long.parseLong(stats.substring(start, end));
  }
}
