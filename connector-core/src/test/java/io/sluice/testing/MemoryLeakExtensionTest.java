package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Runs small test classes through JUnit itself and checks what the leak extension makes of them. */
class MemoryLeakExtensionTest {
  /** Buffers the leaking test dropped; freed here so this test itself leaks nothing. */
  static final List<MutableBuffer> LEAKED = new ArrayList<>();

  @Test
  void aTestLeavingPoolMemoryAllocatedFailsNamingTheAmount() {
    Events events = run(LeakingTests.class);
    try {
      assertEquals(1, events.failed().count());
      assertEquals(1, events.succeeded().count());
      Throwable failure = events.failed().stream().findFirst().orElseThrow()
          .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
          .getThrowable().orElseThrow();
      assertTrue(failure instanceof AssertionError, String.valueOf(failure));
      assertTrue(failure.getMessage().contains("leaked 1024 bytes"), failure.getMessage());
      assertTrue(failure.getMessage().contains("leaks()"), failure.getMessage());
    } finally {
      LEAKED.forEach(MutableBuffer::close);
      LEAKED.clear();
    }
  }

  private static Events run(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
        .selectors(selectClass(testClass))
        .execute()
        .testEvents();
  }

  /** Not run by surefire (nested classes are excluded); run only through the test kit above. */
  static class LeakingTests {
    @Test
    void leaks() {
      LEAKED.add(MemoryPools.systemPool().allocate(1000));
    }

    @Test
    void closesWhatItAllocates() {
      try (MutableBuffer buffer = MemoryPools.systemPool().allocate(1000)) {
        buffer.setByte(0, (byte) 1);
      }
    }
  }
}
