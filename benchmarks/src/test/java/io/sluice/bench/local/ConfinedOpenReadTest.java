package io.sluice.bench.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every competitor of {@link ConfinedOpenRead} reads the same bytes. No timing. */
class ConfinedOpenReadTest {
  @ParameterizedTest
  @EnumSource(ConfinedOpenRead.Opener.class)
  void everyOpenerReadsTheWholeFile(ConfinedOpenRead.Opener opener) throws IOException {
    for (int depth : new int[] {1, 3}) {
      ConfinedOpenRead benchmark = new ConfinedOpenRead();
      benchmark.fileSize = 4096;
      benchmark.depth = depth;
      benchmark.opener = opener;
      benchmark.setUp();
      try {
        assertEquals(4096 + (byte) (4095 * 31 + 7), benchmark.openReadClose());
      } finally {
        benchmark.tearDown();
      }
    }
  }
}
