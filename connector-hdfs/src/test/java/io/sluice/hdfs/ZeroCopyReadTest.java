package io.sluice.hdfs;

import static io.sluice.hdfs.MiniHdfs.BLOCK_SIZE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.io.Range;
import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPools;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The zero-copy short-circuit path on a one-DataNode cluster on this host: proven by the read
 * statistics and by the returned buffers' addresses lying inside the mapped block file.
 */
class ZeroCopyReadTest {
  @RegisterExtension
  static final MiniHdfsExtension HDFS = MiniHdfsExtension.shared(new MiniHdfs.Settings(1, true));

  private static final String PATH = "/zero-copy/data.bin";
  private static final byte[] DATA = TestData.random(3 * BLOCK_SIZE + 1000, 42);

  @BeforeAll
  static void writeData() throws Exception {
    try (FileSystem fs = HDFS.hdfs().hadoopClient()) {
      TestData.write(fs, PATH, DATA);
    }
  }

  @Test
  void readBufferAtInsideABlockIsAViewOfTheMappedBlockFile() throws Exception {
    try (HadoopFileSystem fs = HDFS.hdfs().connect(); HdfsReadableFile file = fs.openInputFile(PATH)) {
      long before = MemoryPools.defaultPool().bytesAllocated();
      long offset = BLOCK_SIZE + 100;
      try (Buffer buffer = file.readBufferAt(offset, 5000)) {
        assertArrayEquals(TestData.slice(DATA, offset, 5000), buffer.toByteArray());
        assertEquals(before, MemoryPools.defaultPool().bytesAllocated(), "a zero-copy read allocates no pool memory");

        Buffer mapping = file.localBlocks().mappingOf(offset);
        assertNotNull(mapping, "block 1 should be mapped");
        assertEquals(BLOCK_SIZE, mapping.size());
        assertEquals(mapping.address() + 100, buffer.address(), "the view starts 100 bytes into the mapped block");
      }
      HdfsReadStatistics stats = file.statistics();
      assertEquals(new HdfsReadStatistics(5000, 0, 5000, 5000), stats);
    }
  }

  @Test
  void sequentialReadBufferWalksTheBlocksWithoutCopying() throws Exception {
    try (HadoopFileSystem fs = HDFS.hdfs().connect(); HdfsReadableFile file = fs.openInputFile(PATH)) {
      long position = 0;
      while (position < DATA.length) {
        long n = Math.min(BLOCK_SIZE, DATA.length - position);
        try (Buffer buffer = file.readBuffer(n)) {
          assertEquals(n, buffer.size());
          assertArrayEquals(TestData.slice(DATA, position, n), buffer.toByteArray());
          Buffer mapping = file.localBlocks().mappingOf(position);
          assertTrue(buffer.address() >= mapping.address()
              && buffer.address() + buffer.size() <= mapping.address() + mapping.size(),
              "buffer at " + position + " lies inside its mapped block");
        }
        position += n;
        assertEquals(position, file.tell());
      }
      assertEquals(0, file.readBuffer(10).size());
      assertEquals(new HdfsReadStatistics(DATA.length, 0, DATA.length, DATA.length), file.statistics());
    }
  }

  @Test
  void aRangeSpanningTwoBlocksFallsBackToTheShortCircuitCopyPath() throws Exception {
    try (HadoopFileSystem fs = HDFS.hdfs().connect(); HdfsReadableFile file = fs.openInputFile(PATH)) {
      long offset = BLOCK_SIZE - 10;
      try (Buffer buffer = file.readBufferAt(offset, 20)) {
        assertArrayEquals(TestData.slice(DATA, offset, 20), buffer.toByteArray());
      }
      HdfsReadStatistics stats = file.statistics();
      assertEquals(0, stats.zeroCopyBytesRead());
      assertEquals(20, stats.bytesRead());
      assertEquals(20, stats.shortCircuitBytesRead(), "the legacy local reader served it");
      assertEquals(0, stats.remoteBytesRead());
    }
  }

  @Test
  void readRangesServesEachRangeFromTheMappingWhenItFitsInOneBlock() throws Exception {
    try (HadoopFileSystem fs = HDFS.hdfs().connect(); HdfsReadableFile file = fs.openInputFile(PATH)) {
      List<Range> ranges = List.of(Range.of(2L * BLOCK_SIZE + 7, 300), Range.of(11, 50), Range.of(BLOCK_SIZE - 5, 10));
      List<Buffer> buffers = file.readRanges(ranges);
      try {
        for (int i = 0; i < ranges.size(); i++) {
          Range range = ranges.get(i);
          assertArrayEquals(TestData.slice(DATA, range.offset(), range.length()), buffers.get(i).toByteArray(), range.toString());
        }
      } finally {
        buffers.forEach(Buffer::close);
      }
      HdfsReadStatistics stats = file.statistics();
      assertEquals(360, stats.bytesRead());
      assertEquals(350, stats.zeroCopyBytesRead(), "the two ranges inside one block are views");
    }
  }

  @Test
  void withoutShortCircuitTheSameReadsGoThroughTheDataNode() throws Exception {
    HdfsOptions options = HDFS.hdfs().options().shortCircuit(false).build();
    try (HadoopFileSystem fs = HadoopFileSystem.connect(options); HdfsReadableFile file = fs.openInputFile(PATH)) {
      try (Buffer buffer = file.readBufferAt(BLOCK_SIZE + 100, 5000)) {
        assertArrayEquals(TestData.slice(DATA, BLOCK_SIZE + 100, 5000), buffer.toByteArray());
      }
      assertEquals(new HdfsReadStatistics(5000, 5000, 0, 0), file.statistics());
    }
  }
}
