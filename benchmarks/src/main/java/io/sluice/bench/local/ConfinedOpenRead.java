package io.sluice.bench.local;

import io.sluice.bench.ForkFlags;
import io.sluice.fs.FileSystem;
import io.sluice.fs.SubTreeFileSystem;
import io.sluice.io.NativeFile;
import io.sluice.local.LocalFileSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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

/**
 * What race-free confinement costs: open a small file, read all of it, close it (one operation), by
 * a path {@code depth} names deep, through the plain {@link LocalFileSystem} and through a confined
 * {@link SubTreeFileSystem} over it (which walks the names from an open handle of the base with
 * {@code openat}/{@code fstatat}, following no link). {@code Files.readAllBytes} is the JDK's floor.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX})
public class ConfinedOpenRead {

  /** The competitors. */
  public enum Opener {
    /** {@code LocalFileSystem.openInputFile(absolute path)}. */
    SLUICE_LOCAL,
    /** {@code SubTreeFileSystem(base, LocalFileSystem).openInputFile(relative path)}: confined, race-free. */
    SLUICE_SUBTREE_CONFINED,
    /** {@code Files.readAllBytes(path)}. */
    JDK_READ_ALL_BYTES
  }

  @Param({"4096"})
  public int fileSize;

  /** Names in the path below the base: {@code f.bin} or {@code d1/d2/f.bin}. */
  @Param({"1", "3"})
  public int depth;

  @Param
  public Opener opener;

  private Path base;
  private String relative;
  private String absolute;
  private FileSystem fs;
  private byte[] into;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    base = Files.createTempDirectory("sluice-confined-bench");
    StringBuilder path = new StringBuilder();
    for (int i = 1; i < depth; i++) {
      path.append("d").append(i).append('/');
    }
    relative = path.append("f.bin").toString();
    Path file = base.resolve(relative);
    Files.createDirectories(file.getParent());
    byte[] content = new byte[fileSize];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 31 + 7);
    }
    Files.write(file, content);
    absolute = file.toString();
    into = new byte[fileSize];
    LocalFileSystem local = new LocalFileSystem();
    fs = opener == Opener.SLUICE_SUBTREE_CONFINED ? new SubTreeFileSystem(base.toString(), local) : local;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    fs.close();
    try (Stream<Path> all = Files.walk(base)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Opens, reads the whole file, closes; returns a value depending on the bytes. */
  @Benchmark
  public long openReadClose() throws IOException {
    switch (opener) {
      case JDK_READ_ALL_BYTES -> {
        byte[] bytes = Files.readAllBytes(Path.of(absolute));
        return bytes.length + bytes[bytes.length - 1];
      }
      default -> {
        String path = opener == Opener.SLUICE_LOCAL ? absolute : relative;
        try (NativeFile in = fs.openInputFile(path)) {
          int total = 0;
          int n;
          while (total < into.length && (n = in.readInto(into, total, into.length - total)) > 0) {
            total += n;
          }
          return total + into[total - 1];
        }
      }
    }
  }
}
