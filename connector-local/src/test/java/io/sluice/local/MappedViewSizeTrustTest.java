package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.memory.Buffer;
import io.sluice.testing.ChildJvm;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mem2: zero-copy reads of a memory map read the clock only every
 * {@link MemoryMappedFile#CLOCK_READ_EVERY_VIEWS} views, trusting the file size {@code fstat} gave
 * for {@link MemoryMappedFile#SIZE_RECHECK_NANOS}. A truncation behind the map's back is therefore
 * noticed, once that time has passed, within that many views (then an IOException naming the
 * file), and a view handed out before it is noticed faults only as the
 * JVM's InternalError when touched, never a crash (child JVM). Shrinking resizes count the buffers
 * still open per region.
 */
class MappedViewSizeTrustTest {
  @TempDir
  Path dir;

  @Test
  void aTruncationIsNoticedWithinTheTrustedViews() throws IOException {
    Path file = dir.resolve("trust.bin");
    Files.write(file, new byte[1 << 20]);
    ChildJvm.Result result = ChildJvm.run(ViewsAfterTruncation.class, List.of(), Duration.ofSeconds(120),
        file.toString(), "count");
    assertFalse(result.crashed(), result.describe());
    assertEquals(0, result.exitCode(), result.describe());
    // One thread, the trusted time over before the views are asked for: the clock is read at the
    // CLOCK_READ_EVERY_VIEWS-th view after the first one's fstat, which refuses it.
    assertEquals(List.of("first view: 8 bytes",
        "IOException naming the file after " + (MemoryMappedFile.CLOCK_READ_EVERY_VIEWS - 1) + " views",
        "after: IOException naming the file"), result.lines(), result.describe());
  }

  /**
   * Touching the trusted views of truncated pages: the JVM's InternalError, never a crash. Where it
   * surfaces is the JVM's business: at the access in interpreted code, or (compiled code) at a later
   * point of the thread, possibly outside the caller's try block; both are accepted here.
   */
  @Test
  void touchingATrustedViewOfTruncatedPagesIsAnInternalErrorNotACrash() throws IOException {
    Path file = dir.resolve("touch.bin");
    Files.write(file, new byte[1 << 20]);
    ChildJvm.Result result = ChildJvm.run(ViewsAfterTruncation.class, List.of(), Duration.ofSeconds(120),
        file.toString(), "touch");
    assertFalse(result.crashed(), result.describe());
    List<String> lines = result.lines();
    assertEquals("first view: 8 bytes", lines.get(0), result.describe());
    boolean caught = lines.stream().anyMatch(line -> line.startsWith("trusted views touched: ")
        && !line.startsWith("trusted views touched: 0 InternalError"));
    boolean surfacedLater = result.exitCode() == 1
        && result.stderr().contains("java.lang.InternalError: a fault occurred in a recent unsafe memory access");
    assertTrue(caught || surfacedLater, result.describe());
  }

  /**
   * args: file (1 MiB), count|touch. Takes one view (the size is checked and trusted), truncates
   * the file to 0 through another handle, then reads 8-byte views of a page now past the end until
   * one is refused; "touch" reads a long from each.
   */
  public static final class ViewsAfterTruncation {
    public static void main(String[] args) throws Exception {
      String path = args[0];
      boolean touch = args[1].equals("touch");
      try (MemoryMappedFile map = MemoryMappedFile.open(path, "r")) {
        try (Buffer first = map.readBufferAt(0, 8)) {
          System.out.println("first view: " + first.size() + " bytes");
        }
        try (RandomAccessFile other = new RandomAccessFile(path, "rw")) {
          other.setLength(0);
        }
        // Wait out the trusted time on the clock the map reads (System.nanoTime), not on a timer.
        long trustOver = System.nanoTime() + 2 * MemoryMappedFile.SIZE_RECHECK_NANOS;
        while (System.nanoTime() - trustOver < 0) {
          Thread.sleep(1);
        }
        int views = 0;
        int internalErrors = 0;
        int noError = 0;
        while (true) {
          Buffer view;
          try {
            view = map.readBufferAt(4096 * 5, 8);
          } catch (IOException e) {
            System.out.println((e.getMessage().contains(path) ? "IOException naming the file" : "IOException: " + e)
                + " after " + views + " views");
            break;
          }
          views++;
          try (view) {
            if (touch) {
              view.getLong(0);
              noError++;
            }
          } catch (InternalError expected) {
            internalErrors++;
          }
          if (views > 100_000) {
            System.out.println("never noticed");
            return;
          }
        }
        if (touch) {
          System.out.println("trusted views touched: " + internalErrors + " InternalError, " + noError + " without");
        }
        try {
          map.readBufferAt(0, 8).close();
          System.out.println("after: a view");
        } catch (IOException e) {
          System.out.println("after: " + (e.getMessage().contains(path) ? "IOException naming the file" : e.toString()));
        }
      }
    }
  }

  @Test
  void shrinkingIsRefusedWhileABufferIsOpenAndAllowedOnceItIsClosed() throws IOException {
    Path file = dir.resolve("shrink.bin");
    Files.write(file, new byte[64 * 1024]);
    try (MemoryMappedFile map = MemoryMappedFile.open(file.toString(), "r+", 16 * 1024)) {
      Buffer inFirstWindow = map.readBufferAt(100, 1000);
      Buffer inThirdWindow = map.readBufferAt(40_000, 1000);
      Buffer ownMapping = map.readBufferAt(1000, 40_000); // longer than a window step: a mapping of its own
      IllegalStateException refused = assertThrows(IllegalStateException.class, () -> map.resize(1000));
      assertEquals("cannot shrink memory map of " + file + " from 65536 to 1000 bytes while 3 buffer(s) read from it"
          + " are still open", refused.getMessage());
      map.resize(128 * 1024); // growing retires the windows; their buffers still count
      inFirstWindow.close();
      ownMapping.close();
      refused = assertThrows(IllegalStateException.class, () -> map.resize(1000));
      assertTrue(refused.getMessage().endsWith("while 1 buffer(s) read from it are still open"), refused.getMessage());
      inThirdWindow.close();
      map.resize(1000);
      assertEquals(1000, map.size());
      assertEquals(1000, Files.size(file));
    }
  }
}
