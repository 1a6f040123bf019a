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
 * mem2: zero-copy reads of a memory map trust the file size {@code fstat} gave for the next
 * {@link MemoryMappedFile#SIZE_RECHECK_VIEWS} views instead of reading the clock per view. A
 * truncation behind the map's back is therefore noticed within that many views (then an
 * IOException naming the file), and a view handed out before it is noticed faults only as the
 * JVM's InternalError when touched, never a crash (child JVM). Shrinking resizes count the buffers
 * still open per region.
 */
class MappedViewSizeTrustTest {
  @TempDir
  Path dir;

  @Test
  void aTruncationIsNoticedWithinTheTrustedViewsAndTrustedViewsNeverCrash() throws IOException {
    Path file = dir.resolve("trust.bin");
    Files.write(file, new byte[1 << 20]);
    ChildJvm.Result result = ChildJvm.run(ViewsAfterTruncation.class, List.of(), Duration.ofSeconds(120), file.toString());
    assertFalse(result.crashed(), result.describe());
    assertEquals(0, result.exitCode(), result.describe());
    List<String> lines = result.lines();
    assertEquals("first view: 8 bytes", lines.get(0), result.describe());
    String noticed = lines.get(1);
    assertTrue(noticed.startsWith("IOException naming the file after "), result.describe());
    int trusted = Integer.parseInt(noticed.substring("IOException naming the file after ".length(), noticed.indexOf(" views")));
    assertTrue(trusted <= MemoryMappedFile.SIZE_RECHECK_VIEWS, result.describe());
    String touched = lines.get(2);
    assertTrue(touched.equals("trusted views touched: " + trusted + " InternalError, 0 other"), result.describe());
    assertEquals("after: IOException naming the file", lines.get(3), result.describe());
  }

  /**
   * args: file (1 MiB). Takes one view (the size is checked and trusted), truncates the file to 0
   * through another handle, then reads 8-byte views until one is refused, touching each one.
   */
  public static final class ViewsAfterTruncation {
    public static void main(String[] args) throws Exception {
      String path = args[0];
      try (MemoryMappedFile map = MemoryMappedFile.open(path, "r")) {
        try (Buffer first = map.readBufferAt(0, 8)) {
          System.out.println("first view: " + first.size() + " bytes");
        }
        try (RandomAccessFile other = new RandomAccessFile(path, "rw")) {
          other.setLength(0);
        }
        int views = 0;
        int internalErrors = 0;
        int other = 0;
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
            view.getLong(0);
            other++;
          } catch (InternalError expected) {
            internalErrors++;
          } catch (Throwable t) {
            other++;
          }
          if (views > 100_000) {
            System.out.println("never noticed");
            return;
          }
        }
        System.out.println("trusted views touched: " + internalErrors + " InternalError, " + other + " other");
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
