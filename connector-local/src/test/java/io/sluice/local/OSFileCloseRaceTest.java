package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.memory.Buffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: closing an {@link OSFile} while another thread is in {@code readAt}, {@code readBufferAt} or
 * {@code readInto}.
 * Before, the reader saw {@code AsynchronousCloseException} / {@code ClosedChannelException} with a
 * null message; now every exception it sees is an {@link IOException} saying "closed" and naming the
 * file. 2 threads, 3,000 rounds, the close landing at a different point each round.
 */
class OSFileCloseRaceTest {
  private static final int ROUNDS = 3000;
  @TempDir Path dir;

  @Test
  void everyExceptionARacingReaderSeesSaysClosedAndNamesTheFile() throws Exception {
    Path file = dir.resolve("raced.bin");
    byte[] content = new byte[1 << 20];
    new Random(1).nextBytes(content);
    Files.write(file, content);
    CyclicBarrier start = new CyclicBarrier(2);
    Map<String, Integer> outcomes = new TreeMap<>();
    for (int round = 0; round < ROUNDS; round++) {
      OSFile osFile = new OSFile(file.toString(), "rb");
      int kind = round % 3; // readAt, readBufferAt, readInto
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread reader = new Thread(() -> {
        try {
          start.await();
          byte[] chunk = new byte[4096];
          Random random = new Random(7);
          while (true) { // until the close stops it
            if (kind == 0) {
              assertEquals(4096, osFile.readAt(random.nextInt(content.length - 4096), 4096).length);
            } else if (kind == 1) {
              try (Buffer buffer = osFile.readBufferAt(random.nextInt(content.length - 4096), 4096)) {
                assertEquals(4096, buffer.size());
              }
            } else if (osFile.readInto(chunk, 0, chunk.length) <= 0) {
              osFile.seek(0);
            }
          }
        } catch (Throwable e) {
          failure.set(e);
        }
      });
      reader.start();
      start.await();
      for (int i = 0; i < (round % 100) * 200; i++) {
        Thread.onSpinWait();
      }
      osFile.close();
      reader.join();
      Throwable e = failure.get();
      String outcome = e.getClass().getName() + ": " + e.getMessage();
      boolean expected = e.getClass() == IOException.class && e.getMessage() != null
          && e.getMessage().contains("closed") && e.getMessage().contains(file.toString());
      outcomes.merge(expected ? "IOException saying closed, naming the file" : outcome, 1, Integer::sum);
    }
    assertEquals(Map.of("IOException saying closed, naming the file", ROUNDS), outcomes);
  }

  @Test
  void theMessagesSayWhatHappened() throws Exception {
    Path file = dir.resolve("closed.bin");
    Files.write(file, new byte[100]);
    OSFile osFile = new OSFile(file.toString(), "rb");
    osFile.close();
    IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> osFile.readBufferAt(0, 10));
    assertEquals("I/O operation on closed file " + file, e.getMessage());
    assertTrue(osFile.toString().endsWith(", closed)"), osFile.toString());
  }
}
