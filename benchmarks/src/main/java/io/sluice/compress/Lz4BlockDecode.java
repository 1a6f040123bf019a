package io.sluice.compress;

import io.sluice.bench.compress.CodecStreams;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
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
 * LZ4 block decoding alone, without frames, checksums or streams: {@code sizeMiB} MiB of
 * {@link CodecStreams#realisticMix} compressed by lz4-java into independent blocks of
 * {@code blockKiB} KiB, all decoded per operation. Peers: lz4-java's native
 * {@code LZ4_decompress_safe} (JNI), lz4-java's pure-Java safe decoder, and airlift's aircompressor
 * (pure Java over {@code Unsafe}). Sluice's {@link Lz4BlockDecoder} is package-private, which is why
 * this benchmark sits in its package. One operation = {@code sizeMiB} MiB of output.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(2)
public class Lz4BlockDecode {
  public enum Decoder { SLUICE, LZ4_JAVA_NATIVE, LZ4_JAVA_SAFE_JAVA, AIRCOMPRESSOR }

  @Param({"16"})
  public int sizeMiB;

  @Param({"64"})
  public int blockKiB;

  @Param
  public Decoder decoder;

  private byte[] compressed;
  private int[] blockStarts;
  private int[] blockLengths;
  private int[] decodedLengths;
  private byte[] output;
  private LZ4SafeDecompressor lz4Java;
  private io.airlift.compress.lz4.Lz4Decompressor air;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    byte[] data = CodecStreams.realisticMix(sizeMiB << 20, 7);
    int block = blockKiB << 10;
    LZ4Compressor compressor = LZ4Factory.fastestInstance().fastCompressor();
    byte[] bound = new byte[compressor.maxCompressedLength(block)];
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    List<int[]> blocks = new ArrayList<>();
    for (int at = 0; at < data.length; at += block) {
      int length = Math.min(block, data.length - at);
      int n = compressor.compress(data, at, length, bound, 0, bound.length);
      blocks.add(new int[] {all.size(), n, length});
      all.write(bound, 0, n);
    }
    all.write(new byte[Lz4BlockDecoder.SLACK]);
    compressed = all.toByteArray();
    blockStarts = blocks.stream().mapToInt(b -> b[0]).toArray();
    blockLengths = blocks.stream().mapToInt(b -> b[1]).toArray();
    decodedLengths = blocks.stream().mapToInt(b -> b[2]).toArray();
    output = new byte[block + Lz4BlockDecoder.SLACK];
    lz4Java = switch (decoder) {
      case LZ4_JAVA_NATIVE -> LZ4Factory.nativeInstance().safeDecompressor();
      case LZ4_JAVA_SAFE_JAVA -> LZ4Factory.safeInstance().safeDecompressor();
      default -> null;
    };
    air = new io.airlift.compress.lz4.Lz4Decompressor();
    // Every decoder must give the original bytes before it is timed.
    for (int i = 0; i < blockStarts.length; i++) {
      int n = decodeBlock(i);
      if (n != decodedLengths[i] || !java.util.Arrays.equals(output, 0, n, data, i * block, i * block + n)) {
        throw new IllegalStateException(decoder + " decoded block " + i + " wrongly");
      }
    }
  }

  private int decodeBlock(int i) throws IOException {
    int start = blockStarts[i];
    int length = blockLengths[i];
    int limit = blockKiB << 10;
    return switch (decoder) {
      case SLUICE -> Lz4BlockDecoder.decode("lz4", compressed, start, start + length, output, 0, 0, limit);
      case LZ4_JAVA_NATIVE, LZ4_JAVA_SAFE_JAVA -> lz4Java.decompress(compressed, start, length, output, 0, limit);
      case AIRCOMPRESSOR -> air.decompress(compressed, start, length, output, 0, limit);
    };
  }

  @Benchmark
  public long decode() throws IOException {
    long total = 0;
    for (int i = 0; i < blockStarts.length; i++) {
      total += decodeBlock(i);
    }
    return total + output[0];
  }
}
