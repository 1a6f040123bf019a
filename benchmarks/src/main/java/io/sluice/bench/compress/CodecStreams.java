package io.sluice.bench.compress;

import io.sluice.bench.ForkFlags;
import io.sluice.compress.Codec;
import io.sluice.io.BufferReader;
import io.sluice.io.CompressedInputStream;
import io.sluice.io.CompressedOutputStream;
import io.sluice.io.JavaFile;
import io.sluice.memory.Buffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Streaming compression and decompression of {@code sizeMiB} MiB of a realistic mix (CSV-like text
 * rows and little-endian integer columns), per codec, by each way a Java user could stream it:
 * <ul>
 *   <li>{@code SLUICE}: {@link CompressedOutputStream} over a {@link JavaFile}, and
 *       {@link CompressedInputStream} over a {@link BufferReader}, read with {@code readInto};</li>
 *   <li>{@code LIBRARY}: the codec library's own stream classes used directly (for gzip and deflate
 *       that library is {@code java.util.zip}: {@code GZIP*Stream}, {@code Deflater/InflaterInputStream});</li>
 *   <li>{@code HADOOP}: the streams of Hadoop's codec from {@link CompressionCodecFactory} (pure-Java
 *       paths, no libhadoop);</li>
 *   <li>{@code COMMONS}: commons-compress' pure-Java LZ4/Snappy frame streams, the alternative
 *       library for those formats.</li>
 * </ul>
 * {@code maxRatio} is the decompression bomb guard's limit for {@code SLUICE} reads (200, the
 * default; {@code -p maxRatio=200,0} runs the guard on and off in one run; the guard only starts
 * checking past 64 MiB of output, so measure its cost with {@code -p sizeMiB=80}).
 * {@code input} picks what the decompress benchmarks read ({@code compress} ignores it):
 * <ul>
 *   <li>{@code SLUICE}: Sluice's own output (for lz4: independent 256 KiB blocks);</li>
 *   <li>{@code TOOL}: the same data written by the codec's command-line tool at its defaults
 *       ({@code gzip}, {@code bzip2}, {@code zstd}, {@code brotli}), for lz4 {@code lz4 -BD -B4}: linked
 *       64 KiB blocks with a content checksum, what liblz4 and PyArrow write by default;</li>
 *   <li>{@code TOOL_INDEPENDENT} (lz4 only): {@code lz4 -BI -B4}, the same frames with independent
 *       blocks, which lz4-java's own reader ({@code LIBRARY}) can decode: the peer a linked-block
 *       decoder is measured against.</li>
 * </ul>
 * Tool inputs are made in setup by running the tool (installed by {@code .ci/run}; setup fails
 * naming the missing tool) and cached in {@code java.io.tmpdir/sluice-bench-tool-inputs} keyed by
 * data size and command, so forks and reruns do not pay for a slow compressor again.
 * Writes and reads go in 64 KiB calls. Not every codec has every competitor: run with {@code -p}
 * lists of valid pairs (see results/compress.md); an invalid pair fails in setup. Score: MB/s of
 * uncompressed data (ops/s times size).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX})
public class CodecStreams {
  private static final int CALL_SIZE = 64 * 1024;

  @Param({"gzip", "bz2", "lz4", "lz4_hadoop", "zstd", "snappy", "snappy_hadoop", "brotli", "deflate"})
  public String codec;

  @Param({"SLUICE", "LIBRARY", "HADOOP", "COMMONS"})
  public String impl;

  @Param({"16"})
  public int sizeMiB;

  @Param({"200"})
  public double maxRatio = 200;

  @Param({"SLUICE"})
  public String input = "SLUICE";

  private byte[] data;
  private byte[] compressed;
  private final byte[] chunk = new byte[CALL_SIZE];
  private CompressionCodec hadoopCodec;
  private final DiscardingOutputStream sink = new DiscardingOutputStream();

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    data = realisticMix(sizeMiB << 20, 1);
    if (codec.equals("brotli")) {
      // brotli4j's streams do not load their native library themselves; with a tool-written input
      // nothing of Sluice's runs before the LIBRARY peer to load it
      com.aayushatharva.brotli4j.Brotli4jLoader.ensureAvailability();
    }
    if (impl.equals("HADOOP")) {
      String extension = switch (codec) {
        case "gzip" -> "gz";
        case "bz2" -> "bz2";
        case "lz4_hadoop" -> "lz4";
        case "snappy_hadoop" -> "snappy";
        case "deflate" -> "deflate";
        default -> throw new IllegalArgumentException("Hadoop has no streaming codec for " + codec + " without libhadoop");
      };
      hadoopCodec = new CompressionCodecFactory(new Configuration()).getCodec(new Path("x." + extension));
    }
    // Everyone decompresses the same bytes: Sluice's output (the format itself) or a tool's.
    compressed = switch (input) {
      case "SLUICE" -> sluiceCompressed();
      case "TOOL" -> ToolInputs.compress(toolCommand(codec, false), data, sizeMiB);
      case "TOOL_INDEPENDENT" -> ToolInputs.compress(toolCommand(codec, true), data, sizeMiB);
      default -> throw new IllegalArgumentException("unknown input " + input + " (SLUICE, TOOL, TOOL_INDEPENDENT)");
    };
    // Fail in setup, not in the measurement, for a pair that does not exist (opening is enough:
    // a full trial run here would cost minutes for the slowest compressors).
    if (!impl.equals("SLUICE")) {
      openEncoder(impl).close();
      openDecoder(impl).close();
    }
    sink.count = 0;
  }

  private byte[] sluiceCompressed() throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (OutputStream encoder = Codec.of(codec).compressingStream(out)) {
      encoder.write(data);
    }
    return out.toByteArray();
  }

  /** The command that writes {@code codec}'s format from standard input to standard output. */
  static java.util.List<String> toolCommand(String codec, boolean independentLz4Blocks) {
    if (independentLz4Blocks && !codec.equals("lz4")) {
      throw new IllegalArgumentException("input TOOL_INDEPENDENT is for lz4 only, not " + codec);
    }
    return switch (codec) {
      case "gzip" -> java.util.List.of("gzip", "-c", "-n");
      case "bz2" -> java.util.List.of("bzip2", "-c");
      case "zstd" -> java.util.List.of("zstd", "-q", "-c");
      case "brotli" -> java.util.List.of("brotli", "-c");
      case "lz4" -> java.util.List.of("lz4", "-q", "-c", independentLz4Blocks ? "-BI" : "-BD", "-B4");
      default -> throw new IllegalArgumentException("no command-line tool input for " + codec
          + " (tools: gzip, bz2, zstd, brotli, lz4)");
    };
  }

  @Benchmark
  public long compress() throws IOException {
    return compressWith(impl);
  }

  @Benchmark
  public long decompress() throws IOException {
    return decompressWith(impl);
  }

  private long compressWith(String how) throws IOException {
    sink.count = 0;
    if (how.equals("SLUICE")) {
      try (CompressedOutputStream out = new CompressedOutputStream(new JavaFile(sink), codec)) {
        for (int at = 0; at < data.length; at += CALL_SIZE) {
          out.write(data, at, Math.min(CALL_SIZE, data.length - at));
        }
      }
      return sink.count;
    }
    try (OutputStream out = openEncoder(how)) {
      for (int at = 0; at < data.length; at += CALL_SIZE) {
        out.write(data, at, Math.min(CALL_SIZE, data.length - at));
      }
    }
    return sink.count;
  }

  private long decompressWith(String how) throws IOException {
    long total = 0;
    if (how.equals("SLUICE")) {
      try (CompressedInputStream in = new CompressedInputStream(new BufferReader(Buffer.wrap(compressed)), codec)) {
        in.setMaxCompressionRatio(maxRatio);
        for (int n = in.readInto(chunk, 0, CALL_SIZE); n > 0; n = in.readInto(chunk, 0, CALL_SIZE)) {
          total += n;
        }
      }
    } else {
      try (InputStream in = openDecoder(how)) {
        for (int n = in.read(chunk, 0, CALL_SIZE); n >= 0; n = in.read(chunk, 0, CALL_SIZE)) {
          total += n;
        }
      }
    }
    if (total != data.length) {
      throw new IllegalStateException(how + " " + codec + " decompressed " + total + " bytes, expected " + data.length);
    }
    return total;
  }

  private OutputStream openEncoder(String how) throws IOException {
    int level = Codec.supportsCompressionLevel(codec) ? Codec.defaultCompressionLevel(codec) : 0;
    if (how.equals("HADOOP")) {
      return hadoopCodec.createOutputStream(sink);
    }
    if (how.equals("COMMONS")) {
      return switch (codec) {
        case "lz4" -> new org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream(sink);
        case "snappy" -> new org.apache.commons.compress.compressors.snappy.FramedSnappyCompressorOutputStream(sink);
        default -> throw new IllegalArgumentException("no commons-compress alternative benchmarked for " + codec);
      };
    }
    if (!how.equals("LIBRARY")) {
      throw new IllegalArgumentException("unknown impl " + how);
    }
    return switch (codec) {
      case "gzip" -> new GZIPOutputStream(sink, CALL_SIZE) {
        {
          def.setLevel(level);
        }
      };
      case "deflate" -> new DeflaterOutputStream(sink, new Deflater(level), CALL_SIZE);
      case "bz2" -> new org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream(sink, level);
      case "lz4" -> new net.jpountz.lz4.LZ4FrameOutputStream(sink, net.jpountz.lz4.LZ4FrameOutputStream.BLOCKSIZE.SIZE_256KB,
          net.jpountz.lz4.LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE,
          net.jpountz.lz4.LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM);
      case "zstd" -> new com.github.luben.zstd.ZstdOutputStreamNoFinalizer(sink, level).setChecksum(true);
      case "snappy" -> new org.xerial.snappy.SnappyFramedOutputStream(sink);
      case "brotli" -> new com.aayushatharva.brotli4j.encoder.BrotliOutputStream(sink,
          new com.aayushatharva.brotli4j.encoder.Encoder.Parameters().setQuality(level));
      default -> throw new IllegalArgumentException("no library stream for " + codec);
    };
  }

  private InputStream openDecoder(String how) throws IOException {
    InputStream source = new ByteArrayInputStream(compressed);
    if (how.equals("HADOOP")) {
      return hadoopCodec.createInputStream(source);
    }
    if (how.equals("COMMONS")) {
      return switch (codec) {
        case "lz4" -> new org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream(source, true);
        case "snappy" -> new org.apache.commons.compress.compressors.snappy.FramedSnappyCompressorInputStream(source);
        default -> throw new IllegalArgumentException("no commons-compress alternative benchmarked for " + codec);
      };
    }
    if (!how.equals("LIBRARY")) {
      throw new IllegalArgumentException("unknown impl " + how);
    }
    return switch (codec) {
      case "gzip" -> new GZIPInputStream(source, CALL_SIZE);
      case "deflate" -> new InflaterInputStream(source, new java.util.zip.Inflater(), CALL_SIZE);
      case "bz2" -> new org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream(source, true);
      case "lz4" -> new net.jpountz.lz4.LZ4FrameInputStream(source,
          net.jpountz.lz4.LZ4Factory.fastestInstance().safeDecompressor(),
          net.jpountz.xxhash.XXHashFactory.fastestInstance().hash32());
      case "zstd" -> new com.github.luben.zstd.ZstdInputStreamNoFinalizer(source);
      case "snappy" -> new org.xerial.snappy.SnappyFramedInputStream(source);
      case "brotli" -> new com.aayushatharva.brotli4j.decoder.BrotliInputStream(source);
      default -> throw new IllegalArgumentException("no library stream for " + codec);
    };
  }

  /** CSV-like rows (75%) and little-endian int columns (25%), deterministic. */
  public static byte[] realisticMix(int size, long seed) {
    Random random = new Random(seed);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(size + 256);
    String[] words = {"alpha", "beta", "gamma", "delta", "sluice", "arrow", "hadoop", "2026-11-23", "NULL", "42.5"};
    int row = 0;
    while (out.size() < size) {
      if (row % 16 < 12) {
        String line = row + "," + words[random.nextInt(words.length)] + "," + random.nextInt(100_000) + ","
            + random.nextGaussian() + "," + words[random.nextInt(words.length)] + "\n";
        out.writeBytes(line.getBytes(StandardCharsets.US_ASCII));
      } else {
        for (int i = 0; i < 16; i++) {
          int value = row * 16 + random.nextInt(1 << 12);
          out.write(value);
          out.write(value >>> 8);
          out.write(value >>> 16);
          out.write(0);
        }
      }
      row++;
    }
    return java.util.Arrays.copyOf(out.toByteArray(), size);
  }

  /** Counts and drops compressed output, so the sink costs nothing but the call. */
  static final class DiscardingOutputStream extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
