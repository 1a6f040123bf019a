package io.sluice.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.local.LocalFileSystem;
import io.sluice.testing.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same artifact on parquet-java 1.13.1, the version Spark 3.5 ships, which has no vectored-read
 * API ({@code ParquetFileRange}): run in a child JVM whose class path has the 1.13.1 jars instead
 * of the newer ones the module compiles against.
 */
class ParquetOldVersionTest {
  @TempDir
  Path dir;

  @Test
  void writesAndReadsOnParquet113() throws IOException {
    Path oldJars = Path.of("target", "parquet-1.13");
    List<String> classPath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      boolean newParquet = entry.contains("parquet-") && entry.contains(File.separator + "org" + File.separator
          + "apache" + File.separator + "parquet" + File.separator);
      if (!newParquet) {
        classPath.add(entry);
      }
    }
    try (Stream<Path> jars = Files.list(oldJars)) {
      jars.forEach(jar -> classPath.add(jar.toAbsolutePath().toString()));
    }
    ChildJvm.Result result = ChildJvm.run(Scenario.class, List.of(), String.join(File.pathSeparator, classPath),
        Duration.ofSeconds(120), dir.resolve("old.parquet").toString());
    assertFalse(result.crashed(), result.describe());
    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.lines().contains("parquet 1.13.1"), result.describe());
    assertTrue(result.lines().contains("ParquetFileRange absent"), result.describe());
    assertTrue(result.lines().contains("rows 20000 ok"), result.describe());
  }

  /** Writes 20,000 rows through SluiceOutputFile and reads them back through SluiceInputFile. */
  public static final class Scenario {
    public static void main(String[] args) throws Exception {
      // Reflection: the constant would be inlined at compile time (the newer version's value).
      Object version = org.apache.parquet.Version.class.getField("VERSION_NUMBER").get(null);
      System.out.println("parquet " + version);
      try {
        Class.forName("org.apache.parquet.io.ParquetFileRange");
        System.out.println("ParquetFileRange present");
      } catch (ClassNotFoundException expected) {
        System.out.println("ParquetFileRange absent");
      }
      MessageType schema = MessageTypeParser.parseMessageType("message row { required int64 id; }");
      LocalFileSystem fs = new LocalFileSystem(false);
      SimpleGroupFactory groups = new SimpleGroupFactory(schema);
      try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(SluiceOutputFile.of(fs, args[0]))
          .withType(schema).withRowGroupSize(64 * 1024L).build()) {
        for (long i = 0; i < 20_000; i++) {
          writer.write(groups.newGroup().append("id", i));
        }
      }
      long rows = 0;
      try (ParquetFileReader reader = ParquetFileReader.open(SluiceInputFile.of(fs, args[0]),
          ParquetReadOptions.builder().build())) {
        MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
        PageReadStore pages;
        while ((pages = reader.readNextRowGroup()) != null) {
          RecordReader<Group> records = io.getRecordReader(pages, new GroupRecordConverter(schema));
          for (long i = 0; i < pages.getRowCount(); i++) {
            long id = records.read().getLong("id", 0);
            if (id != rows) {
              System.out.println("row " + rows + " read as " + id);
              System.exit(1);
            }
            rows++;
          }
        }
      }
      System.out.println("rows " + rows + (rows == 20_000 ? " ok" : " wrong"));
    }
  }
}
