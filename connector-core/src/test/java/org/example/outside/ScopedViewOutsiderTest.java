package org.example.outside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.memory.ScopedByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * A user's class (outside Sluice's packages) cannot open scoped views: a scoped view kept past its
 * scope could touch memory given back, so only Sluice's own IO gets the permission.
 */
class ScopedViewOutsiderTest {
  @Test
  void aClassOutsideSluiceIsRefused() {
    IllegalCallerException refused = assertThrows(IllegalCallerException.class, () -> ScopedByteBuffer.access());
    assertEquals("scoped ByteBuffer views are for Sluice's own IO, not for org.example.outside.ScopedViewOutsiderTest:"
        + " a view kept past its scope is not safe; use Buffer.asByteBuffer()", refused.getMessage());
  }

  @Test
  void noScopeOpensWithoutThePermission() {
    assertThrows(NullPointerException.class, () -> ScopedByteBuffer.of(null, null, 0, 0));
  }
}
