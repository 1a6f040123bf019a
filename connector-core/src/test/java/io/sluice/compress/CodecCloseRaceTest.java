package io.sluice.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.io.BufferReader;
import io.sluice.io.CompressedInputStream;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import io.sluice.testing.ChildJvm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10 scenario 7: a codec stream closed on one thread while another is inside {@code read}
 * (or {@code write}). Native decoders free their state in {@code close()}; before the fix brotli
 * crashed the JVM (SIGSEGV in libbrotli), bz2 leaked an NPE text and lz4 a raw AssertionError.
 * Each codec runs in a child JVM: 2 threads, a fixed number of rounds, the close coming at a
 * different point of the read in each round. The only outcome a racing thread may see is a
 * normal end or an {@link IOException} saying "closed"; the pool holds no memory afterwards.
 */
class CodecCloseRaceTest {
  private static final String ROUNDS = "2000";

  @ParameterizedTest
  @ValueSource(strings = {"brotli", "zstd", "snappy", "snappy_hadoop", "lz4", "lz4_hadoop", "bz2", "gzip", "deflate"})
  void closeRacingReadAndWriteOnlyEverSaysClosed(String codec) {
    ChildJvm.Result result = ChildJvm.run(Race.class, List.of("-Dsluice.memory.pool=system"), Duration.ofSeconds(300),
        codec, ROUNDS);
    assertFalse(result.crashed(), result.describe());
    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.lines().contains("unexpected: {}"), result.describe());
    assertTrue(result.lines().contains("pool bytes after: 0"), result.describe());
    // The race really happened: some reads were cut off by the close, some finished first.
    String closedReads = result.lines().stream().filter(line -> line.startsWith("reads failing closed: "))
        .findFirst().orElse("reads failing closed: 0");
    assertTrue(Integer.parseInt(closedReads.substring("reads failing closed: ".length())) > 0, result.describe());
  }

  /** The race, in the child JVM. Prints the outcome counts and every unexpected exception text. */
  public static final class Race {
    public static void main(String[] args) throws Exception {
      Codec codec = Codec.of(args[0]);
      int rounds = Integer.parseInt(args[1]);
      byte[] data = CompressTestData.compressible(256 * 1024, 7);
      byte[] compressed = CompressTestData.compress(codec, data);
      Map<String, Integer> unexpected = new TreeMap<>();
      int[] closedReads = {0};
      int[] closedWrites = {0};
      try (MutableBuffer source = MemoryPools.defaultPool().allocate(compressed.length)) {
        source.setBytes(0, compressed);
        for (int round = 0; round < rounds; round++) {
          int delay = round % 200;
          // Reading: CompressedInputStream over pool memory, and the codec's own stream.
          CompressedInputStream file = new CompressedInputStream(new BufferReader(source), codec);
          race(() -> {
            byte[] chunk = new byte[8192];
            while (file.readInto(chunk, 0, chunk.length) > 0) {
              // keep reading
            }
          }, file::close, delay, closedReads, unexpected);
          InputStream in = codec.decompressingStream(new java.io.ByteArrayInputStream(compressed));
          race(() -> {
            byte[] chunk = new byte[8192];
            while (in.read(chunk, 0, chunk.length) > 0) {
              // keep reading
            }
          }, in::close, delay, closedReads, unexpected);
          // Writing: the codec's compressing stream.
          OutputStream out = codec.compressingStream(new ByteArrayOutputStream());
          race(() -> {
            for (int offset = 0; offset < data.length; offset += 16384) {
              out.write(data, offset, 16384);
            }
          }, out::close, delay, closedWrites, unexpected);
        }
      }
      System.out.println("reads failing closed: " + closedReads[0]);
      System.out.println("writes failing closed: " + closedWrites[0]);
      System.out.println("unexpected: " + unexpected);
      System.out.println("pool bytes after: " + MemoryPools.defaultPool().bytesAllocated());
    }

    interface Action {
      void run() throws Exception;
    }

    private static final CyclicBarrier START = new CyclicBarrier(2);

    /** Runs {@code use} on a second thread and {@code close} here after {@code delay} spins. */
    private static void race(Action use, Action close, int delay, int[] closedCount, Map<String, Integer> unexpected)
        throws Exception {
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread user = new Thread(() -> {
        try {
          START.await();
          use.run();
        } catch (Throwable e) {
          failure.set(e);
        }
      });
      user.start();
      START.await();
      for (int i = 0; i < delay * 50; i++) {
        Thread.onSpinWait();
      }
      close.run();
      user.join();
      Throwable e = failure.get();
      if (e == null) {
        return;
      }
      if (e instanceof IOException && e.getMessage() != null && e.getMessage().contains("closed")) {
        closedCount[0]++;
      } else {
        unexpected.merge(e.getClass().getName() + ": " + e.getMessage(), 1, Integer::sum);
      }
    }
  }
}
