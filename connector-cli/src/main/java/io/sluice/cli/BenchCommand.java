package io.sluice.cli;

import io.sluice.fs.FileInfo;
import io.sluice.fs.FileSystem;
import io.sluice.fs.FileSystemAndPath;
import io.sluice.hdfs.HdfsFile;
import io.sluice.io.BufferedInputStream;
import io.sluice.io.NativeFile;
import io.sluice.local.LocalFileSystem;
import io.sluice.memory.Buffer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice bench PATH}: read throughput of one file through each read path. Every path
 * checksums what it read (CRC32), so all do the same work on the bytes and the printed checksums
 * prove they read the same content. Best of {@code --iterations} runs; the first run also warms
 * the page cache, so later runs measure cached reads.
 */
@Command(name = "bench", description = "Read throughput of a file by read path: plain, buffered, mmap/zero-copy.")
final class BenchCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PATH", description = "Path or URI of the file to read.")
  String path;

  @Option(names = "--iterations", defaultValue = "3", description = "Runs per read path; the best counts (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--chunk-size", defaultValue = "65536", description = "Bytes per read call (default: ${DEFAULT-VALUE}).")
  int chunkSize;

  /**
   * Test seam: runs with the first buffer of each buffer pass (a view of the mapping in the mmap
   * pass) before it is checksummed, so a test can truncate the file at exactly that point.
   */
  static volatile Consumer<Buffer> beforeFirstBufferChecksum = buffer -> { };

  /** How one read path reads the whole file and checksums it; returns the bytes read. */
  private interface ReadPath {
    long read(CRC32 crc) throws IOException;
  }

  @Override
  public Integer call() throws IOException {
    if (iterations < 1) {
      throw new IllegalArgumentException("--iterations must be >= 1: " + iterations);
    }
    if (chunkSize < 1) {
      throw new IllegalArgumentException("--chunk-size must be >= 1: " + chunkSize);
    }
    FileSystemAndPath resolved = Locations.resolve(path);
    try (FileSystem fs = resolved.fs()) {
      String file = resolved.path();
      FileInfo info = fs.getFileInfo(file);
      if (!info.isFile()) {
        if (info.exists()) {
          throw new IllegalArgumentException("not a file: " + path);
        }
        throw new NoSuchFileException(path);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%s: %,d bytes on %s, %d run(s) per path, %,d-byte reads%n", path, info.size(), fs.typeName(),
          iterations, chunkSize);
      run(out, "plain", "readInto(byte[" + chunkSize + "]) on the raw stream", info.size(), crc -> {
        try (NativeFile in = fs.openRawInputStream(file)) {
          return readAll(in, crc, chunkSize);
        }
      });
      run(out, "buffered", "readInto(byte[4096]) through a 1 MiB BufferedInputStream", info.size(), crc -> {
        try (NativeFile in = new BufferedInputStream(fs.openRawInputStream(file), 1 << 20)) {
          return readAll(in, crc, 4096);
        }
      });
      if (fs instanceof LocalFileSystem) {
        run(out, "mmap", "readBuffer(" + chunkSize + ") views of a MemoryMappedFile", info.size(), crc -> {
          try (NativeFile in = new LocalFileSystem(true).openInputFile(file)) {
            return readBuffers(in, crc, chunkSize, path);
          }
        });
      } else {
        run(out, "zero-copy", "readBuffer(" + chunkSize + ") on the random-access file"
            + " (mapped local blocks when short-circuit reads are on)", info.size(), crc -> {
          try (NativeFile in = fs.openInputFile(file)) {
            long n = readBuffers(in, crc, chunkSize, path);
            if (in instanceof HdfsFile hdfs) {
              out.printf("             %s%n", hdfs.statistics());
            }
            return n;
          }
        });
      }
      out.flush();
    }
    return 0;
  }

  private void run(PrintWriter out, String name, String how, long size, ReadPath readPath) throws IOException {
    long best = Long.MAX_VALUE;
    long checksum = 0;
    for (int i = 0; i < iterations; i++) {
      CRC32 crc = new CRC32();
      long start = System.nanoTime();
      long n = readPath.read(crc);
      long elapsed = System.nanoTime() - start;
      if (n != size) {
        throw new IOException(name + " read " + n + " bytes of a " + size + "-byte file");
      }
      best = Math.min(best, elapsed);
      checksum = crc.getValue();
    }
    double mibPerSecond = size / (best / 1e9) / (1 << 20);
    out.printf("%-10s %10.1f MiB/s  crc32 %08x  %s%n", name, mibPerSecond, checksum, how);
  }

  private static long readAll(NativeFile in, CRC32 crc, int chunk) throws IOException {
    byte[] buffer = new byte[chunk];
    long total = 0;
    int n;
    while ((n = in.readInto(buffer, 0, buffer.length)) > 0) {
      crc.update(buffer, 0, n);
      total += n;
    }
    return total;
  }

  /**
   * Reads the file as buffers (views of a mapping where the path maps) and checksums them through
   * a heap copy: the CRC32 intrinsic over a mapping whose file shrank dies of SIGBUS, whereas the
   * copy turns the same fault into an {@link InternalError} that is reported as an IOException.
   */
  private static long readBuffers(NativeFile in, CRC32 crc, int chunk, String path) throws IOException {
    byte[] copy = new byte[Math.min(chunk, 1 << 16)];
    long total = 0;
    try {
      while (true) {
        try (Buffer buffer = in.readBuffer(chunk)) {
          if (buffer.size() == 0) {
            return total;
          }
          if (total == 0) {
            beforeFirstBufferChecksum.accept(buffer);
          }
          for (long done = 0; done < buffer.size(); ) {
            int n = (int) Math.min(copy.length, buffer.size() - done);
            buffer.getBytes(done, copy, 0, n);
            crc.update(copy, 0, n);
            done += n;
          }
          total += buffer.size();
        }
      }
    } catch (InternalError e) {
      throw new IOException(path + " changed while bench read it (truncated by another process?):"
          + " a fault occurred while reading its memory map", e);
    }
  }
}
