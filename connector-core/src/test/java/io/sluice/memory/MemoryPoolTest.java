package io.sluice.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The accounting contract of {@link MemoryPool}, run over every backend and wrapper. Each test gets
 * a fresh proxy (or wrapper) so the statistics it reads are its own, not the whole JVM's.
 */
class MemoryPoolTest {

  static Stream<Arguments> pools() {
    return Stream.of(
        Arguments.of("system", (Supplier<MemoryPool>) () -> MemoryPools.proxy(MemoryPools.systemPool())),
        Arguments.of("arena", (Supplier<MemoryPool>) () -> MemoryPools.proxy(MemoryPools.forBackend("arena"))),
        Arguments.of("capped(system)",
            (Supplier<MemoryPool>) () -> MemoryPools.capped(MemoryPools.systemPool(), 1L << 40)),
        Arguments.of("proxy(proxy(arena))",
            (Supplier<MemoryPool>) () -> MemoryPools.proxy(MemoryPools.proxy(MemoryPools.forBackend("arena")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pools")
  void allocationsAreAccountedInMultiplesOf64(String name, Supplier<MemoryPool> pools) {
    MemoryPool pool = pools.get();
    try (MutableBuffer b1000 = pool.allocate(1000)) {
      assertEquals(1000, b1000.size());
      assertEquals(1024, pool.bytesAllocated());
      try (MutableBuffer b1 = pool.allocate(1); MutableBuffer b64 = pool.allocate(64)) {
        assertEquals(1024 + 64 + 64, pool.bytesAllocated());
        assertEquals(1, b1.size());
        assertEquals(64, b64.size());
      }
      assertEquals(1024, pool.bytesAllocated());
    }
    assertEquals(0, pool.bytesAllocated());
    assertEquals(1024 + 128, pool.maxMemory());
    assertEquals(1024 + 128, pool.totalBytesAllocated());
    assertEquals(3, pool.numAllocations());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pools")
  void zeroSizeAllocationsCountNothing(String name, Supplier<MemoryPool> pools) {
    MemoryPool pool = pools.get();
    try (MutableBuffer empty = pool.allocate(0)) {
      assertEquals(0, empty.size());
      assertEquals(0, pool.bytesAllocated());
      assertEquals(0, pool.numAllocations());
      assertEquals(0, empty.address() % 64);
      assertEquals(0, empty.toByteArray().length);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pools")
  void allocationsAre64ByteAligned(String name, Supplier<MemoryPool> pools) {
    MemoryPool pool = pools.get();
    List<MutableBuffer> buffers = new ArrayList<>();
    try {
      for (long size : new long[] {1, 7, 63, 64, 65, 100, 1000, 4095, 4096, 70_000, 1 << 20, (1 << 20) + 1, 3 << 20}) {
        MutableBuffer buffer = pool.allocate(size);
        buffers.add(buffer);
        assertEquals(0, buffer.address() % 64, "size " + size + " at 0x" + Long.toHexString(buffer.address()));
        buffer.fill((byte) size); // the whole range is usable
        assertEquals((byte) size, buffer.getByte(size - 1));
      }
    } finally {
      buffers.forEach(Buffer::close);
    }
    assertEquals(0, pool.bytesAllocated());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pools")
  void negativeSizeIsRejectedWithTheValue(String name, Supplier<MemoryPool> pools) {
    MemoryPool pool = pools.get();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.allocate(-5));
    assertTrue(e.getMessage().contains("-5"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> pool.allocateResizable(-5));
    assertEquals(0, pool.numAllocations());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pools")
  void resizingAccountsTheDifference(String name, Supplier<MemoryPool> pools) {
    MemoryPool pool = pools.get();
    try (ResizableBuffer buffer = pool.allocateResizable(1024)) {
      for (int i = 0; i < 1024; i += 8) {
        buffer.setLong(i, i * 31L);
      }
      assertEquals(1024, pool.bytesAllocated());
      buffer.resize(2048);
      assertEquals(2048, buffer.size());
      assertEquals(2048, buffer.capacity());
      assertEquals(2048, pool.bytesAllocated(), "1024 -> 2048 raises the count by 1024");
      assertEquals(1024 + 1024, pool.totalBytesAllocated());
      for (int i = 0; i < 1024; i += 8) {
        assertEquals(i * 31L, buffer.getLong(i), "content up to the old size is preserved");
      }
      buffer.resize(100, false);
      assertEquals(100, buffer.size());
      assertEquals(2048, buffer.capacity(), "no shrink without shrinkToFit");
      assertEquals(2048, pool.bytesAllocated());
      buffer.resize(100);
      assertEquals(2048, buffer.capacity(), "resize(n) is resize(n, false), as in PyArrow");
      buffer.resize(100, true);
      assertEquals(128, buffer.capacity());
      assertEquals(128, pool.bytesAllocated());
      assertEquals(31L * 8, buffer.getLong(8));
      buffer.reserve(5000);
      assertEquals(100, buffer.size(), "reserve keeps the size");
      assertEquals(5056, buffer.capacity());
      assertEquals(5056, pool.bytesAllocated());
      assertEquals(5056, pool.maxMemory());
      buffer.resize(0, true);
      assertEquals(0, buffer.capacity());
      assertEquals(0, pool.bytesAllocated());
      buffer.resize(10);
      assertEquals(64, pool.bytesAllocated());
    }
    assertEquals(0, pool.bytesAllocated());
    assertEquals(5056, pool.maxMemory());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pools")
  void statsNameTheNumbers(String name, Supplier<MemoryPool> pools) {
    MemoryPool pool = pools.get();
    try (MutableBuffer buffer = pool.allocate(100)) {
      String stats = pool.stats();
      assertTrue(stats.contains("bytesAllocated=128"), stats);
      assertTrue(stats.contains("numAllocations=1"), stats);
      assertTrue(stats.contains(pool.backendName()), stats);
    }
  }
}
