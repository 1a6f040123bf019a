package io.sluice.hdfs.bench;

import io.sluice.hdfs.HadoopFileSystem;
import io.sluice.hdfs.HdfsFile;
import io.sluice.hdfs.HdfsOptions;
import io.sluice.hdfs.MiniHdfs;
import io.sluice.io.Range;
import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;

/**
 * A dedicated benchmark harness (not JMH: it needs a MiniDFSCluster, which the shaded benchmarks
 * jar does not carry) for issue 6's three comparisons, each measured in one run so the ratios
 * compare like with like:
 * <ol>
 *   <li>sequential read of the whole file through the DataNode: {@code HdfsFile.readInto} /
 *       {@code readBuffer} against {@code FSDataInputStream.read(ByteBuffer)} used directly;</li>
 *   <li>the same with short-circuit reads, and with zero-copy {@code readBuffer} (checksums
 *       verified, and skipped), against the DataNode path;</li>
 *   <li>16 ranges of 1 MiB scattered over the file: {@code readRanges} against seek + read one
 *       by one.</li>
 * </ol>
 * Every variant makes each byte available to the caller and touches one long per 4 KiB page of
 * it (so a mapping's pages are really faulted in). Each iteration opens the file afresh. Variants
 * run round-robin; the table shows the median of the measured iterations after one warm-up round.
 *
 * <p>Usage: {@code HdfsReadHarness [fileMiB=256] [iterations=5] [markdownOut]}.
 */
public final class HdfsReadHarness {
  private static final int CHUNK = 1 << 20;
  private static final long BLOCK_SIZE = 128L << 20;
  private static final String PATH = "/bench/data.bin";
  private static long sink;

  private HdfsReadHarness() {}

  interface Variant {
    /** Reads and returns the number of bytes made available. */
    long run() throws IOException;
  }

  public static void main(String[] args) throws Exception {
    int fileMiB = args.length > 0 ? Integer.parseInt(args[0]) : 256;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    long size = (long) fileMiB << 20;
    try (MiniHdfs hdfs = MiniHdfs.start(new MiniHdfs.Settings(1, true));
        FileSystem hadoop = hdfs.hadoopClient()) {
      writeFile(hadoop, size);
      HdfsOptions remoteOptions = hdfs.options().shortCircuit(false).defaultBlockSize(BLOCK_SIZE).build();
      HdfsOptions localOptions = hdfs.options().shortCircuit(true).defaultBlockSize(BLOCK_SIZE).build();
      HdfsOptions unverifiedOptions = hdfs.options().shortCircuit(true).defaultBlockSize(BLOCK_SIZE)
          .extraConf("dfs.client.read.shortcircuit.skip.checksum", "true").build();
      try (HadoopFileSystem remote = HadoopFileSystem.connect(remoteOptions);
          HadoopFileSystem local = HadoopFileSystem.connect(localOptions);
          HadoopFileSystem unverified = HadoopFileSystem.connect(unverifiedOptions);
          FileSystem plainHadoop = remote.hadoopFileSystem()) {
        StringBuilder report = new StringBuilder();
        report.append("File ").append(fileMiB).append(" MiB, blocks of ").append(BLOCK_SIZE >> 20)
            .append(" MiB, 1 DataNode on loopback, ").append(iterations).append(" measured iterations (median), JDK ")
            .append(Runtime.version()).append("\n\n");

        Map<String, Variant> sequential = new LinkedHashMap<>();
        sequential.put("HADOOP FSDataInputStream.read(ByteBuffer) [peer]", () -> hadoopSequential(plainHadoop, size));
        sequential.put("SLUICE HdfsFile.readInto(MutableBuffer)", () -> sluiceReadInto(remote));
        sequential.put("SLUICE HdfsFile.readBuffer", () -> sluiceReadBuffer(remote));
        report.append(table("Sequential read through the DataNode (TCP)", measure(sequential, iterations, size), size));

        Map<String, Variant> shortCircuit = new LinkedHashMap<>();
        shortCircuit.put("DataNode path: HdfsFile.readBuffer [peer]", () -> sluiceReadBuffer(remote));
        shortCircuit.put("short-circuit copy: HdfsFile.readInto", () -> sluiceReadInto(local));
        shortCircuit.put("zero-copy: HdfsFile.readBuffer (checksums verified)", () -> sluiceReadBuffer(local));
        shortCircuit.put("zero-copy: HdfsFile.readBuffer (checksums skipped)", () -> sluiceReadBuffer(unverified));
        report.append(table("Short-circuit and zero-copy against the DataNode path", measure(shortCircuit, iterations, size), size));

        List<Range> ranges = scatteredRanges(size);
        long rangeBytes = 16L * CHUNK;
        Map<String, Variant> vectored = new LinkedHashMap<>();
        vectored.put("seek + readInto one by one [peer]", () -> seekAndRead(remote, ranges));
        vectored.put("HdfsFile.readRanges (DataNode path)", () -> readRanges(remote, ranges));
        vectored.put("HdfsFile.readRanges (zero-copy)", () -> readRanges(local, ranges));
        report.append(table("16 scattered ranges of 1 MiB", measure(vectored, iterations, rangeBytes), rangeBytes));

        System.out.println(report);
        if (args.length > 2) {
          Files.writeString(Path.of(args[2]), report.toString(), StandardCharsets.UTF_8);
        }
      }
    }
    System.out.println("(sink " + sink + ")");
  }

  private static void writeFile(FileSystem hadoop, long size) throws IOException {
    byte[] chunk = new byte[CHUNK];
    Random random = new Random(1);
    try (FSDataOutputStream out = hadoop.create(new org.apache.hadoop.fs.Path(PATH), true, CHUNK, (short) 1, BLOCK_SIZE)) {
      for (long written = 0; written < size; written += CHUNK) {
        random.nextBytes(chunk);
        out.write(chunk, 0, (int) Math.min(CHUNK, size - written));
      }
    }
  }

  /** 16 ranges of 1 MiB, one in each sixteenth of the file at a random offset, in random order. */
  private static List<Range> scatteredRanges(long size) {
    Random random = new Random(7);
    long slot = size / 16;
    List<Range> ranges = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      ranges.add(Range.of(i * slot + random.nextInt((int) Math.max(1, slot - CHUNK)), CHUNK));
    }
    java.util.Collections.shuffle(ranges, random);
    return ranges;
  }

  private static Map<String, double[]> measure(Map<String, Variant> variants, int iterations, long expectedBytes) throws IOException {
    Map<String, double[]> seconds = new LinkedHashMap<>();
    variants.keySet().forEach(name -> seconds.put(name, new double[iterations]));
    for (int round = -1; round < iterations; round++) {
      for (Map.Entry<String, Variant> variant : variants.entrySet()) {
        long start = System.nanoTime();
        long bytes = variant.getValue().run();
        long elapsed = System.nanoTime() - start;
        if (bytes != expectedBytes) {
          throw new IllegalStateException(variant.getKey() + " read " + bytes + " bytes, expected " + expectedBytes);
        }
        if (round >= 0) {
          seconds.get(variant.getKey())[round] = elapsed / 1e9;
        }
      }
    }
    return seconds;
  }

  private static String table(String title, Map<String, double[]> seconds, long bytes) {
    StringBuilder out = new StringBuilder("### ").append(title).append("\n\n| variant | MiB/s (median) | ratio to peer |\n|---|---:|---:|\n");
    double peer = 0;
    for (Map.Entry<String, double[]> entry : seconds.entrySet()) {
      double[] sorted = entry.getValue().clone();
      Arrays.sort(sorted);
      double throughput = (bytes / (double) (1 << 20)) / sorted[sorted.length / 2];
      if (peer == 0) {
        peer = throughput;
      }
      out.append(String.format(Locale.ROOT, "| %s | %.0f | %.2fx |%n", entry.getKey(), throughput, throughput / peer));
    }
    return out.append('\n').toString();
  }

  // ---------------------------------------------------------------- variants

  private static long hadoopSequential(FileSystem hadoop, long size) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
    long total = 0;
    try (FSDataInputStream in = hadoop.open(new org.apache.hadoop.fs.Path(PATH))) {
      while (true) {
        chunk.clear();
        int n = in.read(chunk);
        if (n < 0) {
          break;
        }
        touch(chunk, n);
        total += n;
      }
    }
    return total;
  }

  private static long sluiceReadInto(HadoopFileSystem fs) throws IOException {
    long total = 0;
    try (HdfsFile file = fs.openInputFile(PATH); MutableBuffer chunk = MemoryPools.defaultPool().allocate(CHUNK)) {
      long n;
      while ((n = file.readInto(chunk)) > 0) {
        touch(chunk, n);
        total += n;
      }
    }
    return total;
  }

  private static long sluiceReadBuffer(HadoopFileSystem fs) throws IOException {
    long total = 0;
    try (HdfsFile file = fs.openInputFile(PATH)) {
      while (true) {
        try (Buffer buffer = file.readBuffer(CHUNK)) {
          if (buffer.size() == 0) {
            break;
          }
          touch(buffer, buffer.size());
          total += buffer.size();
        }
      }
    }
    return total;
  }

  private static long seekAndRead(HadoopFileSystem fs, List<Range> ranges) throws IOException {
    long total = 0;
    try (HdfsFile file = fs.openInputFile(PATH); MutableBuffer chunk = MemoryPools.defaultPool().allocate(CHUNK)) {
      for (Range range : ranges) {
        file.seek(range.offset());
        long n = 0;
        while (n < range.length()) {
          long read = file.readInto(chunk.slice(n, range.length() - n));
          n += read;
        }
        touch(chunk, n);
        total += n;
      }
    }
    return total;
  }

  private static long readRanges(HadoopFileSystem fs, List<Range> ranges) throws IOException {
    long total = 0;
    try (HdfsFile file = fs.openInputFile(PATH)) {
      List<Buffer> buffers = file.readRanges(ranges);
      for (Buffer buffer : buffers) {
        touch(buffer, buffer.size());
        total += buffer.size();
        buffer.close();
      }
    }
    return total;
  }

  private static void touch(Buffer buffer, long length) {
    long sum = 0;
    for (long i = 0; i + 8 <= length; i += 4096) {
      sum += buffer.getLong(i);
    }
    sink += sum;
  }

  private static void touch(ByteBuffer buffer, int length) {
    long sum = 0;
    for (int i = 0; i + 8 <= length; i += 4096) {
      sum += buffer.getLong(i);
    }
    sink += sum;
  }
}
