package io.sluice.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.ChildJvm;
import io.sluice.testing.GarbageCollection;
import io.sluice.testing.MemoryLeakExtension;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How memory under a reachable {@code ByteBuffer} view is accounted: released at once (so the leak
 * extension and {@code bytesAllocated} see it gone), shown as deferred until the view is collected.
 */
class DeferredReleaseTest {

  @ParameterizedTest
  @ValueSource(strings = {"arena", "system"})
  void closingABufferWithAViewAccountsAtOnceAndDefersTheFree(String backend) throws InterruptedException {
    MemoryPool pool = MemoryPools.proxy(MemoryPools.forBackend(backend));
    long outstandingBefore = MemoryLeakExtension.outstandingBytes();
    MutableBuffer buffer = pool.allocate(100);
    buffer.setLong(0, 77);
    ByteBuffer view = buffer.asByteBuffer();
    buffer.close();
    assertEquals(0, pool.bytesAllocated());
    assertEquals(128, pool.deferredBytes());
    assertTrue(pool.stats().contains("deferredBytes=128"), pool.stats());
    assertEquals(outstandingBefore, MemoryLeakExtension.outstandingBytes(), "the leak extension sees it released");
    assertTrue(MemoryPools.memoryBean().getDeferredBytes() >= 128);
    assertEquals(77, view.getLong(0), "the view still reads its own bytes");
    view = null;
    awaitZero(pool::deferredBytes);
  }

  @Test
  void aBufferWithoutViewsIsFreedAtOnce() {
    MemoryPool pool = MemoryPools.proxy(MemoryPools.systemPool());
    MutableBuffer buffer = pool.allocate(64);
    buffer.slice(0, 8).setLong(0, 1);
    buffer.close();
    assertEquals(0, pool.bytesAllocated());
    assertEquals(0, pool.deferredBytes());
  }

  @Test
  void everyViewOfABlockSharesOneDeferral() throws InterruptedException {
    MemoryPool pool = MemoryPools.proxy(MemoryPools.forBackend("arena"));
    MutableBuffer buffer = pool.allocate(4096);
    buffer.fill((byte) 0); // pool memory is not zeroed: an arena block may hold an earlier test's bytes
    ByteBuffer first = buffer.asByteBuffer();
    ByteBuffer second = buffer.slice(1024, 1024).asByteBuffer();
    List<ByteBuffer> chunks = buffer.asByteBuffers();
    buffer.close();
    assertEquals(4096, pool.deferredBytes());
    first.put(0, (byte) 5);
    assertEquals(5, chunks.get(0).get(0));
    first = null;
    chunks = null;
    assertEquals(0, second.get(0));
    second = null;
    awaitZero(pool::deferredBytes);
  }

  @Test
  void aViewCannotBeMadeAfterClose() {
    MutableBuffer buffer = MemoryPools.systemPool().allocate(64);
    buffer.asByteBuffer();
    MutableBuffer slice = buffer.slice(0, 8);
    buffer.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, slice::asByteBuffer);
    assertTrue(e.getMessage().startsWith("buffer was released: MutableBuffer(size=8"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"arena", "system"})
  void aResizeOfABufferWithAViewCopiesAndDefersTheOldBlock(String backend) throws InterruptedException {
    MemoryPool pool = MemoryPools.proxy(MemoryPools.forBackend(backend));
    try (ResizableBuffer buffer = pool.allocateResizable(1088)) {
      buffer.setLong(0, 42);
      long before = buffer.address();
      ByteBuffer view = buffer.asByteBuffer();
      buffer.resize(2000); // 1088 -> 2048: the arena could have kept the same 2 KiB block
      assertNotEquals(before, buffer.address(), "a block with a view never changes under it");
      assertEquals(2048, buffer.capacity());
      assertEquals(2048, pool.bytesAllocated());
      assertEquals(1088, pool.deferredBytes());
      assertEquals(42, buffer.getLong(0), "content is preserved");
      view.putLong(0, 43);
      assertEquals(42, buffer.getLong(0), "the old view writes only the old block");
      ByteBuffer newView = buffer.asByteBuffer();
      assertEquals(2000, newView.capacity());
      assertEquals(42, newView.getLong(0));
      view = null;
      awaitZero(pool::deferredBytes);
    }
  }

  @Test
  void aResizeWithoutViewsMayStayInPlace() {
    MemoryPool pool = MemoryPools.proxy(MemoryPools.forBackend("arena"));
    try (ResizableBuffer buffer = pool.allocateResizable(1088)) {
      MutableBuffer slice = buffer.slice(0, 8);
      long before = buffer.address();
      buffer.resize(2000);
      assertEquals(before, buffer.address());
      slice.setLong(0, 9);
      assertEquals(9, buffer.getLong(0), "a slice survives an in-place resize");
      assertEquals(2000, buffer.asByteBuffer().capacity(), "views work after an in-place resize");
    }
  }

  @Test
  void aResizeThatFailsKeepsTheBufferUsable() {
    MemoryPool pool = MemoryPools.capped(MemoryPools.systemPool(), 4096);
    try (ResizableBuffer buffer = pool.allocateResizable(1024)) {
      ByteBuffer view = buffer.asByteBuffer();
      assertThrows(OutOfMemoryException.class, () -> buffer.resize(8192));
      assertEquals(1024, buffer.capacity());
      buffer.setLong(0, 3);
      assertEquals(3, view.getLong(0));
      assertEquals(1024, buffer.asByteBuffer().capacity());
    }
    assertEquals(0, pool.bytesAllocated());
  }

  @Test
  void deferredMemoryDoesNotCountAgainstACap() throws InterruptedException {
    MemoryPool pool = MemoryPools.capped(MemoryPools.systemPool(), 4096);
    MutableBuffer buffer = pool.allocate(4096);
    ByteBuffer view = buffer.asByteBuffer();
    buffer.close();
    pool.allocate(4096).close();
    assertEquals(4096, pool.deferredBytes());
    assertEquals(0, view.getInt(0) & 0);
    view = null;
    awaitZero(pool::deferredBytes);
  }

  @Test
  void aCollectedRootWithALiveViewIsFreedOnlyAfterTheView() throws InterruptedException {
    MemoryPool pool = MemoryPools.proxy(MemoryPools.forBackend("arena"));
    MutableBuffer root = pool.allocate(64);
    root.setLong(0, 5);
    ByteBuffer view = root.asByteBuffer();
    root = null;
    awaitZero(pool::bytesAllocated);
    assertEquals(64, pool.deferredBytes());
    assertEquals(5, view.getLong(0));
    view = null;
    awaitZero(pool::deferredBytes);
  }

  // ---------------------------------------------------------------- foreign memory with a release action

  @Test
  void aForeignBufferRunsItsReleaseActionOnceAtClose() {
    try (MutableBuffer memory = MemoryPools.systemPool().allocate(64)) {
      AtomicInteger released = new AtomicInteger();
      Buffer foreign = Buffer.foreign(memory.address(), 64, memory, released::incrementAndGet);
      Buffer slice = foreign.slice(8, 8);
      foreign.close();
      foreign.close();
      assertEquals(1, released.get());
      assertThrows(IllegalStateException.class, () -> slice.getLong(0));
    }
  }

  @Test
  void aForeignBufferWithAViewRunsItsReleaseActionWhenTheViewIsGone() throws InterruptedException {
    try (MutableBuffer memory = MemoryPools.systemPool().allocate(64)) {
      memory.setLong(0, 11);
      AtomicInteger released = new AtomicInteger();
      MutableBuffer foreign = MutableBuffer.foreign(memory.address(), 64, memory, released::incrementAndGet);
      ByteBuffer view = foreign.asByteBuffer();
      assertFalse(view.isReadOnly());
      foreign.close();
      assertEquals(0, released.get());
      assertEquals(11, view.getLong(0));
      view = null;
      awaitZero(() -> 1 - released.get());
      assertEquals(1, released.get());
    }
  }

  @Test
  void anUnclosedForeignBufferRunsItsReleaseActionAfterGarbageCollection() throws InterruptedException {
    AtomicInteger released = new AtomicInteger();
    try (MutableBuffer memory = MemoryPools.systemPool().allocate(64)) {
      Buffer foreign = Buffer.foreign(memory.address(), 64, memory, released::incrementAndGet);
      assertEquals(0, foreign.getLong(0) & 0);
      foreign = null;
      awaitZero(() -> 1 - released.get());
    }
  }

  @Test
  void aSliceWithAReleaseIsAViewWithALifetimeOfItsOwn() throws InterruptedException {
    try (MutableBuffer memory = MemoryPools.systemPool().allocate(64)) {
      memory.setLong(8, 21);
      AtomicInteger released = new AtomicInteger();
      MutableBuffer view = memory.slice(8, 16, released::incrementAndGet);
      assertEquals(memory, view.parent());
      assertEquals(21, view.getLong(0));
      MutableBuffer inner = view.slice(0, 8);
      ByteBuffer bytes = view.asByteBuffer();
      view.close();
      assertThrows(IllegalStateException.class, () -> inner.getLong(0));
      assertEquals(21, memory.getLong(8), "closing the view leaves its parent alone");
      assertEquals(0, released.get(), "a ByteBuffer view is still reachable");
      assertEquals(21, bytes.getLong(0));
      bytes = null;
      awaitZero(() -> 1 - released.get());
    }
  }

  @Test
  void aForeignBufferNeedsAnAction() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> Buffer.foreign(64, 8, null, null));
    assertEquals("onRelease", e.getMessage());
  }

  // ---------------------------------------------------------------- logMemoryAllocations

  @Test
  void logMemoryAllocationsSwitchesLoggingOfTheDefaultPoolOnAndOff() {
    ChildJvm.Result result = ChildJvm.run(LogSwitch.class, List.of("-Dsluice.memory.pool=system"),
        Duration.ofSeconds(60));
    assertEquals(0, result.exitCode(), result.describe());
    List<String> logged = result.stderr().lines().filter(line -> line.contains("LoggingMemoryPool")).toList();
    assertEquals(3, logged.size(), result.describe());
    assertTrue(logged.get(0).matches(".*INFO io.sluice.memory.LoggingMemoryPool - allocate 1024 bytes at 0x[0-9a-f]+ \\(system\\)"),
        logged.get(0));
    assertTrue(logged.get(1).matches(".* - reallocate 0x[0-9a-f]+ from 1024 to 2048 bytes at 0x[0-9a-f]+ \\(system\\)"),
        logged.get(1));
    assertTrue(logged.get(2).matches(".* - free 2048 bytes at 0x[0-9a-f]+ \\(system\\)"), logged.get(2));
    assertEquals(List.of("done"), result.lines(), result.describe());
  }

  /** Allocates with logging off, on, and off again; only the middle part may be logged. */
  public static final class LogSwitch {
    public static void main(String[] args) {
      MemoryPools.defaultPool().allocate(64).close();
      MemoryPools.logMemoryAllocations(true);
      try (ResizableBuffer buffer = MemoryPools.defaultPool().allocateResizable(1000)) {
        buffer.resize(2000);
      }
      MemoryPools.logMemoryAllocations(false);
      MemoryPools.defaultPool().allocate(64).close();
      System.out.println("done");
    }
  }

  private static void awaitZero(LongSupplier value) throws InterruptedException {
    assertEquals(0, GarbageCollection.collectUntilZero(value), "memory did not come back after garbage collection");
  }
}
