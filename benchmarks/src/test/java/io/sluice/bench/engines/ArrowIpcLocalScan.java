package io.sluice.bench.engines;

import io.sluice.arrow.ArrowIpc;
import io.sluice.bench.ForkFlags;
import io.sluice.local.MemoryMappedFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowFileReader;
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
 * Issue 13: an Arrow IPC file of 256 MiB of values ({@link BenchTable}, 64 Ki rows per batch) in
 * a local temp dir (page cache warm after the first pass), opened and scanned whole per operation:
 * <ul>
 *   <li>{@code SLUICE_MMAP}: connector-arrow's {@link ArrowIpc#openFile} over a Sluice
 *       {@link MemoryMappedFile} (batch buffers are views of the mapping);</li>
 *   <li>{@code SLUICE_MMAP_KEPT_OPEN}: the same reader over one mapping opened at set-up, so the
 *       page tables stay filled between scans (what a long-lived reader of the file sees; the
 *       per-open cost of {@code SLUICE_MMAP} is mostly the page faults of the fresh mapping);</li>
 *   <li>{@code ARROW_FILE_CHANNEL} [peer]: Arrow Java's {@link ArrowFileReader} over a
 *       {@link FileChannel} (each batch body read into memory of Arrow's allocator).</li>
 * </ul>
 * Both sum the values of the requested columns of every batch ({@code columns}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {ForkFlags.ARROW_OPENS_NIO, ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
public class ArrowIpcLocalScan {
  public enum Reader { SLUICE_MMAP, SLUICE_MMAP_KEPT_OPEN, ARROW_FILE_CHANNEL }

  @Param
  public Reader reader;

  @Param
  public Columns columns;

  private Path dir;
  private String file;
  private BufferAllocator allocator;
  private MemoryMappedFile keptOpen;
  private long expected;

  @Setup(Level.Trial)
  public void writeFile() throws IOException {
    dir = Files.createTempDirectory("sluice-bench-arrow-");
    file = dir.resolve("table.arrow").toString();
    allocator = new RootAllocator();
    ArrowTables.write(file, BenchHdfs.blockSize(), allocator);
    keptOpen = MemoryMappedFile.open(file, "r");
    expected = BenchTable.expectedScan(BenchTable.expectedChecksums(BenchTable.rows()), columns);
    long sum = scanOnce();
    if (sum != expected) {
      throw new IllegalStateException(reader + " " + columns + " summed " + sum + ", the generator " + expected);
    }
  }

  @TearDown(Level.Trial)
  public void deleteFile() throws IOException {
    keptOpen.close();
    allocator.close();
    Files.deleteIfExists(Path.of(file));
    Files.deleteIfExists(dir);
  }

  @Benchmark
  public long scan(Blackhole blackhole) throws IOException {
    long sum = scanOnce();
    blackhole.consume(sum);
    return sum;
  }

  long scanOnce() throws IOException {
    switch (reader) {
      case SLUICE_MMAP -> {
        try (MemoryMappedFile map = MemoryMappedFile.open(file, "r");
            ArrowFileReader arrow = ArrowIpc.openFile(map, allocator)) {
          return ArrowTables.scan(arrow, columns);
        }
      }
      case SLUICE_MMAP_KEPT_OPEN -> {
        try (ArrowFileReader arrow = ArrowIpc.openFile(keptOpen, allocator)) {
          return ArrowTables.scan(arrow, columns);
        }
      }
      case ARROW_FILE_CHANNEL -> {
        try (FileChannel channel = FileChannel.open(Path.of(file), StandardOpenOption.READ);
            ArrowFileReader arrow = new ArrowFileReader(channel, allocator)) {
          return ArrowTables.scan(arrow, columns);
        }
      }
      default -> throw new IllegalStateException(String.valueOf(reader));
    }
  }
}
