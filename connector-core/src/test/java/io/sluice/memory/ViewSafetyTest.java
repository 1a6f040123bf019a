package io.sluice.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.sluice.testing.ChildJvm;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10, scenarios 1-4: a {@code ByteBuffer} view of pool memory used after the buffer was closed
 * or moved by a resize must neither crash the JVM nor see or change another allocation's bytes
 * (API.md Memory, v0.2). Each scenario runs in a child JVM, because before the fix they killed it.
 */
class ViewSafetyTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(180);
  private static final long SYSTEM_SIZE = 256L << 20;

  /** Scenarios 1 and 4: read and write through a view after close, then allocate the same size again. */
  @ParameterizedTest
  @CsvSource({"system, 268435456, asByteBuffer", "system, 268435456, asByteBuffers", "arena, 64, asByteBuffer",
      "arena, 64, asByteBuffers", "system, 64, asByteBuffer", "arena, 4096, asByteBuffer", "arena, 4194304, asByteBuffer"})
  void aViewUsedAfterCloseReadsItsOwnBytesAndNeverTouchesTheNextAllocation(String pool, long size, String how) {
    ChildJvm.Result result = ChildJvm.run(UseAfterClose.class, List.of("-Xmx512m"), TIMEOUT, pool,
        Long.toString(size), how);
    assertFalse(result.crashed(), result.describe());
    assertEquals(List.of("view 1111111111111111 1111111111111111", "view after next allocation 1111111111111111",
        "next 2222222222222222 2222222222222222", "view after write 4141414141414141", "done"),
        result.lines(), result.describe());
    assertEquals(0, result.exitCode(), result.describe());
  }

  /** Scenario 2: a resize that moves the memory leaves the old view on the old bytes, never freed under it. */
  @ParameterizedTest
  @CsvSource({"system, 268435456, 536870912", "arena, 64, 1048576", "arena, 4096, 65536", "system, 64, 4096"})
  void aViewOfMemoryThatAResizeMovedStaysOnTheOldBytes(String pool, long size, long newSize) {
    ChildJvm.Result result = ChildJvm.run(ViewAfterMovingResize.class, List.of("-Xmx512m"), TIMEOUT, pool,
        Long.toString(size), Long.toString(newSize));
    assertFalse(result.crashed(), result.describe());
    assertEquals(List.of("resized 1111111111111111", "view 1111111111111111 1111111111111111",
        "next 2222222222222222", "view after close 1111111111111111", "done"), result.lines(), result.describe());
    assertEquals(0, result.exitCode(), result.describe());
  }

  /** Scenario 3: one thread writes through a view in a loop while another closes the buffer. */
  @ParameterizedTest
  @CsvSource({"system, 268435456, 3", "arena, 64, 200000", "arena, 65536, 2000"})
  void aWriterLoopingOverAViewWhileTheBufferIsClosedNeitherCrashesNorCorrupts(String pool, long size, int passes) {
    ChildJvm.Result result = ChildJvm.run(WriterRacesClose.class, List.of("-Xmx512m"), TIMEOUT, pool,
        Long.toString(size), Integer.toString(passes));
    assertFalse(result.crashed(), result.describe());
    assertEquals(List.of("writer finished " + passes + " passes", "corrupted allocations 0", "done"),
        result.lines(), result.describe());
    assertEquals(0, result.exitCode(), result.describe());
  }

  /** Stress: view creation racing close, 2 threads, a fixed number of rounds. */
  @ParameterizedTest
  @ValueSource(strings = {"arena", "system"})
  void viewCreationRacingCloseNeverHandsOutAViewOfReusedMemory(String pool) {
    ChildJvm.Result result = ChildJvm.run(ViewCreationRacesClose.class, List.of("-Xmx256m"), TIMEOUT, pool, "20000");
    assertFalse(result.crashed(), result.describe());
    assertEquals(List.of("rounds 20000", "stale views that saw other bytes 0", "done"), result.lines(),
        result.describe());
    assertEquals(0, result.exitCode(), result.describe());
  }

  /** Stress: a write through a view racing close, 2 threads, a fixed number of rounds. */
  @ParameterizedTest
  @ValueSource(strings = {"arena", "system"})
  void writesRacingCloseNeverLandInTheNextAllocation(String pool) {
    ChildJvm.Result result = ChildJvm.run(WriteRacesCloseRounds.class, List.of("-Xmx256m"), TIMEOUT, pool, "20000");
    assertFalse(result.crashed(), result.describe());
    assertEquals(List.of("rounds 20000", "corrupted allocations 0", "done"), result.lines(), result.describe());
    assertEquals(0, result.exitCode(), result.describe());
  }

  static ByteBuffer view(MutableBuffer buffer, String how) {
    return how.equals("asByteBuffers") ? buffer.asByteBuffers().get(0) : buffer.asByteBuffer();
  }

  static String hex(long value) {
    return String.format("%016X", value);
  }

  /** args: pool, size, asByteBuffer|asByteBuffers. */
  public static final class UseAfterClose {
    public static void main(String[] args) {
      MemoryPool pool = MemoryPools.forBackend(args[0]);
      int size = Integer.parseInt(args[1]);
      MutableBuffer buffer = pool.allocate(size);
      buffer.fill((byte) 0x11);
      ByteBuffer view = view(buffer, args[2]);
      buffer.close();
      System.out.println("view " + hex(view.getLong(0)) + " " + hex(view.getLong(size - 8)));
      MutableBuffer next = pool.allocate(size);
      next.fill((byte) 0x22);
      System.out.println("view after next allocation " + hex(view.getLong(0)));
      view.putLong(0, 0x4141414141414141L);
      view.putLong(size - 8, 0x4141414141414141L);
      System.out.println("next " + hex(next.getLong(0)) + " " + hex(next.getLong(size - 8)));
      System.out.println("view after write " + hex(view.getLong(0)));
      next.close();
      System.out.println("done");
    }
  }

  /** args: pool, size, newSize. */
  public static final class ViewAfterMovingResize {
    public static void main(String[] args) {
      MemoryPool pool = MemoryPools.forBackend(args[0]);
      int size = Integer.parseInt(args[1]);
      ResizableBuffer buffer = pool.allocateResizable(size);
      buffer.fill((byte) 0x11);
      ByteBuffer view = buffer.asByteBuffer();
      buffer.resize(Long.parseLong(args[2]));
      System.out.println("resized " + hex(buffer.getLong(size - 8)));
      System.out.println("view " + hex(view.getLong(0)) + " " + hex(view.getLong(size - 8)));
      MutableBuffer next = pool.allocate(size);
      next.fill((byte) 0x22);
      view.putLong(0, 0x4141414141414141L);
      System.out.println("next " + hex(next.getLong(0)));
      next.close();
      buffer.close();
      System.out.println("view after close " + hex(view.getLong(size - 8)));
      System.out.println("done");
    }
  }

  /** args: pool, size, passes. The writer fills the whole view {@code passes} times. */
  public static final class WriterRacesClose {
    public static void main(String[] args) throws Exception {
      MemoryPool pool = MemoryPools.forBackend(args[0]);
      int size = Integer.parseInt(args[1]);
      int passes = Integer.parseInt(args[2]);
      MutableBuffer buffer = pool.allocate(size);
      ByteBuffer view = buffer.asByteBuffer();
      CountDownLatch started = new CountDownLatch(1);
      Thread writer = new Thread(() -> {
        for (int pass = 0; pass < passes; pass++) {
          for (int i = 0; i + 8 <= size; i += 8) {
            view.putLong(i, 0x4141414141414141L);
          }
          started.countDown();
        }
      });
      writer.start();
      started.await();
      buffer.close();
      long corrupted = 0;
      while (writer.isAlive()) {
        try (MutableBuffer next = pool.allocate(size)) {
          next.fill((byte) 0x22);
          for (int i = 0; i + 8 <= size; i += 8) {
            if (next.getLong(i) != 0x2222222222222222L) {
              corrupted++;
              break;
            }
          }
        }
      }
      writer.join();
      System.out.println("writer finished " + passes + " passes");
      System.out.println("corrupted allocations " + corrupted);
      System.out.println("done");
    }
  }

  /** args: pool, rounds. Thread B closes while thread A asks for a view; a view A got must show A's bytes. */
  public static final class ViewCreationRacesClose {
    public static void main(String[] args) throws Exception {
      MemoryPool pool = MemoryPools.forBackend(args[0]);
      int rounds = Integer.parseInt(args[1]);
      CyclicBarrier barrier = new CyclicBarrier(2);
      MutableBuffer[] current = new MutableBuffer[1];
      AtomicLong stale = new AtomicLong();
      Thread viewer = new Thread(() -> {
        try {
          for (int round = 0; round < rounds; round++) {
            barrier.await();
            ByteBuffer view = null;
            try {
              view = current[0].asByteBuffer();
            } catch (IllegalStateException closedFirst) {
              // the close won: no view, which is a safe outcome
            }
            barrier.await();
            // The closer has now closed the buffer and filled a new allocation of the same size.
            if (view != null && view.getLong(0) != 0x1111111111111111L) {
              stale.incrementAndGet();
            }
            barrier.await();
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      viewer.start();
      for (int round = 0; round < rounds; round++) {
        MutableBuffer buffer = pool.allocate(64);
        buffer.fill((byte) 0x11);
        current[0] = buffer;
        barrier.await();
        buffer.close();
        MutableBuffer next = pool.allocate(64);
        next.fill((byte) 0x22);
        barrier.await();
        barrier.await();
        next.close();
      }
      viewer.join();
      System.out.println("rounds " + rounds);
      System.out.println("stale views that saw other bytes " + stale.get());
      System.out.println("done");
    }
  }

  /** args: pool, rounds. Thread A writes through a view while thread B closes and allocates again. */
  public static final class WriteRacesCloseRounds {
    public static void main(String[] args) throws Exception {
      MemoryPool pool = MemoryPools.forBackend(args[0]);
      int rounds = Integer.parseInt(args[1]);
      CyclicBarrier barrier = new CyclicBarrier(2);
      ByteBuffer[] views = new ByteBuffer[1];
      Thread writer = new Thread(() -> {
        try {
          for (int round = 0; round < rounds; round++) {
            barrier.await();
            ByteBuffer view = views[0];
            for (int i = 0; i < 64; i += 8) {
              view.putLong(i, 0x4141414141414141L);
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
        views[0] = buffer.asByteBuffer();
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
      System.out.println("corrupted allocations " + corrupted);
      System.out.println("done");
    }
  }
}
