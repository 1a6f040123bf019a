package io.sluice.bench.engines;

import io.sluice.arrow.ArrowIpc;
import io.sluice.io.NativeFile;
import io.sluice.local.LocalFileSystem;
import java.io.IOException;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** {@link BenchTable} as an Arrow IPC file, and the scan both Arrow benchmarks run over any reader. */
final class ArrowTables {
  static final int ROWS_PER_BATCH = 1 << 16;
  static final Schema SCHEMA = new Schema(List.of(
      Field.notNullable("id", new ArrowType.Int(64, true)),
      Field.notNullable("x", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
      Field.notNullable("y", new ArrowType.Int(64, true)),
      Field.notNullable("z", new ArrowType.Int(32, true))));

  private ArrowTables() {}

  /**
   * Writes the table to the local file {@code path} in batches of 64 Ki rows with Sluice's
   * block-aligned writer ({@code alignment}: no batch crosses a multiple of it, so on HDFS each batch
   * lies in one block); a standard Arrow IPC file that Arrow's own reader reads.
   */
  static void write(String path, long alignment, BufferAllocator allocator) throws IOException {
    long rows = BenchTable.rows();
    try (NativeFile out = new LocalFileSystem().openOutputStream(path);
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
        ArrowFileWriter writer = ArrowIpc.newFileWriter(out, root, alignment)) {
      writer.start();
      BigIntVector id = (BigIntVector) root.getVector("id");
      Float8Vector x = (Float8Vector) root.getVector("x");
      BigIntVector y = (BigIntVector) root.getVector("y");
      IntVector z = (IntVector) root.getVector("z");
      for (long first = 0; first < rows; first += ROWS_PER_BATCH) {
        int count = (int) Math.min(ROWS_PER_BATCH, rows - first);
        id.allocateNew(count);
        x.allocateNew(count);
        y.allocateNew(count);
        z.allocateNew(count);
        for (int i = 0; i < count; i++) {
          long row = first + i;
          id.set(i, BenchTable.id(row));
          x.set(i, BenchTable.x(row));
          y.set(i, BenchTable.y(row));
          z.set(i, BenchTable.z(row));
        }
        root.setRowCount(count);
        writer.writeBatch();
      }
      writer.end();
    }
  }

  /** Loads every batch and sums the values of the columns {@code columns} reads. */
  static long scan(ArrowFileReader reader, Columns columns) throws IOException {
    long sum = 0;
    while (reader.loadNextBatch()) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      int rows = root.getRowCount();
      for (int c = 0; c < BenchTable.COLUMNS.length; c++) {
        if (columns.reads(c)) {
          FieldVector vector = root.getVector(c);
          sum += BenchTable.checksum(vector.getDataBuffer(), rows, BenchTable.WIDTHS[c]);
        }
      }
    }
    return sum;
  }
}
