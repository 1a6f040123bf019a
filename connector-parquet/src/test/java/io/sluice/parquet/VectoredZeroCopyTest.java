package io.sluice.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.hdfs.HadoopFileSystem;
import io.sluice.hdfs.HdfsFile;
import io.sluice.hdfs.MiniHdfs;
import io.sluice.hdfs.MiniHdfsExtension;
import io.sluice.io.NativeFile;
import io.sluice.local.LocalFileSystem;
import io.sluice.local.MemoryMappedFile;
import io.sluice.memory.Buffer;
import io.sluice.parquet.ParquetRoundTripTest.CountingAllocator;
import io.sluice.testing.ChildJvm;
import io.sluice.testing.GarbageCollection;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.parquet.io.ParquetFileRange;
import org.apache.parquet.io.SeekableInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet's vectored reads through {@link SluiceInputFile}: a range inside one mapped region or one
 * local HDFS block reaches parquet as a view of that memory (parquet's allocator is not called, the
 * ByteBuffer's address lies inside the mapping); any other range is copied into a buffer of the
 * allocator. Addresses are compared with the file's own view of the same bytes.
 */
class VectoredZeroCopyTest {
  @RegisterExtension
  static final MiniHdfsExtension HDFS = MiniHdfsExtension.perClass(MiniHdfs.STANDARD);

  private static final int BLOCK = MiniHdfs.BLOCK_SIZE;
  private static final String HDFS_PATH = "/parquet-vectored/data.bin";
  private static final byte[] DATA = random(3 * BLOCK + 1000, 7);

  @TempDir
  Path dir;

  @BeforeAll
  static void writeHdfsFile() throws Exception {
    try (org.apache.hadoop.fs.FileSystem fs = HDFS.hdfs().hadoopClient();
        FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path(HDFS_PATH))) {
      out.write(DATA);
    }
  }

  @Test
  void rangesOfAMemoryMapAreViewsOfTheMappingWithoutAllocatorCalls() throws Exception {
    Path file = dir.resolve("data.bin");
    Files.write(file, DATA);
    CountingAllocator allocator = new CountingAllocator();
    try (MemoryMappedFile map = MemoryMappedFile.open(file.toString(), "r");
        Buffer whole = map.readBufferAt(0, DATA.length)) {
      List<ParquetFileRange> ranges = ranges(new long[][] {{0, 100}, {5000, 70_000}, {DATA.length - 10, 10}});
      try (SeekableInputStream stream = SluiceInputFile.of(map).newStream()) {
        stream.readVectored(ranges, allocator);
        assertEquals(0, allocator.allocations.get(), "no allocator call for ranges of a mapping: " + allocator.sizes);
        for (ParquetFileRange range : ranges) {
          ByteBuffer data = range.getDataReadFuture().getNow(null);
          assertBytes(range, data);
          assertEquals(whole.address() + range.getOffset(), addressOf(data), "a view of the mapping at " + range);
          assertTrue(data.isReadOnly());
        }
      }
    }
  }

  @Test
  void rangesOfAPlainFileAreCopiedIntoTheAllocatorsBuffers() throws Exception {
    Path file = dir.resolve("plain.bin");
    Files.write(file, DATA);
    CountingAllocator allocator = new CountingAllocator();
    try (LocalFileSystem fs = new LocalFileSystem(false);
        SeekableInputStream stream = SluiceInputFile.of(fs, file.toString()).newStream()) {
      List<ParquetFileRange> ranges = ranges(new long[][] {{0, 100}, {5000, 70_000}});
      stream.readVectored(ranges, allocator);
      assertEquals(List.of(100, 70_000), allocator.sizes, "one allocator buffer per range");
      for (ParquetFileRange range : ranges) {
        assertBytes(range, range.getDataReadFuture().getNow(null));
      }
    }
  }

  @Test
  void rangesInsideOneLocalHdfsBlockAreViewsAndACrossingRangeIsCopied() throws Exception {
    CountingAllocator allocator = new CountingAllocator();
    try (HadoopFileSystem fs = HDFS.hdfs().connect(); HdfsFile file = fs.openInputFile(HDFS_PATH)) {
      List<ParquetFileRange> ranges = ranges(new long[][] {
          {10, 1000}, {BLOCK + 100, 20_000}, {2L * BLOCK - 50, 100}, {3L * BLOCK + 100, 800}});
      try (SeekableInputStream stream = SluiceInputFile.of(file).newStream()) {
        stream.readVectored(ranges, allocator);
        assertEquals(List.of(100), allocator.sizes, "only the range crossing a block boundary is copied");
        for (ParquetFileRange range : ranges) {
          assertBytes(range, range.getDataReadFuture().getNow(null));
        }
        for (int i : new int[] {0, 1, 3}) {
          ParquetFileRange range = ranges.get(i);
          long blockStart = range.getOffset() / BLOCK * BLOCK;
          long blockLength = Math.min(BLOCK, DATA.length - blockStart);
          try (Buffer block = file.readBufferAt(blockStart, blockLength)) {
            assertEquals(block.address() + range.getOffset() - blockStart, addressOf(range.getDataReadFuture().getNow(null)),
                "a view of the mapped block file at " + range);
          }
        }
      }
      assertTrue(file.statistics().zeroCopyBytesRead() >= 1000 + 20_000 + 800, file.statistics().toString());
    }
  }

  @Test
  void viewsStayReadableAfterTheStreamAndTheFileAreClosed() {
    ChildJvm.Result result = ChildJvm.run(ReadAfterClose.class, List.of("-Dsluice.memory.pool=system"),
        Duration.ofSeconds(120), dir.resolve("after-close.bin").toString(), String.valueOf(HDFS.hdfs().nameNodePort()));
    assertFalse(result.crashed(), result.describe());
    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.lines().contains("map allocations 0 sum " + sum(5000, 70_000)), result.describe());
    assertTrue(result.lines().contains("hdfs allocations 0 sum " + (sum(5000, 20_000) + sum(BLOCK + 100, 30_000))),
        result.describe());
  }

  /**
   * Reads a range of a memory map and of a local HDFS block through parquet's vectored API, closes
   * the stream and the file, collects garbage, then reads the ByteBuffers parquet got: they must
   * still hold the file's bytes (a view that outlived its mapping would crash the JVM here).
   */
  public static final class ReadAfterClose {
    public static void main(String[] args) throws Exception {
      Path file = Path.of(args[0]);
      Files.write(file, DATA);
      CountingAllocator allocator = new CountingAllocator();
      ParquetFileRange mapRange = new ParquetFileRange(5000, 70_000);
      try (MemoryMappedFile map = MemoryMappedFile.open(file.toString(), "r");
          SeekableInputStream stream = SluiceInputFile.of(map).newStream()) {
        stream.readVectored(List.of(mapRange), allocator);
      }
      System.out.println("map allocations " + allocator.allocations.get() + " sum " + sumAfterGc(mapRange));

      io.sluice.hdfs.HdfsOptions options = io.sluice.hdfs.HdfsOptions.builder().host("127.0.0.1")
          .port(Integer.parseInt(args[1])).shortCircuit(true)
          .extraConf("dfs.client.context", "after-close-" + UUID.randomUUID()).build();
      ParquetFileRange hdfsRange = new ParquetFileRange(5000, 20_000);
      ParquetFileRange secondRange = new ParquetFileRange(BLOCK + 100, 30_000);
      try (HadoopFileSystem fs = HadoopFileSystem.connect(options);
          SeekableInputStream stream = SluiceInputFile.of(fs, HDFS_PATH).newStream()) {
        stream.readVectored(List.of(hdfsRange, secondRange), allocator);
      }
      System.out.println("hdfs allocations " + allocator.allocations.get() + " sum "
          + (sumAfterGc(hdfsRange) + sumAfterGc(secondRange)));
    }

    private static long sumAfterGc(ParquetFileRange range) throws Exception {
      ByteBuffer data = range.getDataReadFuture().get();
      GarbageCollection.collect(5); // the view alone must keep the memory it points at
      long sum = 0;
      while (data.hasRemaining()) {
        sum += data.get() & 0xFF;
      }
      return sum;
    }
  }

  private static long sum(int offset, int length) {
    long sum = 0;
    for (int i = offset; i < offset + length; i++) {
      sum += DATA[i] & 0xFF;
    }
    return sum;
  }

  private static List<ParquetFileRange> ranges(long[][] offsetsAndLengths) {
    List<ParquetFileRange> ranges = new ArrayList<>();
    for (long[] range : offsetsAndLengths) {
      ranges.add(new ParquetFileRange(range[0], (int) range[1]));
    }
    return ranges;
  }

  private static void assertBytes(ParquetFileRange range, ByteBuffer data) {
    assertEquals(range.getLength(), data.remaining(), "length of " + range);
    byte[] read = new byte[data.remaining()];
    data.duplicate().get(read);
    byte[] expected = new byte[range.getLength()];
    System.arraycopy(DATA, (int) range.getOffset(), expected, 0, range.getLength());
    assertArrayEquals(expected, read, "bytes of " + range);
  }

  private static long addressOf(ByteBuffer data) {
    assertTrue(data.isDirect(), "a view of mapped memory is direct");
    try (Buffer wrapped = Buffer.wrap(data)) {
      return wrapped.address();
    }
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
