package io.sluice.bench.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each engine benchmark's competitors, once each on a small table (6 MiB of values, 4 MiB HDFS
 * blocks): both readers of every benchmark sum exactly the generator's values for all columns and
 * for one, so they do the same work; each trial's set-up also checks its read path (short-circuit
 * or zero-copy for Sluice, none for Hadoop's remote client). No timing.
 */
class EngineBenchmarksTest {
  @BeforeAll
  static void smallTable() {
    System.setProperty("sluice.bench.engines.bytes", String.valueOf(6L << 20));
    System.setProperty("sluice.bench.engines.blockSize", String.valueOf(4L << 20));
  }

  @AfterAll
  static void fullSizeAgain() {
    System.clearProperty("sluice.bench.engines.bytes");
    System.clearProperty("sluice.bench.engines.blockSize");
  }

  private static long expected(Columns columns) {
    return BenchTable.expectedScan(BenchTable.expectedChecksums(BenchTable.rows()), columns);
  }

  @Test
  void parquetReadersSumTheGeneratorsValues() throws Exception {
    ParquetHdfsScan bench = new ParquetHdfsScan();
    bench.reader = ParquetHdfsScan.Reader.SLUICE_INPUT_FILE;
    bench.columns = Columns.ALL;
    bench.writeTable();
    try {
      for (ParquetHdfsScan.Reader reader : ParquetHdfsScan.Reader.values()) {
        for (Columns columns : Columns.values()) {
          bench.reader = reader;
          bench.columns = columns;
          assertEquals(expected(columns), bench.scan(bench.inputFile()), reader + " " + columns);
        }
      }
    } finally {
      bench.deleteTable();
    }
  }

  @Test
  void arrowHdfsReadersSumTheGeneratorsValues() throws Exception {
    ArrowIpcHdfsScan bench = new ArrowIpcHdfsScan();
    bench.reader = ArrowIpcHdfsScan.Reader.SLUICE_HDFS_FILE;
    bench.columns = Columns.ALL;
    bench.writeFile();
    try {
      for (ArrowIpcHdfsScan.Reader reader : ArrowIpcHdfsScan.Reader.values()) {
        for (Columns columns : Columns.values()) {
          bench.reader = reader;
          bench.columns = columns;
          assertEquals(expected(columns), bench.scanOnce(), reader + " " + columns);
        }
      }
    } finally {
      bench.deleteFile();
    }
  }

  @Test
  void arrowLocalReadersSumTheGeneratorsValues() throws Exception {
    ArrowIpcLocalScan bench = new ArrowIpcLocalScan();
    bench.reader = ArrowIpcLocalScan.Reader.SLUICE_MMAP;
    bench.columns = Columns.ALL;
    bench.writeFile();
    try {
      for (ArrowIpcLocalScan.Reader reader : ArrowIpcLocalScan.Reader.values()) {
        for (Columns columns : Columns.values()) {
          bench.reader = reader;
          bench.columns = columns;
          assertEquals(expected(columns), bench.scanOnce(), reader + " " + columns);
        }
      }
    } finally {
      bench.deleteFile();
    }
  }
}
