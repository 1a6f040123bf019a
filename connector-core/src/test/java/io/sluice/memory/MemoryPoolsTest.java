package io.sluice.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MemoryPoolsTest {

  @Test
  void backendsAreSingletonsByName() {
    assertTrue(MemoryPools.supportedBackends().contains("system"));
    assertTrue(MemoryPools.supportedBackends().contains("arena"));
    assertSame(MemoryPools.systemPool(), MemoryPools.forBackend("system"));
    assertSame(MemoryPools.forBackend("arena"), MemoryPools.forBackend("ARENA"));
    assertEquals("system", MemoryPools.systemPool().backendName());
    assertEquals("arena", MemoryPools.forBackend("arena").backendName());
  }

  @Test
  void unknownBackendIsRejectedWithItsName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MemoryPools.forBackend("jemalloc"));
    assertTrue(e.getMessage().contains("jemalloc"), e.getMessage());
    assertEquals("name", assertThrows(NullPointerException.class, () -> MemoryPools.forBackend(null)).getMessage());
  }

  @Test
  void configurationPropertyWinsOverEnvironment() {
    assertEquals("arena", MemoryPools.configuredBackend(null, null));
    assertEquals("system", MemoryPools.configuredBackend("system", "arena"));
    assertEquals("system", MemoryPools.configuredBackend(null, "System"));
    assertEquals("arena", MemoryPools.configuredBackend(" ", "arena"));
  }

  @Test
  void unknownConfiguredBackendWarnsAndFallsBack() {
    String log = captureStderr(() -> assertEquals("arena", MemoryPools.configuredBackend("tcmalloc", null)));
    assertTrue(log.contains("tcmalloc") && log.contains("WARN"), log);
  }

  @Test
  void defaultPoolCanBeReplaced() {
    MemoryPool original = MemoryPools.defaultPool();
    MemoryPool proxy = MemoryPools.proxy(MemoryPools.systemPool());
    try {
      MemoryPools.setDefaultPool(proxy);
      assertSame(proxy, MemoryPools.defaultPool());
      try (MutableBuffer buffer = MemoryPools.defaultPool().allocate(10)) {
        assertEquals(64, MemoryPools.totalAllocatedBytes());
      }
      assertEquals(0, MemoryPools.totalAllocatedBytes());
    } finally {
      MemoryPools.setDefaultPool(original);
    }
    assertEquals("pool", assertThrows(NullPointerException.class, () -> MemoryPools.setDefaultPool(null)).getMessage());
  }

  @Test
  void proxyKeepsItsOwnStatisticsAndUsesTheParent() {
    MemoryPool parent = MemoryPools.proxy(MemoryPools.systemPool());
    MemoryPool child = MemoryPools.proxy(parent);
    try (MutableBuffer outside = parent.allocate(64); MutableBuffer inside = child.allocate(128)) {
      assertEquals(128, child.bytesAllocated());
      assertEquals(192, parent.bytesAllocated());
      assertEquals(1, child.numAllocations());
      assertEquals(2, parent.numAllocations());
      assertEquals("system", child.backendName());
    }
    assertEquals(0, parent.bytesAllocated());
    assertEquals("parent", assertThrows(NullPointerException.class, () -> MemoryPools.proxy(null)).getMessage());
  }

  @Test
  void cappedPoolRefusesPastItsLimitAndAllocatesNothing() {
    MemoryPool parent = MemoryPools.proxy(MemoryPools.systemPool());
    MemoryPool capped = MemoryPools.capped(parent, 1000);
    try (MutableBuffer first = capped.allocate(900)) {
      assertEquals(960, capped.bytesAllocated());
      OutOfMemoryException e = assertThrows(OutOfMemoryException.class, () -> capped.allocate(64));
      assertTrue(e.getMessage().contains("1000"), e.getMessage());
      assertEquals(960, capped.bytesAllocated());
      assertEquals(960, parent.bytesAllocated());
    }
    try (ResizableBuffer growing = capped.allocateResizable(500)) {
      growing.setLong(0, 9);
      assertThrows(OutOfMemoryException.class, () -> growing.resize(2000));
      assertEquals(500, growing.size(), "a refused resize leaves the buffer as it was");
      assertEquals(9, growing.getLong(0));
      growing.resize(960);
      assertEquals(960, capped.bytesAllocated(), "up to the limit is fine");
    }
    assertEquals(0, parent.bytesAllocated());
    IllegalArgumentException negative =
        assertThrows(IllegalArgumentException.class, () -> MemoryPools.capped(parent, -5));
    assertTrue(negative.getMessage().contains("-5"));
  }

  @Test
  void loggingPoolLogsEveryOperationAndReportsTheParentsStatistics() {
    MemoryPool parent = MemoryPools.proxy(MemoryPools.systemPool());
    MemoryPool logging = MemoryPools.logging(parent);
    String log = captureStderr(() -> {
      try (ResizableBuffer buffer = logging.allocateResizable(100)) {
        buffer.resize(1000);
        assertEquals(1024, logging.bytesAllocated());
        assertEquals(parent.bytesAllocated(), logging.bytesAllocated());
      }
    });
    assertTrue(log.contains("allocate 128 bytes"), log);
    assertTrue(log.contains("reallocate") && log.contains("from 128 to 1024 bytes"), log);
    assertTrue(log.contains("free 1024 bytes"), log);
    assertEquals(0, logging.bytesAllocated());
  }

  @Test
  void memoryBeanIsPublishedOverJmx() throws Exception {
    try (MutableBuffer buffer = MemoryPools.systemPool().allocate(1)) {
      Object bytes = java.lang.management.ManagementFactory.getPlatformMBeanServer()
          .getAttribute(new javax.management.ObjectName("io.sluice:type=Memory"), "OutstandingBytes");
      assertTrue((Long) bytes >= 64, String.valueOf(bytes));
    }
  }

  private static String captureStderr(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
