package io.sluice.cli;

import io.sluice.compress.Codec;
import io.sluice.fs.CopyOptions;
import io.sluice.fs.CopyResult;
import io.sluice.fs.FileInfo;
import io.sluice.fs.FileSelector;
import io.sluice.fs.FileSystems;
import io.sluice.hdfs.HadoopFileSystem;
import io.sluice.hdfs.HdfsFile;
import io.sluice.hdfs.HdfsReadStatistics;
import io.sluice.io.NativeFile;
import io.sluice.local.LocalFileSystem;
import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPools;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The HDFS part of {@code sluice demo}: sample data in several codecs on local disk, copied into
 * an embedded HDFS and back with transcoding, then read through each HDFS read path with the
 * statistics that prove which path served the bytes. Every step is printed as it happens.
 */
final class HdfsTour {
  /** The sample: CSV-like text, big enough for several 1 MiB HDFS blocks, small enough to stay quick. */
  static final int SAMPLE_BYTES = 6 << 20;
  private static final List<String> CODECS = List.of("gzip", "zstd", "lz4", "snappy");
  private static final String PLAIN = "/demo/events.csv";

  private final PrintWriter out;
  private final LocalFileSystem local = new LocalFileSystem();

  HdfsTour(PrintWriter out) {
    this.out = out;
  }

  /** Runs the tour; true when every byte that came back matched what went in. */
  @SuppressWarnings("try") // hdfs is closed early on purpose, to time the stop; the second close is a no-op
  boolean run() throws IOException {
    Path work = Files.createTempDirectory("sluice-demo-");
    try {
      byte[] sample = sample();
      out.printf("%nHDFS%n----%n");
      long start = System.nanoTime();
      try (EmbeddedHdfs hdfs = EmbeddedHdfs.start()) {
        out.printf("embedded HDFS (in-process MiniDFSCluster, 1 DataNode, 1 MiB blocks) at %s, up in %.1f s%n",
            hdfs.uri(), seconds(start));
        out.flush();
        Path localDir = writeLocalSamples(work.resolve("local"), sample);
        boolean ok;
        try (HadoopFileSystem shortCircuit = hdfs.connect(true); HadoopFileSystem remote = hdfs.connect(false)) {
          ok = copyInAndBack(shortCircuit, localDir, work.resolve("back"), sample);
          ok &= readPaths(shortCircuit, remote, sample);
        }
        start = System.nanoTime();
        hdfs.close();
        out.printf("HDFS stopped and its data directory removed (%.1f s)%n", seconds(start));
        return ok;
      }
    } finally {
      EmbeddedHdfs.deleteTree(work);
      out.printf("local sample files removed%n");
      out.flush();
    }
  }

  private static byte[] sample() {
    StringBuilder text = new StringBuilder(SAMPLE_BYTES + 100);
    long state = 42;
    for (int row = 0; text.length() < SAMPLE_BYTES; row++) {
      state = state * 6364136223846793005L + 1442695040888963407L; // deterministic LCG
      text.append(row).append(",user-").append((state >>> 40) % 5000).append(',')
          .append(((state >>> 20) & 0xFFFF) / 100.0).append(",region-").append((state >>> 60) & 7).append('\n');
    }
    return Arrays.copyOf(text.toString().getBytes(StandardCharsets.US_ASCII), SAMPLE_BYTES);
  }

  private Path writeLocalSamples(Path dir, byte[] sample) throws IOException {
    Files.createDirectories(dir);
    out.printf("%nlocal sample files (%,d bytes of CSV each before compression):%n", sample.length);
    for (String codec : CODECS) {
      String name = "events.csv." + extension(codec);
      long start = System.nanoTime();
      try (NativeFile file = local.openOutputStream(dir.resolve(name).toString(), "detect", 0)) {
        file.write(sample);
      }
      out.printf("  %-20s %-7s %,11d bytes  (%.1f%% of the CSV, written in %.0f ms)%n", name, codec,
          Files.size(dir.resolve(name)), 100.0 * Files.size(dir.resolve(name)) / sample.length,
          seconds(start) * 1000);
    }
    return dir;
  }

  private static String extension(String codec) {
    return switch (codec) {
      case "gzip" -> "gz";
      case "zstd" -> "zst";
      case "snappy" -> "sz";
      default -> codec;
    };
  }

  private boolean copyInAndBack(HadoopFileSystem hdfs, Path localDir, Path back, byte[] sample) throws IOException {
    out.printf("%ncopy local -> HDFS (4 threads, atomic writes):%n");
    long start = System.nanoTime();
    CopyResult up = FileSystems.copyFiles(localDir.toString(), "/demo/in", local, hdfs, 1 << 20, 4);
    out.printf("  %d files, %,d bytes in %.2f s%n", up.files(), up.bytes(), seconds(start));

    out.printf("transcode inside HDFS:%n");
    start = System.nanoTime();
    FileSystems.copyFiles("/demo/in/events.csv.gz", PLAIN, hdfs, hdfs, 1 << 20, 1,
        CopyOptions.DEFAULT.withTranscode(true));
    FileSystems.copyFiles("/demo/in/events.csv.lz4", "/demo/events.csv.zst", hdfs, hdfs, 1 << 20, 1,
        CopyOptions.DEFAULT.withTranscode(true));
    out.printf("  events.csv.gz -> %s (decompressed), events.csv.lz4 -> /demo/events.csv.zst in %.2f s%n",
        PLAIN, seconds(start));
    for (FileInfo info : hdfs.getFileInfo(new FileSelector("/demo", false, true))) {
      if (info.isFile()) {
        out.printf("  hdfs %-26s %,11d bytes  codec %s%n", info.path(), info.size(),
            Codec.detect(info.path()).orElse("none"));
      }
    }

    out.printf("copy HDFS -> local with transcoding:%n");
    start = System.nanoTime();
    String backFile = back.resolve("events.csv.gz").toString();
    FileSystems.copyFiles("/demo/events.csv.zst", backFile, hdfs, local, 1 << 20, 1,
        CopyOptions.DEFAULT.withTranscode(true));
    byte[] returned;
    try (NativeFile in = local.openInputStream(backFile, "detect", 0)) {
      returned = in.read();
    }
    boolean same = Arrays.equals(sample, returned);
    out.printf("  /demo/events.csv.zst -> %s (gzip, %,d bytes) in %.2f s; content identical to the original: %s%n",
        "<tmp>/back/events.csv.gz",
        Files.size(Path.of(backFile)), seconds(start), same);
    return same;
  }

  private boolean readPaths(HadoopFileSystem shortCircuit, HadoopFileSystem remote, byte[] sample) throws IOException {
    out.printf("%nreads of %s (%,d bytes) by read path:%n", PLAIN, sample.length);
    long poolBefore = MemoryPools.defaultPool().bytesAllocated();
    CRC32 expected = new CRC32();
    expected.update(sample);
    boolean ok = true;
    ok &= readAndReport("zero-copy", "readBuffer(1 MiB): views of the mapped local block files",
        shortCircuit, expected.getValue(), true);
    ok &= readAndReport("short-circuit", "readInto(byte[1 MiB]): copied from the local block files",
        shortCircuit, expected.getValue(), false);
    ok &= readAndReport("remote", "readBuffer(1 MiB) with short-circuit off: TCP through the DataNode",
        remote, expected.getValue(), true);
    out.printf("default pool memory: %,d bytes before the reads, %,d bytes after%n", poolBefore,
        MemoryPools.defaultPool().bytesAllocated());
    return ok;
  }

  private boolean readAndReport(String name, String how, HadoopFileSystem fs, long expectedCrc, boolean buffers)
      throws IOException {
    CRC32 crc = new CRC32();
    long start = System.nanoTime();
    long total = 0;
    HdfsReadStatistics stats;
    try (HdfsFile file = fs.openInputFile(PLAIN)) {
      if (buffers) {
        while (true) {
          try (Buffer buffer = file.readBuffer(EmbeddedHdfs.BLOCK_SIZE)) {
            if (buffer.size() == 0) {
              break;
            }
            crc.update(buffer.asByteBuffer());
            total += buffer.size();
          }
        }
      } else {
        byte[] chunk = new byte[EmbeddedHdfs.BLOCK_SIZE];
        int n;
        while ((n = file.readInto(chunk, 0, chunk.length)) > 0) {
          crc.update(chunk, 0, n);
          total += n;
        }
      }
      stats = file.statistics();
    }
    double secs = seconds(start);
    boolean ok = crc.getValue() == expectedCrc;
    out.printf("  %-13s %,d bytes, %7.1f MiB/s, checksum %s  [%s]%n", name, total, total / secs / (1 << 20),
        ok ? "ok" : "MISMATCH", how);
    out.printf("  %-13s served by: remote %,d, short-circuit %,d, of which zero-copy %,d bytes%n", "",
        stats.remoteBytesRead(), stats.shortCircuitBytesRead(), stats.zeroCopyBytesRead());
    out.flush();
    return ok;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
