package io.sluice.hdfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.io.CacheOptions;
import io.sluice.io.Range;
import io.sluice.memory.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On HDFS without a local replica, the ranges of one {@code readRanges} / {@code readRangesAsync}
 * call are read at the same time. Shown without timing: every remote read waits (bounded) until
 * four reads are in flight together; read one after another, none would ever see a second.
 */
class ConcurrentRangeReadTest {
  @RegisterExtension
  static final MiniHdfsExtension HDFS = MiniHdfsExtension.shared(new MiniHdfs.Settings(1, true));

  private static final String PATH = "/ranges/data.bin";
  private static final byte[] DATA = TestData.random(3 * MiniHdfs.BLOCK_SIZE + 777, 7);
  private static final int RANGES = 4;

  @BeforeAll
  static void writeData() throws Exception {
    try (FileSystem fs = HDFS.hdfs().hadoopClient()) {
      TestData.write(fs, PATH, DATA);
    }
  }

  /** Ranges far enough apart that no two are merged into one read. */
  private static List<Range> scattered() {
    List<Range> ranges = new ArrayList<>();
    long step = DATA.length / RANGES;
    for (int i = RANGES - 1; i >= 0; i--) { // caller's order is not file order
      ranges.add(Range.of(i * step + 11, 5000 + i));
    }
    return ranges;
  }

  /** Counts reads in flight; each read waits until {@code RANGES} are in flight (or gives up after a minute). */
  static class OverlapWatcher implements HdfsReadableFile.RemoteReadObserver {
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicInteger started = new AtomicInteger();
    final CountDownLatch allStarted = new CountDownLatch(RANGES);
    volatile boolean sawAllTogether = true;

    @Override
    public void started(long offset, long length) {
      started.incrementAndGet();
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      allStarted.countDown();
      try {
        if (!allStarted.await(60, TimeUnit.SECONDS)) {
          sawAllTogether = false; // serial reads end up here: the others never start while this one waits
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        sawAllTogether = false;
      }
    }

    @Override
    public void finished(long offset, long length) {
      inFlight.decrementAndGet();
    }
  }

  private static void assertRanges(List<Range> ranges, List<Buffer> buffers) {
    assertEquals(ranges.size(), buffers.size());
    for (int i = 0; i < ranges.size(); i++) {
      Range range = ranges.get(i);
      assertArrayEquals(Arrays.copyOfRange(DATA, (int) range.offset(), (int) range.end()), buffers.get(i).toByteArray(),
          "range " + i + " " + range);
    }
  }

  @Test
  void readRangesOverlapsItsRemoteReads() throws IOException {
    List<Range> ranges = scattered();
    try (HadoopFileSystem fs = HadoopFileSystem.connect(HDFS.hdfs().options().shortCircuit(false).build());
        HdfsReadableFile file = fs.openInputFile(PATH)) {
      OverlapWatcher watcher = new OverlapWatcher();
      file.observeRemoteReads(watcher);
      file.seek(3);
      List<Buffer> buffers = file.readRanges(ranges, CacheOptions.DEFAULT);
      try {
        assertRanges(ranges, buffers);
      } finally {
        buffers.forEach(Buffer::close);
      }
      assertEquals(RANGES, watcher.started.get());
      assertTrue(watcher.sawAllTogether, "every read saw all " + RANGES + " in flight at once");
      assertEquals(RANGES, watcher.maxInFlight.get());
      assertEquals(3, file.tell());
      HdfsReadStatistics stats = file.statistics();
      assertEquals(ranges.stream().mapToLong(Range::length).sum(), stats.remoteBytesRead(), stats.toString());
    }
  }

  @Test
  void readRangesAsyncOverlapsItsRemoteReads() throws Exception {
    List<Range> ranges = scattered();
    try (HadoopFileSystem fs = HadoopFileSystem.connect(HDFS.hdfs().options().shortCircuit(false).build());
        HdfsReadableFile file = fs.openInputFile(PATH)) {
      OverlapWatcher watcher = new OverlapWatcher();
      file.observeRemoteReads(watcher);
      List<CompletableFuture<Buffer>> futures = file.readRangesAsync(ranges, CacheOptions.DEFAULT);
      List<Buffer> buffers = new ArrayList<>();
      try {
        for (CompletableFuture<Buffer> future : futures) {
          buffers.add(future.get(120, TimeUnit.SECONDS));
        }
        assertRanges(ranges, buffers);
      } finally {
        buffers.forEach(Buffer::close);
      }
      assertTrue(watcher.sawAllTogether, "every read saw all " + RANGES + " in flight at once");
      assertEquals(RANGES, watcher.maxInFlight.get());
    }
  }

  /** The seam itself can fail: with one IO thread the reads are serial, and the watcher says so. */
  @Test
  void theWatcherNoticesSerialReads() throws IOException {
    io.sluice.Sluice.setIoThreadCount(1);
    try (HadoopFileSystem fs = HadoopFileSystem.connect(HDFS.hdfs().options().shortCircuit(false).build());
        HdfsReadableFile file = fs.openInputFile(PATH)) {
      OverlapWatcher watcher = new OverlapWatcher() {
        @Override
        public void started(long offset, long length) {
          started.incrementAndGet();
          maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        }
      };
      file.observeRemoteReads(watcher);
      List<Buffer> buffers = file.readRanges(scattered(), CacheOptions.DEFAULT);
      buffers.forEach(Buffer::close);
      assertEquals(1, watcher.maxInFlight.get(), "one IO thread: one read at a time");
      assertNotEquals(0, watcher.started.get());
    } finally {
      io.sluice.Sluice.setIoThreadCount(io.sluice.io.IoThreadPool.DEFAULT_THREAD_COUNT);
    }
  }
}
