package io.sluice.hdfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.fs.FileInfo;
import io.sluice.fs.WriteOptions;
import io.sluice.io.NativeFile;
import io.sluice.io.Range;
import io.sluice.memory.Buffer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HadoopFileSystem over a scheme other than HDFS: Hadoop's checksummed local file system
 * ({@code file:}), whose streams support neither ByteBuffer reads nor positional ByteBuffer reads
 * and which has its own vectored read (merging ranges into shared buffers). No cluster needed.
 */
class HadoopLocalSchemeTest {
  @TempDir
  Path dir;

  private HadoopFileSystem connect() throws IOException {
    Configuration conf = new Configuration();
    conf.set("fs.defaultFS", "file:///");
    return HadoopFileSystem.fromConfiguration(conf);
  }

  @Test
  void readsAndWritesThroughTheByteArrayFallbacks() throws IOException {
    byte[] data = TestData.random(300_000, 5);
    String path = dir.resolve("data.bin").toString();
    try (HadoopFileSystem fs = connect()) {
      try (NativeFile out = fs.openOutputStream(path, WriteOptions.builder().atomic(true).build())) {
        out.write(data);
      }
      FileInfo info = fs.getFileInfo(path);
      assertEquals(data.length, info.size());
      try (HdfsFile file = fs.openInputFile(path)) {
        assertArrayEquals(TestData.slice(data, 1000, 5000), file.readAt(1000, 5000));
        try (Buffer buffer = file.readBufferAt(250_000, 50_000)) {
          assertArrayEquals(TestData.slice(data, 250_000, 50_000), buffer.toByteArray());
        }
        file.seek(299_990);
        assertArrayEquals(TestData.slice(data, 299_990, 10), file.read(100));
        assertEquals(0, file.statistics().zeroCopyBytesRead());
        assertEquals(5000 + 50_000 + 10, file.statistics().bytesRead());
      }
    }
  }

  @Test
  void readRangesCopesWithMergedVectoredReads() throws IOException {
    byte[] data = TestData.random(200_000, 6);
    String path = dir.resolve("ranges.bin").toString();
    try (HadoopFileSystem fs = connect()) {
      try (NativeFile out = fs.openOutputStream(path)) {
        out.write(data);
      }
      List<Range> ranges = List.of(Range.of(150_000, 1000), Range.of(10, 100), Range.of(120, 100),
          Range.of(100_000, 40_000), Range.of(199_000, 1000));
      try (HdfsFile file = fs.openInputFile(path)) {
        List<Buffer> buffers = file.readRanges(ranges);
        try {
          for (int i = 0; i < ranges.size(); i++) {
            Range range = ranges.get(i);
            assertArrayEquals(TestData.slice(data, range.offset(), range.length()), buffers.get(i).toByteArray(), range.toString());
          }
        } finally {
          buffers.forEach(Buffer::close);
        }
      }
    }
  }

  @Test
  void abortedAtomicWriteLeavesNothing() throws IOException {
    String path = dir.resolve("never.bin").toString();
    try (HadoopFileSystem fs = connect()) {
      HdfsFile out = fs.openOutputStream(path, WriteOptions.builder().atomic(true).build());
      out.write(new byte[10]);
      assertTrue(assertThrowsIo(out::abort).getMessage().contains("not published"));
      assertFalse(fs.getFileInfo(path).exists());
      try (var listing = java.nio.file.Files.list(dir)) {
        assertEquals(List.of(), listing.filter(p -> !p.getFileName().toString().endsWith(".crc")).toList(),
            "no temporary file left");
      }
    }
  }

  private static IOException assertThrowsIo(org.junit.jupiter.api.function.Executable executable) {
    return org.junit.jupiter.api.Assertions.assertThrows(IOException.class, executable);
  }
}
