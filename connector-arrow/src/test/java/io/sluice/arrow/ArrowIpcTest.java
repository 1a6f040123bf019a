package io.sluice.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.io.BufferReader;
import io.sluice.io.NativeFile;
import io.sluice.local.LocalFileSystem;
import io.sluice.local.MemoryMappedFile;
import io.sluice.memory.Buffer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arrow IPC files and streams written by Arrow Java or by Sluice, read zero-copy through Sluice files. */
class ArrowIpcTest {
  private static final Schema SCHEMA = new Schema(List.of(
      Field.nullable("id", new ArrowType.Int(64, true)),
      Field.nullable("name", ArrowType.Utf8.INSTANCE)));
  private static final int BATCHES = 6;
  private static final int ROWS_PER_BATCH = 5_000;

  @TempDir
  Path dir;

  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void everyArrowBufferWasReleased() {
    allocator.close(); // throws if anything is still allocated
  }

  @Test
  void fileBatchesFromAMemoryMapAreViewsOfTheMapping() throws IOException {
    Path file = dir.resolve("data.arrow");
    writeWithArrow(file, false);
    try (MemoryMappedFile map = MemoryMappedFile.open(file.toString(), "r");
        Buffer whole = map.readBufferAt(0, map.size());
        ArrowFileReader reader = ArrowIpc.openFile(map, allocator)) {
      long batches = 0;
      while (reader.loadNextBatch()) {
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        checkBatch(root, (int) batches);
        long address = ((BigIntVector) root.getVector("id")).getDataBuffer().memoryAddress();
        assertTrue(address >= whole.address() && address < whole.address() + whole.size(),
            "batch " + batches + "'s id column lies inside the mapping");
        batches++;
      }
      assertEquals(BATCHES, batches);
      assertEquals(0, map.tell(), "zero-copy reads leave the caller's position alone");
    }
  }

  @Test
  void randomAccessToOneBatchAndReadersOverPlainFiles() throws IOException {
    Path file = dir.resolve("random.arrow");
    writeWithArrow(file, false);
    try (NativeFile osFile = new LocalFileSystem(false).openInputFile(file.toString());
        ArrowFileReader reader = ArrowIpc.openFile(osFile, allocator)) {
      List<ArrowBlock> blocks = reader.getRecordBlocks();
      assertEquals(BATCHES, blocks.size());
      assertTrue(reader.loadRecordBatch(blocks.get(4)));
      checkBatch(reader.getVectorSchemaRoot(), 4);
      assertTrue(reader.loadNextBatch());
      checkBatch(reader.getVectorSchemaRoot(), 5);
      assertFalse(reader.loadNextBatch());
    }
  }

  @Test
  void streamsFromABufferReaderAreViewsOfTheBuffer() throws IOException {
    Path file = dir.resolve("data.arrows");
    writeWithArrow(file, true);
    byte[] bytes = Files.readAllBytes(file);
    try (Buffer memory = io.sluice.memory.MemoryPools.defaultPool().allocate(bytes.length)) {
      ((io.sluice.memory.MutableBuffer) memory).setBytes(0, bytes);
      try (BufferReader source = new BufferReader(memory); ArrowStreamReader reader = ArrowIpc.openStream(source, allocator)) {
        int batches = 0;
        while (reader.loadNextBatch()) {
          VectorSchemaRoot root = reader.getVectorSchemaRoot();
          checkBatch(root, batches);
          long address = ((VarCharVector) root.getVector("name")).getDataBuffer().memoryAddress();
          assertTrue(address >= memory.address() && address < memory.address() + memory.size(),
              "batch " + batches + "'s name column lies inside the source buffer");
          batches++;
        }
        assertEquals(BATCHES, batches);
        assertEquals(bytes.length, reader.bytesRead());
      }
    }
  }

  @Test
  void theAlignedWriterKeepsEveryBatchInsideOneRegionAndArrowReadsIt() throws IOException {
    long alignment = 256 * 1024; // a batch here is about 110 KiB: some must move to the next region
    List<ArrowBlock> blocks = writeAlignedAndReadWithArrow(dir.resolve("aligned.arrow"), alignment);
    for (ArrowBlock block : blocks) {
      long start = block.getOffset();
      long end = start + block.getMetadataLength() + block.getBodyLength();
      assertEquals(start / alignment, (end - 1) / alignment, "block at " + start + " stays in one region");
    }
    assertTrue(blocks.stream().anyMatch(b -> b.getOffset() % alignment == 0 && b.getOffset() > 0),
        "some batch had to be moved to a boundary");
  }

  @Test
  void batchesLargerThanTheAlignmentStartOnABoundary() throws IOException {
    long alignment = 64 * 1024;
    List<ArrowBlock> blocks = writeAlignedAndReadWithArrow(dir.resolve("large.arrow"), alignment);
    for (ArrowBlock block : blocks) {
      assertEquals(0, block.getOffset() % alignment, "block at " + block.getOffset());
    }
    LocalFileSystem fs = new LocalFileSystem(false);
    try (NativeFile out = fs.openOutputStream(dir.resolve("x").toString());
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator)) {
      assertThrows(IllegalArgumentException.class, () -> ArrowIpc.newFileWriter(out, root, 12));
      assertThrows(IllegalArgumentException.class, () -> ArrowIpc.newFileWriter(out, root, 0));
    }
  }

  /** Writes the batches with ArrowIpc.newFileWriter, checks them with Arrow's own reader, returns the blocks. */
  private List<ArrowBlock> writeAlignedAndReadWithArrow(Path file, long alignment) throws IOException {
    LocalFileSystem fs = new LocalFileSystem(false);
    try (VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
        NativeFile out = fs.openOutputStream(file.toString());
        ArrowFileWriter writer = ArrowIpc.newFileWriter(out, root, alignment)) {
      writer.start();
      for (int batch = 0; batch < BATCHES; batch++) {
        fill(root, batch);
        writer.writeBatch();
      }
      writer.end();
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        ArrowFileReader reader = new ArrowFileReader(channel, allocator)) {
      List<ArrowBlock> blocks = reader.getRecordBlocks();
      assertEquals(BATCHES, blocks.size());
      int batch = 0;
      for (; reader.loadNextBatch(); batch++) {
        checkBatch(reader.getVectorSchemaRoot(), batch);
      }
      assertEquals(BATCHES, batch);
      return blocks;
    }
  }

  private void writeWithArrow(Path file, boolean stream) throws IOException {
    try (VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
        OutputStream out = Files.newOutputStream(file)) {
      var writer = stream
          ? new ArrowStreamWriter(root, null, Channels.newChannel(out))
          : new ArrowFileWriter(root, null, Channels.newChannel(out));
      try (writer) {
        writer.start();
        for (int batch = 0; batch < BATCHES; batch++) {
          fill(root, batch);
          writer.writeBatch();
        }
        writer.end();
      }
    }
  }

  private static void fill(VectorSchemaRoot root, int batch) {
    BigIntVector ids = (BigIntVector) root.getVector("id");
    VarCharVector names = (VarCharVector) root.getVector("name");
    ids.allocateNew(ROWS_PER_BATCH);
    names.allocateNew(ROWS_PER_BATCH);
    for (int i = 0; i < ROWS_PER_BATCH; i++) {
      long id = (long) batch * ROWS_PER_BATCH + i;
      ids.set(i, id);
      names.setSafe(i, ("name-" + id).getBytes(StandardCharsets.UTF_8));
    }
    root.setRowCount(ROWS_PER_BATCH);
  }

  private static void checkBatch(VectorSchemaRoot root, int batch) {
    assertEquals(ROWS_PER_BATCH, root.getRowCount());
    BigIntVector ids = (BigIntVector) root.getVector("id");
    VarCharVector names = (VarCharVector) root.getVector("name");
    for (int i = 0; i < ROWS_PER_BATCH; i += 997) {
      long id = (long) batch * ROWS_PER_BATCH + i;
      assertEquals(id, ids.get(i));
      assertEquals("name-" + id, new String(names.get(i), StandardCharsets.UTF_8));
    }
  }
}
