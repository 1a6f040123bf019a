package io.sluice.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.io.NativeFile;
import io.sluice.local.LocalFileSystem;
import io.sluice.local.MemoryMappedFile;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real parquet-java writes and reads through SluiceOutputFile / SluiceInputFile. */
class ParquetRoundTripTest {
  private static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
      "message row { required int64 id; required binary name (UTF8); required double score; }");
  private static final int ROWS = 50_000;

  @TempDir
  Path dir;

  private final LocalFileSystem fs = new LocalFileSystem(false);

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void writesAndReadsEveryRowThroughTheFileSystem(boolean vectored) throws IOException {
    String path = dir.resolve("rows.parquet").toString();
    write(SluiceOutputFile.of(fs, path));
    CountingAllocator allocator = new CountingAllocator();
    assertEquals(ROWS, readAndCheck(SluiceInputFile.of(fs, path), vectored, allocator));
    assertTrue(allocator.allocations.get() > 0, "parquet's allocator is used for the column chunks");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void readsAMemoryMapTheCallerOwns(boolean vectored) throws IOException {
    String path = dir.resolve("mapped.parquet").toString();
    write(SluiceOutputFile.of(fs, path));
    try (MemoryMappedFile map = MemoryMappedFile.open(path, "r")) {
      InputFile input = SluiceInputFile.of(map);
      assertEquals(Files.size(Path.of(path)), input.getLength());
      assertEquals(ROWS, readAndCheck(input, vectored, new CountingAllocator()));
      assertEquals(Files.size(Path.of(path)), map.size(), "the map stays open and usable: the caller owns it");
      assertEquals('P', map.readAt(0, 1)[0]);
    }
  }

  @Test
  void createRefusesAnExistingFileAndCreateOrOverwriteReplacesIt() throws IOException {
    Path file = dir.resolve("exists.parquet");
    Files.write(file, new byte[] {1, 2, 3});
    SluiceOutputFile out = SluiceOutputFile.of(fs, file.toString());
    assertThrows(FileAlreadyExistsException.class, () -> out.create(0));
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
    try (var stream = out.createOrOverwrite(0)) {
      stream.write(new byte[] {9, 8});
      assertEquals(2, stream.getPos());
    }
    assertArrayEquals(new byte[] {9, 8}, Files.readAllBytes(file));
  }

  @Test
  void streamsHaveTheirOwnPositionAndFailCleanlyAtTheEnd() throws IOException {
    Path file = dir.resolve("bytes.bin");
    byte[] content = new byte[1000];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) i;
    }
    Files.write(file, content);
    try (NativeFile shared = fs.openInputFile(file.toString())) {
      InputFile input = SluiceInputFile.of(shared);
      try (SeekableInputStream a = input.newStream(); SeekableInputStream b = input.newStream()) {
        a.seek(990);
        byte[] tail = new byte[10];
        a.readFully(tail);
        assertEquals((byte) 990, tail[0]);
        assertEquals(1000, a.getPos());
        assertEquals(-1, a.read());
        assertEquals(-1, a.read(ByteBuffer.allocate(4)));
        assertEquals(0, b.getPos());
        assertEquals(0, b.read());
        ByteBuffer direct = ByteBuffer.allocateDirect(16);
        b.seek(500);
        b.readFully(direct);
        assertEquals((byte) 500, direct.get(0));
        assertEquals(516, b.getPos());
        assertThrows(EOFException.class, () -> b.seek(1001));
        assertThrows(EOFException.class, () -> b.seek(-1));
        b.seek(995);
        assertThrows(EOFException.class, () -> b.readFully(new byte[6]));
      }
      assertEquals(0, shared.tell(), "positional reads never move the shared file");
      assertEquals(1000, shared.size(), "closing the streams leaves the caller's file open");
    }
    assertThrows(IllegalArgumentException.class,
        () -> SluiceInputFile.of(fs.openOutputStream(dir.resolve("w").toString())));
  }

  @Test
  void aMissingFileIsFileNotFound() {
    InputFile input = SluiceInputFile.of(fs, dir.resolve("missing.parquet").toString());
    assertThrows(java.io.FileNotFoundException.class, input::getLength);
  }

  private static void write(SluiceOutputFile out) throws IOException {
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(out)
        .withType(SCHEMA)
        .withRowGroupSize(256 * 1024L)
        .withPageSize(16 * 1024)
        .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
        .build()) {
      for (int i = 0; i < ROWS; i++) {
        writer.write(groups.newGroup().append("id", (long) i).append("name", "row-" + i).append("score", i * 0.5));
      }
    }
  }

  /** Reads every row group with ParquetFileReader and checks each row's values; returns the row count. */
  private static long readAndCheck(InputFile input, boolean vectored, ByteBufferAllocator allocator)
      throws IOException {
    ParquetReadOptions options = ParquetReadOptions.builder()
        .withUseHadoopVectoredIo(vectored)
        .withAllocator(allocator)
        .build();
    long rows = 0;
    int rowGroups = 0;
    try (ParquetFileReader reader = ParquetFileReader.open(input, options)) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
      PageReadStore pages;
      while ((pages = reader.readNextRowGroup()) != null) {
        rowGroups++;
        RecordReader<Group> records = io.getRecordReader(pages, new GroupRecordConverter(schema));
        for (long i = 0; i < pages.getRowCount(); i++) {
          Group row = records.read();
          assertEquals(rows, row.getLong("id", 0));
          assertEquals("row-" + rows, row.getString("name", 0));
          assertEquals(rows * 0.5, row.getDouble("score", 0));
          rows++;
        }
      }
    }
    assertTrue(rowGroups > 1, "the file has several row groups: " + rowGroups);
    return rows;
  }

  /** Parquet's heap allocator, counting its calls. */
  static final class CountingAllocator implements ByteBufferAllocator {
    final AtomicInteger allocations = new AtomicInteger();
    final List<Integer> sizes = new ArrayList<>();
    private final HeapByteBufferAllocator heap = new HeapByteBufferAllocator();

    @Override
    public ByteBuffer allocate(int size) {
      allocations.incrementAndGet();
      synchronized (sizes) {
        sizes.add(size);
      }
      return heap.allocate(size);
    }

    @Override
    public void release(ByteBuffer b) {
      heap.release(b);
    }

    @Override
    public boolean isDirect() {
      return false;
    }
  }
}
