package io.sluice.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CacheOptionsTest {
  @Test
  void defaultsAreArrows() {
    assertEquals(8 * 1024, CacheOptions.DEFAULT.holeSizeLimit());
    assertEquals(32L * 1024 * 1024, CacheOptions.DEFAULT.rangeSizeLimit());
    assertFalse(CacheOptions.DEFAULT.lazy());
    assertEquals(0, CacheOptions.DEFAULT.prefetchLimit());
    assertEquals(new CacheOptions(8192, 33_554_432, false, 0), CacheOptions.DEFAULT, "a value");
  }

  @Test
  void withersChangeOneThing() {
    assertEquals(new CacheOptions(0, 32L << 20, false, 0), CacheOptions.DEFAULT.withHoleSizeLimit(0));
    assertEquals(new CacheOptions(8192, 1 << 20, false, 0), CacheOptions.DEFAULT.withRangeSizeLimit(1 << 20));
    assertEquals(new CacheOptions(8192, 32L << 20, true, 3), CacheOptions.DEFAULT.withLazy(true, 3));
  }

  @Test
  void badValuesAreNamed() {
    assertEquals("holeSizeLimit must not be negative: -1",
        assertThrows(IllegalArgumentException.class, () -> new CacheOptions(-1, 10, false, 0)).getMessage());
    assertEquals("rangeSizeLimit must be larger than holeSizeLimit (10): 10",
        assertThrows(IllegalArgumentException.class, () -> new CacheOptions(10, 10, false, 0)).getMessage());
    assertEquals("prefetchLimit must not be negative: -3",
        assertThrows(IllegalArgumentException.class, () -> new CacheOptions(0, 10, true, -3)).getMessage());
  }
}
