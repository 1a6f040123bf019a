package io.sluice.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.arrow.ArrowIpc;
import io.sluice.hadoop.SluiceHdfsFileSystem;
import io.sluice.hdfs.HadoopFileSystem;
import io.sluice.hdfs.HdfsFile;
import io.sluice.hdfs.HdfsOptions;
import io.sluice.hdfs.HdfsReadStatistics;
import io.sluice.hdfs.MiniHdfs;
import io.sluice.hdfs.MiniHdfsExtension;
import io.sluice.io.NativeFile;
import io.sluice.parquet.SluiceInputFile;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Spark 4.1 in local mode on a MiniDFSCluster: an unmodified {@code spark.read.parquet} with only
 * {@code spark.hadoop.fs.hdfs.impl} set, and Sluice's adapters used inside {@code mapPartitions}.
 * Each test checks the values and that the reads were short-circuit (or zero-copy) Sluice reads.
 */
class SparkReadsThroughSluiceTest {
  @RegisterExtension
  static final MiniHdfsExtension HDFS = MiniHdfsExtension.perClass(MiniHdfs.STANDARD);

  private static final long ROWS = 200_000;
  private static SparkSession spark;

  @BeforeAll
  static void startSpark() throws Exception {
    Configuration client = HDFS.hdfs().clientConfiguration();
    SparkSession.Builder builder = SparkSession.builder()
        .master("local[2]")
        .appName("sluice-engine-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.hadoop.fs.hdfs.impl", SluiceHdfsFileSystem.class.getName());
    for (String key : List.of("fs.defaultFS", "dfs.client.context", "dfs.client.retry.window.base",
        "dfs.client.read.shortcircuit", "dfs.client.use.legacy.blockreader.local", "dfs.block.local-path-access.user",
        "dfs.blocksize", "ipc.client.connect.max.retries", "ipc.client.connect.retry.interval")) {
      String value = client.get(key);
      if (value != null) {
        builder.config("spark.hadoop." + key, value);
      }
    }
    spark = builder.getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void sparkReadParquetGoesThroughSluiceHdfsFileSystem() throws Exception {
    String table = HDFS.hdfs().uri() + "/spark/parquet-table";
    spark.range(0, ROWS).selectExpr("id", "id * 2 AS doubled", "concat('row-', id) AS name")
        .repartition(3).write().mode("overwrite").parquet(table);

    FileSystem fs = FileSystem.get(URI.create(HDFS.hdfs().uri()), spark.sparkContext().hadoopConfiguration());
    assertInstanceOf(SluiceHdfsFileSystem.class, fs, "Spark's own FileSystem instance is Sluice's");
    HdfsReadStatistics before = ((SluiceHdfsFileSystem) fs).readStatistics();

    Row totals = spark.read().parquet(table).selectExpr("count(*)", "sum(id)", "sum(doubled)", "max(name)").first();
    assertEquals(ROWS, totals.getLong(0));
    assertEquals(ROWS * (ROWS - 1) / 2, totals.getLong(1));
    assertEquals(ROWS * (ROWS - 1), totals.getLong(2));
    assertEquals("row-99999", totals.getString(3));

    HdfsReadStatistics reads = minus(((SluiceHdfsFileSystem) fs).readStatistics(), before);
    assertTrue(reads.shortCircuitBytesRead() > 0, "Spark's parquet reads were short-circuit: " + reads);
    assertEquals(0, reads.remoteBytesRead(), "nothing came through the DataNode: " + reads);
  }

  @Test
  void adaptersInsideMapPartitionsReadArrowAndParquetZeroCopy() throws Exception {
    HdfsOptions options = HDFS.hdfs().options().build();
    List<String> arrowFiles = writeArrowFiles(options, 4, 20_000);
    String table = HDFS.hdfs().uri() + "/spark/parquet-for-adapters";
    spark.range(0, 50_000).write().mode("overwrite").parquet(table);
    List<String> parquetFiles = new ArrayList<>();
    try (FileSystem plain = HDFS.hdfs().hadoopClient()) {
      for (FileStatus part : plain.listStatus(new Path(table), p -> p.getName().endsWith(".parquet"))) {
        parquetFiles.add(part.getPath().toUri().getPath());
      }
    }

    List<String> arrowResults = spark.createDataset(arrowFiles, Encoders.STRING()).repartition(2)
        .mapPartitions((MapPartitionsFunction<String, String>) paths -> sumArrowFiles(options, paths), Encoders.STRING())
        .collectAsList();
    long idSum = 0;
    long zeroCopyBytes = 0;
    for (String result : arrowResults) {
      String[] fields = result.split(",");
      idSum += Long.parseLong(fields[0]);
      zeroCopyBytes += Long.parseLong(fields[1]);
    }
    long rows = 4 * 20_000L;
    assertEquals(rows * (rows - 1) / 2, idSum);
    assertTrue(zeroCopyBytes > 0, "the Arrow batches were views of mapped local blocks");

    List<Long> parquetCounts = spark.createDataset(parquetFiles, Encoders.STRING()).repartition(2)
        .mapPartitions((MapPartitionsFunction<String, Long>) paths -> countParquetRows(options, paths), Encoders.LONG())
        .collectAsList();
    assertEquals(50_000L, parquetCounts.stream().mapToLong(Long::longValue).sum());
  }

  /** Writes {@code files} Arrow IPC files of ids, each batch kept inside one HDFS block. */
  private static List<String> writeArrowFiles(HdfsOptions options, int files, int rowsPerFile) throws Exception {
    Schema schema = new Schema(List.of(Field.nullable("id", new ArrowType.Int(64, true))));
    List<String> paths = new ArrayList<>();
    try (HadoopFileSystem fs = HadoopFileSystem.connect(options); BufferAllocator allocator = new RootAllocator()) {
      fs.createDir("/spark/arrow", true);
      long id = 0;
      for (int f = 0; f < files; f++) {
        String path = "/spark/arrow/part-" + f + ".arrow";
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
            NativeFile out = fs.openOutputStream(path, null, 0);
            ArrowFileWriter writer = ArrowIpc.newFileWriter(out, root, MiniHdfs.BLOCK_SIZE)) {
          writer.start();
          BigIntVector ids = (BigIntVector) root.getVector("id");
          for (int written = 0; written < rowsPerFile; written += 2000) {
            ids.allocateNew(2000);
            for (int i = 0; i < 2000; i++) {
              ids.set(i, id++);
            }
            root.setRowCount(2000);
            writer.writeBatch();
          }
          writer.end();
        }
        paths.add(path);
      }
    }
    return paths;
  }

  /** Runs in a Spark task: sums the id column of each file, and reports the zero-copy bytes. */
  private static Iterator<String> sumArrowFiles(HdfsOptions options, Iterator<String> paths) throws Exception {
    List<String> results = new ArrayList<>();
    try (HadoopFileSystem fs = HadoopFileSystem.connect(options); BufferAllocator allocator = new RootAllocator()) {
      while (paths.hasNext()) {
        long sum = 0;
        try (HdfsFile file = fs.openInputFile(paths.next()); ArrowFileReader reader = ArrowIpc.openFile(file, allocator)) {
          while (reader.loadNextBatch()) {
            BigIntVector ids = (BigIntVector) reader.getVectorSchemaRoot().getVector("id");
            for (int i = 0; i < ids.getValueCount(); i++) {
              sum += ids.get(i);
            }
          }
          results.add(sum + "," + file.statistics().zeroCopyBytesRead());
        }
      }
    }
    return results.iterator();
  }

  /** Runs in a Spark task: the row count of each Parquet file, read through SluiceInputFile. */
  private static Iterator<Long> countParquetRows(HdfsOptions options, Iterator<String> paths) throws Exception {
    List<Long> counts = new ArrayList<>();
    try (HadoopFileSystem fs = HadoopFileSystem.connect(options)) {
      while (paths.hasNext()) {
        try (ParquetFileReader reader = ParquetFileReader.open(SluiceInputFile.of(fs, paths.next()))) {
          counts.add(reader.getRecordCount());
        }
      }
    }
    return counts.iterator();
  }

  private static HdfsReadStatistics minus(HdfsReadStatistics after, HdfsReadStatistics before) {
    return new HdfsReadStatistics(after.bytesRead() - before.bytesRead(),
        after.remoteBytesRead() - before.remoteBytesRead(),
        after.shortCircuitBytesRead() - before.shortCircuitBytesRead(),
        after.zeroCopyBytesRead() - before.zeroCopyBytesRead());
  }
}
