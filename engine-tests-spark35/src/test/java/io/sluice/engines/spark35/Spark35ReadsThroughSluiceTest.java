package io.sluice.engines.spark35;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.arrow.ArrowIpc;
import io.sluice.hadoop.SluiceHdfsFileSystem;
import io.sluice.hdfs.HadoopFileSystem;
import io.sluice.hdfs.HdfsFile;
import io.sluice.hdfs.HdfsOptions;
import io.sluice.hdfs.HdfsReadStatistics;
import io.sluice.io.NativeFile;
import io.sluice.parquet.SluiceInputFile;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.statistics.IOStatistics;
import org.apache.hadoop.fs.statistics.IOStatisticsSupport;
import org.apache.hadoop.util.VersionInfo;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spark 3.5 in local mode with the Hadoop client it ships (3.3.4: no {@code FileRange}, no
 * {@code readVectored}) first on the class path, reading from HDFS (a MiniDFSCluster in a child
 * JVM): an unmodified {@code spark.read.parquet} with only {@code spark.hadoop.fs.hdfs.impl} set,
 * and Sluice's adapters (ArrowIpc, SluiceInputFile on parquet-java 1.13.1) inside
 * {@code mapPartitions}. Each test checks the values and, through Sluice's statistics, that the
 * bytes came by short-circuit (or zero-copy) reads and none through the DataNode.
 */
class Spark35ReadsThroughSluiceTest {
  private static final int BLOCK_SIZE = 64 * 1024;
  private static final long ROWS = 200_000;

  private static MiniHdfsProcess hdfs;
  private static SparkSession spark;

  @BeforeAll
  static void startHdfsAndSpark() throws Exception {
    hdfs = MiniHdfsProcess.start();
    SparkSession.Builder builder = SparkSession.builder()
        .master("local[2]")
        .appName("sluice-engine-test-spark35")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.hadoop.fs.hdfs.impl", SluiceHdfsFileSystem.class.getName());
    for (Map.Entry<String, String> setting : clientSettings().entrySet()) {
      builder.config("spark.hadoop." + setting.getKey(), setting.getValue());
    }
    spark = builder.getOrCreate();
  }

  /** What a client of the test cluster sets: short-circuit (the legacy, pure-Java reader), small blocks, fast retries. */
  private static Map<String, String> clientSettings() {
    return Map.of(
        "fs.defaultFS", hdfs.uri(),
        "dfs.client.context", "spark35-" + UUID.randomUUID(),
        "dfs.client.read.shortcircuit", "true",
        "dfs.client.use.legacy.blockreader.local", "true",
        "dfs.blocksize", String.valueOf(BLOCK_SIZE),
        "dfs.client.retry.window.base", "10",
        "ipc.client.connect.max.retries", "2",
        "ipc.client.connect.retry.interval", "100");
  }

  private static HdfsOptions sluiceOptions() {
    return HdfsOptions.builder()
        .host("127.0.0.1")
        .port(hdfs.nameNodePort())
        .replication(1)
        .defaultBlockSize(BLOCK_SIZE)
        .shortCircuit(true)
        .extraConf("dfs.client.retry.window.base", "10")
        .extraConf("ipc.client.connect.max.retries", "2")
        .extraConf("ipc.client.connect.retry.interval", "100")
        .build();
  }

  @AfterAll
  static void stopSparkAndHdfs() throws Exception {
    try {
      if (spark != null) {
        spark.stop();
      }
    } finally {
      if (hdfs != null) {
        hdfs.close();
      }
    }
  }

  @Test
  void theClassPathIsSpark35WithHadoopClient334First() throws Exception {
    assertTrue(spark.version().startsWith("3.5."), spark.version());
    assertEquals("3.3.4", VersionInfo.getVersion(), "the Hadoop client Spark 3.5 ships");
    String fileSystemJar = FileSystem.class.getProtectionDomain().getCodeSource().getLocation().getPath();
    assertTrue(fileSystemJar.endsWith("hadoop-client-api-3.3.4.jar"), fileSystemJar);
    assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.hadoop.fs.FileRange"),
        "3.3.4 has no vectored IO: HadoopFileSystem must fall back (it used to fail with NoClassDefFoundError)");
    assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.parquet.io.ParquetFileRange"),
        "Spark 3.5's parquet-java 1.13 has no vectored API");
  }

  @Test
  void sparkReadParquetGoesThroughSluiceHdfsFileSystem() throws Exception {
    String table = hdfs.uri() + "/spark35/parquet-table";
    spark.range(0, ROWS).selectExpr("id", "id * 2 AS doubled", "concat('row-', id) AS name")
        .repartition(3).write().mode("overwrite").parquet(table);

    FileSystem fs = FileSystem.get(URI.create(hdfs.uri()), spark.sparkContext().hadoopConfiguration());
    assertInstanceOf(SluiceHdfsFileSystem.class, fs, "Spark's own FileSystem instance is Sluice's");
    // The file system's IO statistics are a snapshot of its streams' counters when asked.
    Map<String, Long> before = Map.copyOf(IOStatisticsSupport.retrieveIOStatistics(fs).counters());

    Row totals = spark.read().parquet(table).selectExpr("count(*)", "sum(id)", "sum(doubled)", "max(name)").first();
    assertEquals(ROWS, totals.getLong(0));
    assertEquals(ROWS * (ROWS - 1) / 2, totals.getLong(1));
    assertEquals(ROWS * (ROWS - 1), totals.getLong(2));
    assertEquals("row-99999", totals.getString(3));

    IOStatistics statistics = IOStatisticsSupport.retrieveIOStatistics(fs);
    long read = counterDelta(statistics, before, "sluice_bytes_read");
    long shortCircuit = counterDelta(statistics, before, "sluice_short_circuit_bytes_read");
    long remote = counterDelta(statistics, before, "sluice_remote_bytes_read");
    assertTrue(read > 0, "Spark read the table through Sluice's streams: " + statistics);
    assertEquals(read, shortCircuit, "every byte Spark read was a short-circuit read: " + statistics);
    assertEquals(0, remote, "nothing came through the DataNode: " + statistics);
  }

  private static long counterDelta(IOStatistics statistics, Map<String, Long> before, String name) {
    Long now = statistics.counters().get(name);
    assertTrue(now != null, name + " is one of the file system's IO statistics: " + statistics);
    return now - before.getOrDefault(name, 0L);
  }

  @Test
  void adaptersInsideMapPartitionsReadArrowAndParquetFromLocalBlocks() throws Exception {
    HdfsOptions options = sluiceOptions();
    List<String> arrowFiles = writeArrowFiles(options, 4, 20_000);
    String table = hdfs.uri() + "/spark35/parquet-for-adapters";
    spark.range(0, 50_000).selectExpr("id", "concat('row-', id) AS name").write().mode("overwrite").parquet(table);
    List<String> parquetFiles = new ArrayList<>();
    FileSystem fs = FileSystem.get(URI.create(hdfs.uri()), spark.sparkContext().hadoopConfiguration());
    for (FileStatus part : fs.listStatus(new Path(table), p -> p.getName().endsWith(".parquet"))) {
      parquetFiles.add(part.getPath().toUri().getPath());
    }
    assertTrue(parquetFiles.size() >= 2, "Spark wrote several parts: " + parquetFiles);

    List<String> arrowResults = spark.createDataset(arrowFiles, Encoders.STRING()).repartition(2)
        .mapPartitions((MapPartitionsFunction<String, String>) paths -> sumArrowFiles(options, paths), Encoders.STRING())
        .collectAsList();
    long rows = 4 * 20_000L;
    Totals arrow = Totals.of(arrowResults);
    assertEquals(rows, arrow.rows);
    assertEquals(rows * (rows - 1) / 2, arrow.idSum);
    assertTrue(arrow.zeroCopyBytes > 0, "the Arrow batches were views of mapped local blocks: " + arrowResults);
    assertEquals(0, arrow.remoteBytes, "nothing came through the DataNode: " + arrowResults);

    List<String> parquetResults = spark.createDataset(parquetFiles, Encoders.STRING()).repartition(2)
        .mapPartitions((MapPartitionsFunction<String, String>) paths -> sumParquetFiles(options, paths), Encoders.STRING())
        .collectAsList();
    Totals parquet = Totals.of(parquetResults);
    assertEquals(50_000L, parquet.rows);
    assertEquals(50_000L * 49_999L / 2, parquet.idSum);
    assertTrue(parquet.shortCircuitBytes > 0, "parquet's reads were short-circuit: " + parquetResults);
    assertEquals(parquet.bytesRead, parquet.shortCircuitBytes, "every parquet byte was local: " + parquetResults);
    assertEquals(0, parquet.remoteBytes, "nothing came through the DataNode: " + parquetResults);
  }

  /** Sums of the per-file results "rows,idSum,bytesRead,shortCircuit,zeroCopy,remote" the tasks send back. */
  private record Totals(long rows, long idSum, long bytesRead, long shortCircuitBytes, long zeroCopyBytes,
      long remoteBytes) {
    static Totals of(List<String> results) {
      long[] sums = new long[6];
      for (String result : results) {
        String[] fields = result.split(",");
        assertEquals(6, fields.length, result);
        for (int i = 0; i < 6; i++) {
          sums[i] += Long.parseLong(fields[i]);
        }
      }
      return new Totals(sums[0], sums[1], sums[2], sums[3], sums[4], sums[5]);
    }
  }

  private static String result(long rows, long idSum, HdfsReadStatistics reads) {
    return rows + "," + idSum + "," + reads.bytesRead() + "," + reads.shortCircuitBytesRead() + ","
        + reads.zeroCopyBytesRead() + "," + reads.remoteBytesRead();
  }

  /** Writes {@code files} Arrow IPC files of ids, each batch kept inside one HDFS block. */
  private static List<String> writeArrowFiles(HdfsOptions options, int files, int rowsPerFile) throws Exception {
    Schema schema = new Schema(List.of(Field.nullable("id", new ArrowType.Int(64, true))));
    List<String> paths = new ArrayList<>();
    try (HadoopFileSystem fs = HadoopFileSystem.connect(options); BufferAllocator allocator = new RootAllocator()) {
      fs.createDir("/spark35/arrow", true);
      long id = 0;
      for (int f = 0; f < files; f++) {
        String path = "/spark35/arrow/part-" + f + ".arrow";
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
            NativeFile out = fs.openOutputStream(path, null, 0);
            ArrowFileWriter writer = ArrowIpc.newFileWriter(out, root, BLOCK_SIZE)) {
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

  /** Runs in a Spark task: rows and id sum of each Arrow file, with how its bytes were read. */
  private static Iterator<String> sumArrowFiles(HdfsOptions options, Iterator<String> paths) throws Exception {
    List<String> results = new ArrayList<>();
    try (HadoopFileSystem fs = HadoopFileSystem.connect(options); BufferAllocator allocator = new RootAllocator()) {
      while (paths.hasNext()) {
        long rows = 0;
        long sum = 0;
        try (HdfsFile file = fs.openInputFile(paths.next()); ArrowFileReader reader = ArrowIpc.openFile(file, allocator)) {
          while (reader.loadNextBatch()) {
            BigIntVector ids = (BigIntVector) reader.getVectorSchemaRoot().getVector("id");
            for (int i = 0; i < ids.getValueCount(); i++) {
              sum += ids.get(i);
            }
            rows += ids.getValueCount();
          }
          results.add(result(rows, sum, file.statistics()));
        }
      }
    }
    return results.iterator();
  }

  /** Runs in a Spark task: rows and id sum of each Parquet file read through SluiceInputFile (parquet 1.13.1). */
  private static Iterator<String> sumParquetFiles(HdfsOptions options, Iterator<String> paths) throws Exception {
    List<String> results = new ArrayList<>();
    try (HadoopFileSystem fs = HadoopFileSystem.connect(options)) {
      while (paths.hasNext()) {
        String path = paths.next();
        long rows = 0;
        long sum = 0;
        try (HdfsFile file = fs.openInputFile(path);
            ParquetFileReader reader = ParquetFileReader.open(SluiceInputFile.of(file))) {
          MessageType schema = reader.getFooter().getFileMetaData().getSchema();
          MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
          PageReadStore pages;
          while ((pages = reader.readNextRowGroup()) != null) {
            RecordReader<Group> records = io.getRecordReader(pages, new GroupRecordConverter(schema));
            for (long i = 0; i < pages.getRowCount(); i++) {
              Group row = records.read();
              long id = row.getLong("id", 0);
              if (!row.getString("name", 0).equals("row-" + id)) {
                throw new IllegalStateException("row " + id + " of " + path + " has name " + row.getString("name", 0));
              }
              sum += id;
              rows++;
            }
          }
          results.add(result(rows, sum, file.statistics()));
        }
      }
    }
    return results.iterator();
  }
}
