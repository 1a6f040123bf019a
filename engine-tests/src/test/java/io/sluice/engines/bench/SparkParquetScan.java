package io.sluice.engines.bench;

import io.sluice.hadoop.SluiceHdfsFileSystem;
import io.sluice.hdfs.HdfsReadStatistics;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Issue 13: an unmodified Spark 4.1 job ({@code spark.read.parquet(...).selectExpr("sum(...)")},
 * local mode, one task thread, vectorized Parquet reader) scanning a 256 MiB Parquet file on a
 * one-DataNode MiniDFSCluster whose only replica is local, with {@code fs.hdfs.impl}:
 * <ul>
 *   <li>{@code SLUICE_HDFS_FILE_SYSTEM}: {@link SluiceHdfsFileSystem} (short-circuit reads of the
 *       local block files, pure Java);</li>
 *   <li>{@code DISTRIBUTED_FILE_SYSTEM} [peer]: Hadoop's stock {@link DistributedFileSystem}
 *       without short-circuit (no native libhadoop: every byte through the DataNode).</li>
 * </ul>
 * The table (columns {@code id} bigint, {@code x} double, {@code y} bigint, {@code z} int, about
 * 9.6 M rows, 28 bytes of values each; uncompressed, no dictionary, one file) is written by Spark once
 * per trial and deleted at tear-down. {@code columns}: the sums of all four columns, or of {@code id}
 * only (column pruning: Spark reads one column chunk per row group). Every trial checks the sums
 * against the same expressions computed without the file, and the read path (Sluice's counters).
 *
 * <p>Not a unit test (no {@code *Test} name): surefire never runs it. Run it with JMH on the
 * engine-tests test class path (see {@code benchmarks/results/v02-enginebench.md}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g",
    "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
    "--add-opens=java.base/sun.security.action=ALL-UNNAMED", "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
    "-Djdk.reflect.useDirectMethodHandle=false", "-Dio.netty.tryReflectionSetAccessible=true"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class SparkParquetScan {
  static final long BLOCK_SIZE = 128L << 20;
  /** 256 MiB of values at 28 bytes per row; {@code -Dsluice.bench.engines.bytes} makes it smaller. */
  static final long ROWS = Long.getLong("sluice.bench.engines.bytes", 256L << 20) / 28;
  static final String COLUMNS_SQL = "id, CAST(id AS DOUBLE) * 0.618 AS x, xxhash64(id) AS y, hash(id) AS z";

  public enum Client { SLUICE_HDFS_FILE_SYSTEM, DISTRIBUTED_FILE_SYSTEM }

  public enum Columns {
    ALL("sum(id)", "sum(x)", "sum(y)", "sum(z)"),
    ONE("sum(id)");

    final String[] sums;

    Columns(String... sums) {
      this.sums = sums;
    }
  }

  @Param
  public Client client;

  @Param
  public Columns columns;

  private File baseDir;
  private MiniDFSCluster cluster;
  private SparkSession spark;
  private String table;
  private Row expected;

  @Setup(Level.Trial)
  public void writeTable() throws IOException {
    baseDir = new File(System.getProperty("java.io.tmpdir"), "sluice-bench-spark-" + UUID.randomUUID());
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.getPath());
    conf.setLong("dfs.blocksize", BLOCK_SIZE);
    conf.setInt("dfs.replication", 1);
    conf.setLong("dfs.block.scanner.volume.bytes.per.second", 0);
    conf.set("dfs.block.local-path-access.user", UserGroupInformation.getCurrentUser().getShortUserName());
    cluster = new MiniDFSCluster.Builder(conf, baseDir).numDataNodes(1).build();
    cluster.waitActive();
    String uri = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
    FileSystem.closeAll(); // the cluster's cached clients go; Spark makes its own

    boolean sluice = client == Client.SLUICE_HDFS_FILE_SYSTEM;
    spark = SparkSession.builder()
        .master("local[1]")
        .appName("sluice-spark-scan")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "1")
        // sum(y) of 64-bit hashes overflows; without ANSI mode it wraps (as the expected sums do)
        // instead of failing the query (Spark 4 turns ANSI mode on by default).
        .config("spark.sql.ansi.enabled", "false")
        .config("spark.sql.parquet.compression.codec", "uncompressed")
        .config("spark.hadoop.parquet.enable.dictionary", "false")
        .config("spark.hadoop.fs.defaultFS", uri)
        .config("spark.hadoop.dfs.blocksize", String.valueOf(BLOCK_SIZE))
        .config("spark.hadoop.dfs.replication", "1")
        .config("spark.hadoop.dfs.client.context", "sluice-bench-spark-" + UUID.randomUUID())
        .config("spark.hadoop.fs.hdfs.impl", (sluice ? SluiceHdfsFileSystem.class : DistributedFileSystem.class).getName())
        .config("spark.hadoop.dfs.client.read.shortcircuit", String.valueOf(sluice))
        .config("spark.hadoop.dfs.client.use.legacy.blockreader.local", String.valueOf(sluice))
        .getOrCreate();
    table = uri + "/bench/spark-table";
    spark.range(0, ROWS, 1, 1).selectExpr(COLUMNS_SQL.split(", ")).write().mode("overwrite").parquet(table);
    expected = spark.range(0, ROWS, 1, 1).selectExpr(COLUMNS_SQL.split(", ")).selectExpr(columns.sums).first();
    checkSameWorkAndPath();
  }

  @TearDown(Level.Trial)
  public void deleteTable() throws IOException {
    try {
      spark.stop();
      FileSystem.closeAll();
    } finally {
      cluster.shutdown(true);
      FileUtil.fullyDelete(baseDir);
    }
  }

  @Benchmark
  public Row scan(Blackhole blackhole) {
    Row sums = spark.read().parquet(table).selectExpr(columns.sums).first();
    blackhole.consume(sums);
    return sums;
  }

  private void checkSameWorkAndPath() throws IOException {
    FileSystem fs = FileSystem.get(URI.create(table), spark.sparkContext().hadoopConfiguration());
    HdfsReadStatistics before = fs instanceof SluiceHdfsFileSystem s ? s.readStatistics() : HdfsReadStatistics.EMPTY;
    Row sums = scan(new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous."));
    if (!sums.equals(expected)) {
      throw new IllegalStateException(client + " " + columns + " summed " + sums + ", the expressions " + expected);
    }
    if (client == Client.SLUICE_HDFS_FILE_SYSTEM) {
      if (!(fs instanceof SluiceHdfsFileSystem sluiceFs)) {
        throw new IllegalStateException("Spark's FileSystem is " + fs.getClass().getName());
      }
      HdfsReadStatistics after = sluiceFs.readStatistics();
      long shortCircuit = after.shortCircuitBytesRead() - before.shortCircuitBytesRead();
      long remote = after.remoteBytesRead() - before.remoteBytesRead();
      if (shortCircuit <= 0 || remote != 0) {
        throw new IllegalStateException("Spark's reads were not short-circuit: " + after + " after, " + before + " before");
      }
    } else if (fs.getClass() != DistributedFileSystem.class
        || fs.getConf().getBoolean("dfs.client.read.shortcircuit", true)) {
      throw new IllegalStateException("Spark's FileSystem is " + fs.getClass().getName() + " with short-circuit "
          + fs.getConf().get("dfs.client.read.shortcircuit"));
    }
  }
}
