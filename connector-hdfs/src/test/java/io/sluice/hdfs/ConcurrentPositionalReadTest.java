package io.sluice.hdfs;

import static io.sluice.hdfs.MiniHdfs.BLOCK_SIZE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.memory.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** 8 threads x 1000 positional reads on one HdfsFile, byte-exact, through the DataNode and zero-copy. */
class ConcurrentPositionalReadTest {
  @RegisterExtension
  static final MiniHdfsExtension HDFS = MiniHdfsExtension.shared(new MiniHdfs.Settings(1, true));

  private static final int THREADS = 8;
  private static final int READS_PER_THREAD = 1000;
  private static final String PATH = "/concurrent/data.bin";
  private static final byte[] DATA = TestData.random(5 * BLOCK_SIZE + 333, 99);

  @BeforeAll
  static void writeData() throws Exception {
    try (FileSystem fs = HDFS.hdfs().hadoopClient()) {
      TestData.write(fs, PATH, DATA);
    }
  }

  @ParameterizedTest(name = "shortCircuit={0}")
  @ValueSource(booleans = {false, true})
  void eightThreadsOfPositionalReadsAreByteExact(boolean shortCircuit) throws Exception {
    try (HadoopFileSystem fs = HadoopFileSystem.connect(HDFS.hdfs().options().shortCircuit(shortCircuit).build());
        HdfsFile file = fs.openInputFile(PATH)) {
      file.seek(17);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<Long>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          long seed = t;
          results.add(pool.submit((Callable<Long>) () -> readRandomly(file, new Random(seed))));
        }
        long bytes = 0;
        for (Future<Long> result : results) {
          bytes += result.get();
        }
        assertEquals(17, file.tell(), "positional reads never move the position");
        HdfsReadStatistics stats = file.statistics();
        assertEquals(bytes, stats.bytesRead());
        if (shortCircuit) {
          assertTrue(stats.zeroCopyBytesRead() > 0, stats.toString());
          assertEquals(0, stats.remoteBytesRead(), stats.toString());
        } else {
          assertEquals(bytes, stats.remoteBytesRead(), stats.toString());
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** Alternates readAt (byte[]) and readBufferAt (Buffer) at random offsets, some across block boundaries. */
  private static long readRandomly(HdfsFile file, Random random) throws Exception {
    long bytes = 0;
    for (int i = 0; i < READS_PER_THREAD; i++) {
      int length = 1 + random.nextInt(i % 10 == 0 ? 2 * BLOCK_SIZE : 4096);
      int offset = random.nextInt(DATA.length - length + 1);
      if (i % 2 == 0) {
        assertArrayEquals(TestData.slice(DATA, offset, length), file.readAt(offset, length), "readAt " + offset);
      } else {
        try (Buffer buffer = file.readBufferAt(offset, length)) {
          assertArrayEquals(TestData.slice(DATA, offset, length), buffer.toByteArray(), "readBufferAt " + offset);
        }
      }
      bytes += length;
    }
    return bytes;
  }
}
