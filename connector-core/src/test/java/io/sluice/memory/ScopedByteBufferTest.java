package io.sluice.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.io.JavaFile;
import io.sluice.testing.ChildJvm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scoped views (Sluice's own IO): they pin the memory for the length of a call instead of deferring
 * it to the garbage collector, and a close inside the scope gives the memory back at the scope's end.
 */
class ScopedByteBufferTest {
  /** Sluice's permission for scoped views of buffers during one IO call. */
  private static final ScopedByteBuffer.Access SCOPES = ScopedByteBuffer.access();


  @ParameterizedTest
  @ValueSource(strings = {"arena", "system"})
  void aBufferClosedAfterAScopedViewIsFreedAtOnceNotDeferred(String backend) {
    MemoryPool pool = MemoryPools.proxy(MemoryPools.forBackend(backend));
    MutableBuffer buffer = pool.allocate(100);
    try (ScopedByteBuffer scope = ScopedByteBuffer.of(SCOPES, buffer)) {
      scope.view().putLong(8, 0x1122334455667788L);
    }
    assertEquals(0x1122334455667788L, buffer.getLong(8));
    buffer.close();
    assertEquals(0, pool.bytesAllocated());
    assertEquals(0, pool.deferredBytes());
  }

  @ParameterizedTest
  @ValueSource(strings = {"arena", "system"})
  void aCloseInsideTheScopeGivesTheMemoryBackWhenTheScopeEnds(String backend) {
    MemoryPool pool = MemoryPools.proxy(MemoryPools.forBackend(backend));
    MutableBuffer buffer = pool.allocate(100);
    ScopedByteBuffer scope = ScopedByteBuffer.of(SCOPES, buffer, 0, 64);
    ByteBuffer view = scope.view();
    buffer.close();
    assertTrue(buffer.isReleased());
    assertEquals(128, pool.bytesAllocated(), "still pinned by the call in progress");
    view.putLong(0, 0x4141414141414141L); // the call in progress still owns the memory
    assertEquals(0x4141414141414141L, view.getLong(0));
    scope.close();
    assertEquals(0, pool.bytesAllocated());
    assertEquals(0, pool.deferredBytes());
    scope.close(); // idempotent: does not give the block back twice
    assertEquals(0, pool.bytesAllocated());
    IllegalStateException e = assertThrows(IllegalStateException.class, scope::view);
    assertTrue(e.getMessage().startsWith("scoped view was closed: MutableBuffer(size=100"), e.getMessage());
  }

  @Test
  void aBlockWithACallersViewIsDeferredOnlyAfterTheScopeEnds() {
    MemoryPool pool = MemoryPools.proxy(MemoryPools.systemPool());
    MutableBuffer buffer = pool.allocate(64);
    ByteBuffer kept = buffer.asByteBuffer();
    ScopedByteBuffer scope = ScopedByteBuffer.of(SCOPES, buffer);
    buffer.close();
    assertEquals(64, pool.bytesAllocated(), "pinned: not even accounted yet");
    assertEquals(0, pool.deferredBytes());
    scope.close();
    assertEquals(0, pool.bytesAllocated());
    assertEquals(64, pool.deferredBytes(), "the caller's view still holds it");
    kept.putLong(0, 5);
    assertEquals(5, kept.getLong(0));
  }

  @Test
  void twoScopesOfOneBlockGiveItBackOnlyAfterTheLast() {
    MemoryPool pool = MemoryPools.proxy(MemoryPools.systemPool());
    MutableBuffer buffer = pool.allocate(64);
    ScopedByteBuffer first = ScopedByteBuffer.of(SCOPES, buffer, 0, 32);
    ScopedByteBuffer second = ScopedByteBuffer.of(SCOPES, buffer.slice(32, 32));
    buffer.close();
    first.close();
    assertEquals(64, pool.bytesAllocated());
    second.close();
    assertEquals(0, pool.bytesAllocated());
  }

  @Test
  void aScopeOfAReleasedOrClosedBufferIsRefused() {
    MutableBuffer buffer = MemoryPools.systemPool().allocate(64);
    MutableBuffer slice = buffer.slice(0, 8);
    slice.close();
    IllegalStateException closed = assertThrows(IllegalStateException.class, () -> ScopedByteBuffer.of(SCOPES, slice));
    assertEquals("buffer was closed: " + slice, closed.getMessage());
    MutableBuffer other = buffer.slice(8, 8);
    buffer.close();
    IllegalStateException closedRoot = assertThrows(IllegalStateException.class, () -> ScopedByteBuffer.of(SCOPES, buffer));
    assertEquals("buffer was closed: " + buffer, closedRoot.getMessage());
    IllegalStateException released = assertThrows(IllegalStateException.class, () -> ScopedByteBuffer.of(SCOPES, other));
    assertEquals("buffer was released: " + other, released.getMessage());
  }

  @Test
  void aScopeOutsideTheBufferIsRefusedAndHoldsNothing() {
    MemoryPool pool = MemoryPools.proxy(MemoryPools.systemPool());
    MutableBuffer buffer = pool.allocate(64);
    IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> ScopedByteBuffer.of(SCOPES, buffer, 60, 8));
    assertTrue(e.getMessage().contains("60"), e.getMessage());
    buffer.close();
    assertEquals(0, pool.bytesAllocated(), "the failed scope left no pin behind");
  }

  @Test
  void aReadOnlyBufferGivesAReadOnlyView() {
    MutableBuffer buffer = MemoryPools.systemPool().allocate(16);
    buffer.setLong(0, 7);
    Buffer readOnly = Buffer.foreign(buffer.address(), 16, buffer);
    try (ScopedByteBuffer scope = ScopedByteBuffer.of(SCOPES, readOnly)) {
      assertTrue(scope.view().isReadOnly());
      assertEquals(7, scope.view().getLong(0));
    } finally {
      buffer.close();
    }
  }

  @Test
  void aResizeThatMovesAPinnedBlockFreesTheOldBlockWhenTheScopeEnds() {
    MemoryPool pool = MemoryPools.proxy(MemoryPools.systemPool());
    ResizableBuffer buffer = pool.allocateResizable(64);
    buffer.setLong(0, 99);
    ScopedByteBuffer scope = ScopedByteBuffer.of(SCOPES, buffer);
    buffer.resize(1 << 20);
    assertEquals(99, buffer.getLong(0));
    assertEquals(64 + (1 << 20), pool.bytesAllocated(), "the old block waits for the scope");
    assertEquals(99, scope.view().getLong(0));
    scope.close();
    assertEquals(1 << 20, pool.bytesAllocated());
    buffer.close();
    assertEquals(0, pool.bytesAllocated());
    assertEquals(0, pool.deferredBytes());
  }

  /** Sluice's own IO (readInto, write) used to anchor every buffer it touched: closing it deferred the block. */
  @ParameterizedTest
  @ValueSource(strings = {"arena", "system"})
  void readIntoAndWriteDoNotDeferTheBuffer(String backend) throws Exception {
    MemoryPool pool = MemoryPools.proxy(MemoryPools.forBackend(backend));
    MutableBuffer buffer = pool.allocate(4096);
    try (JavaFile in = new JavaFile(new ByteArrayInputStream(new byte[4096]))) {
      assertEquals(4096, in.readInto(buffer));
    }
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (JavaFile out = new JavaFile(sink)) {
      assertEquals(4096, out.write(buffer));
    }
    assertEquals(4096, sink.size());
    buffer.close();
    assertEquals(0, pool.bytesAllocated());
    assertEquals(0, pool.deferredBytes(), "no ByteBuffer view escaped Sluice's own IO");
  }

  /** Stress: a write through a scoped view racing close, 2 threads, a fixed number of rounds. */
  @ParameterizedTest
  @ValueSource(strings = {"arena", "system"})
  void scopedWritesRacingCloseNeverLandInTheNextAllocation(String pool) {
    ChildJvm.Result result = ChildJvm.run(ScopedWriteRacesClose.class, List.of("-Xmx256m"), Duration.ofSeconds(180),
        pool, "20000");
    assertFalse(result.crashed(), result.describe());
    List<String> lines = result.lines();
    assertEquals(4, lines.size(), result.describe());
    assertEquals("rounds 20000", lines.get(0), result.describe());
    assertTrue(lines.get(1).matches("refused scopes \\d+ of 20000"), result.describe());
    assertEquals(List.of("corrupted allocations 0", "done"), lines.subList(2, 4), result.describe());
    assertEquals(0, result.exitCode(), result.describe());
  }

  /** args: pool, rounds. Thread A writes through a scoped view while thread B closes and allocates again. */
  public static final class ScopedWriteRacesClose {
    public static void main(String[] args) throws Exception {
      MemoryPool pool = MemoryPools.forBackend(args[0]);
      int rounds = Integer.parseInt(args[1]);
      CyclicBarrier barrier = new CyclicBarrier(2);
      MutableBuffer[] buffers = new MutableBuffer[1];
      int[] refused = new int[1];
      Thread writer = new Thread(() -> {
        try {
          for (int round = 0; round < rounds; round++) {
            barrier.await();
            try (ScopedByteBuffer scope = ScopedByteBuffer.of(SCOPES, buffers[0])) {
              ByteBuffer view = scope.view();
              for (int i = 0; i < 64; i += 8) {
                view.putLong(i, 0x4141414141414141L);
              }
            } catch (IllegalStateException closedFirst) {
              refused[0]++;
            }
            barrier.await();
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      writer.start();
      long corrupted = 0;
      for (int round = 0; round < rounds; round++) {
        MutableBuffer buffer = pool.allocate(64);
        buffers[0] = buffer;
        barrier.await();
        buffer.close();
        MutableBuffer next = pool.allocate(64);
        next.fill((byte) 0x22);
        barrier.await();
        // The writer is done with this round: next must still hold only what this thread wrote.
        for (int i = 0; i < 64; i += 8) {
          if (next.getLong(i) != 0x2222222222222222L) {
            corrupted++;
            break;
          }
        }
        next.close();
      }
      writer.join();
      System.out.println("rounds " + rounds);
      System.out.println("refused scopes " + refused[0] + " of " + rounds);
      System.out.println("corrupted allocations " + corrupted);
      System.out.println("done");
    }
  }
}
