package io.sluice.bench.engines;

import io.sluice.bench.ForkFlags;
import io.sluice.hdfs.HdfsFile;
import io.sluice.hdfs.HdfsReadStatistics;
import io.sluice.parquet.SluiceInputFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.client.HdfsDataInputStream;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
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
 * Issue 13: a Parquet scan of a 256 MiB file (see {@link BenchTable}) on a one-DataNode
 * MiniDFSCluster whose only replica is local, by parquet-java 1.18.2 itself
 * ({@code ParquetFileReader.readNextRowGroup}, vectored IO on, the parquet 1.18 Hadoop default),
 * through two {@link InputFile}s:
 * <ul>
 *   <li>{@code SLUICE_INPUT_FILE}: connector-parquet's {@link SluiceInputFile} on Sluice's HDFS
 *       file system with short-circuit reads (row-group ranges through {@code readRanges}: views of
 *       the mapped block files, checksums verified, then one copy into parquet's buffers);</li>
 *   <li>{@code HADOOP_INPUT_FILE} [peer]: parquet's own {@link HadoopInputFile} on Hadoop's
 *       {@code DistributedFileSystem} without short-circuit (the remote path through the DataNode).</li>
 * </ul>
 * One operation opens the file, reads every row group's pages of the requested columns
 * ({@code columns}: all four, or {@code id} alone through {@code setRequestedSchema}) and sums
 * the values of every page (uncompressed, plain, required columns, V1 pages: the page bytes are
 * the values), so both sides do exactly the same work; the trial's set-up checks the sums against
 * the generator's. The file is written once per trial (fork) and deleted at tear-down.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {ForkFlags.ARROW_OPENS_NIO, ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
public class ParquetHdfsScan {
  static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
      "message bench { required int64 id; required double x; required int64 y; required int32 z; }");
  static final ParquetReadOptions OPTIONS = ParquetReadOptions.builder().withUseHadoopVectoredIo(true).build();
  static final Path PATH = new Path("/bench/table.parquet");

  public enum Reader { SLUICE_INPUT_FILE, HADOOP_INPUT_FILE }

  @Param
  public Reader reader;

  @Param
  public Columns columns;

  private BenchHdfs hdfs;
  private long expected;
  long fileLength;

  @Setup(Level.Trial)
  public void writeTable() throws IOException {
    hdfs = BenchHdfs.start();
    try {
      write(hdfs.hadoopRemote(), hdfs.remoteConf());
      fileLength = hdfs.hadoopRemote().getFileStatus(PATH).getLen();
      expected = BenchTable.expectedScan(BenchTable.expectedChecksums(BenchTable.rows()), columns);
      checkSameWorkAndPath();
    } catch (IOException | RuntimeException e) {
      hdfs.close();
      throw e;
    }
  }

  @TearDown(Level.Trial)
  public void deleteTable() throws IOException {
    hdfs.close();
  }

  @Benchmark
  public long scan(Blackhole blackhole) throws IOException {
    long sum = scan(inputFile());
    blackhole.consume(sum);
    return sum;
  }

  InputFile inputFile() throws IOException {
    return switch (reader) {
      case SLUICE_INPUT_FILE -> SluiceInputFile.of(hdfs.sluice(), PATH.toString());
      case HADOOP_INPUT_FILE -> HadoopInputFile.fromPath(PATH, hdfs.remoteConf());
    };
  }

  /** Reads every page of the requested columns of every row group and sums their values. */
  long scan(InputFile file) throws IOException {
    long sum = 0;
    try (ParquetFileReader parquet = ParquetFileReader.open(file, OPTIONS)) {
      List<ColumnDescriptor> wanted = new ArrayList<>();
      List<Integer> widths = new ArrayList<>();
      List<ColumnDescriptor> all = parquet.getFileMetaData().getSchema().getColumns();
      for (int c = 0; c < all.size(); c++) {
        if (columns.reads(c)) {
          wanted.add(all.get(c));
          widths.add(BenchTable.WIDTHS[c]);
        }
      }
      parquet.setRequestedSchema(wanted);
      for (PageReadStore next = parquet.readNextRowGroup(); next != null; next = parquet.readNextRowGroup()) {
        try (PageReadStore rowGroup = next) {
          for (int c = 0; c < wanted.size(); c++) {
            PageReader pages = rowGroup.getPageReader(wanted.get(c));
            DataPage page;
            while ((page = pages.readPage()) != null) {
              sum += BenchTable.checksum(((DataPageV1) page).getBytes().toByteBuffer(), widths.get(c));
            }
          }
        } catch (Exception e) {
          throw e instanceof IOException io ? io : new IOException(e);
        }
      }
    }
    return sum;
  }

  /** Writes the table: uncompressed, no dictionary, V1 pages of 1 MiB, row groups of 64 MiB. */
  static void write(FileSystem fs, org.apache.hadoop.conf.Configuration conf) throws IOException {
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    long rows = BenchTable.rows();
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(PATH, conf))
        .withType(SCHEMA)
        .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
        .withDictionaryEncoding(false)
        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
        .withPageSize(1 << 20)
        .withRowGroupSize(Math.min(64L << 20, BenchHdfs.blockSize() / 2))
        .build()) {
      for (long row = 0; row < rows; row++) {
        writer.write(groups.newGroup()
            .append("id", BenchTable.id(row))
            .append("x", BenchTable.x(row))
            .append("y", BenchTable.y(row))
            .append("z", BenchTable.z(row)));
      }
    }
  }

  /**
   * Fails the trial unless this reader's scan gives the generator's sums, and unless the bytes took
   * the path the variant names: short-circuit reads for Sluice, none for Hadoop's remote client.
   */
  private void checkSameWorkAndPath() throws IOException {
    long sum = scan(inputFile());
    if (sum != expected) {
      throw new IllegalStateException(reader + " " + columns + " summed " + sum + ", the generator " + expected);
    }
    if (reader == Reader.SLUICE_INPUT_FILE) {
      try (HdfsFile file = hdfs.sluice().openInputFile(PATH.toString())) {
        scan(SluiceInputFile.of(file));
        HdfsReadStatistics stats = file.statistics();
        if (stats.remoteBytesRead() != 0 || stats.shortCircuitBytesRead() + stats.zeroCopyBytesRead() == 0) {
          throw new IllegalStateException("Sluice's scan did not read the local replica directly: " + stats);
        }
      }
    } else {
      if (FileSystem.get(PATH.toUri().getScheme() == null ? hdfs.hadoopRemote().getUri() : PATH.toUri(),
          hdfs.remoteConf()) != hdfs.hadoopRemote()) {
        throw new IllegalStateException("HadoopInputFile would not use the remote client");
      }
      try (FSDataInputStream in = hdfs.hadoopRemote().open(PATH)) {
        in.readFully(0, new byte[1 << 20]);
        long shortCircuit = ((HdfsDataInputStream) in).getReadStatistics().getTotalShortCircuitBytesRead();
        if (shortCircuit != 0) {
          throw new IllegalStateException("Hadoop's client read " + shortCircuit + " bytes short-circuit");
        }
      }
    }
  }
}
