package io.sluice.it.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.compress.Codec;
import io.sluice.io.BufferReader;
import io.sluice.io.CompressedInputStream;
import io.sluice.io.CompressedOutputStream;
import io.sluice.io.JavaFile;
import io.sluice.memory.Buffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.io.compress.CompressionInputStream;
import org.apache.hadoop.io.compress.CompressionOutputStream;
import org.apache.hadoop.io.compress.Decompressor;
import org.apache.hadoop.io.compress.CodecPool;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hadoop's own codecs ({@link CompressionCodecFactory}, pure-Java paths: no libhadoop here) read
 * what Sluice's compressed streams write, and Sluice reads what they write. ZStandardCodec needs
 * libhadoop's native zstd and is skipped visibly when it cannot run.
 */
class HadoopCodecInteropTest {
  private static final Configuration CONF = new Configuration();
  private static final CompressionCodecFactory FACTORY = new CompressionCodecFactory(CONF);

  private static byte[] data(int size) {
    Random random = new Random(size);
    StringBuilder text = new StringBuilder(size + 64);
    while (text.length() < size) {
      text.append(random.nextInt(100_000)).append(',').append(random.nextBoolean() ? "sluice" : "hadoop")
          .append(',').append(random.nextGaussian()).append('\n');
    }
    byte[] bytes = text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < bytes.length / 4; i += 97) {
      bytes[i] = (byte) random.nextInt(); // a little binary noise
    }
    return bytes;
  }

  private static CompressionCodec hadoopCodec(String fileName) {
    CompressionCodec codec = FACTORY.getCodec(new Path("/data/" + fileName));
    if (codec == null) {
      throw new IllegalStateException("Hadoop has no codec for " + fileName);
    }
    return codec;
  }

  private static void assumeWorks(CompressionCodec codec) {
    try {
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      try (OutputStream out = codec.createOutputStream(sink)) {
        out.write(1);
      }
    } catch (Throwable e) { // RuntimeException "native zStandard library not available", UnsatisfiedLinkError
      assumeTrue(false, codec.getClass().getSimpleName() + " does not run without native Hadoop here: " + e);
    }
  }

  private static byte[] hadoopCompress(CompressionCodec codec, byte[] data) throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (CompressionOutputStream out = codec.createOutputStream(sink)) {
      // Uneven writes, including one larger than Hadoop's 256 KiB block buffer.
      int at = 0;
      int step = 1;
      while (at < data.length) {
        int n = Math.min(data.length - at, step);
        out.write(data, at, n);
        at += n;
        step = step * 7 % 700_001 + 1;
      }
    }
    return sink.toByteArray();
  }

  private static byte[] hadoopDecompress(CompressionCodec codec, byte[] compressed) throws IOException {
    Decompressor decompressor = CodecPool.getDecompressor(codec);
    try (CompressionInputStream in = codec.createInputStream(new ByteArrayInputStream(compressed), decompressor)) {
      return in.readAllBytes();
    } finally {
      CodecPool.returnDecompressor(decompressor);
    }
  }

  private static byte[] sluiceCompress(String codec, byte[] data) throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (CompressedOutputStream out = new CompressedOutputStream(new JavaFile(sink), codec)) {
      out.write(data);
    }
    return sink.toByteArray();
  }

  private static byte[] sluiceDecompress(String codec, byte[] compressed) throws IOException {
    try (CompressedInputStream in = new CompressedInputStream(new BufferReader(Buffer.wrap(compressed)), codec)) {
      return in.read();
    }
  }

  /** file name Hadoop maps to the codec, Hadoop codec class (DeflateCodec is DefaultCodec under the .deflate name), Sluice codec name for the same format. */
  @ParameterizedTest(name = "{0}: Hadoop {1} <-> Sluice {2}")
  @CsvSource({
      "x.gz, GzipCodec, gzip",
      "x.bz2, BZip2Codec, bz2",
      "x.lz4, Lz4Codec, lz4_hadoop",
      "x.snappy, SnappyCodec, snappy_hadoop",
      "x.deflate, DeflateCodec, deflate",
      "x.zst, ZStandardCodec, zstd"})
  void bothDirections(String fileName, String hadoopClass, String sluiceCodec) throws IOException {
    CompressionCodec hadoop = hadoopCodec(fileName);
    assertEquals(hadoopClass, hadoop.getClass().getSimpleName());
    assumeWorks(hadoop);
    // Sluice's extension detection reaches a codec that reads Hadoop's file.
    String detected = Codec.detect(fileName).orElseThrow();
    for (int size : new int[] {0, 1, 1000, 300_000, 3_000_000}) {
      byte[] data = data(size);
      byte[] byHadoop = hadoopCompress(hadoop, data);
      assertArrayEquals(data, sluiceDecompress(sluiceCodec, byHadoop), "Sluice reads Hadoop's " + hadoopClass + ", " + size);
      assertArrayEquals(data, sluiceDecompress(detected, byHadoop), "detected codec " + detected + " reads it too");
      byte[] bySluice = sluiceCompress(sluiceCodec, data);
      assertArrayEquals(data, hadoopDecompress(hadoop, bySluice), "Hadoop " + hadoopClass + " reads Sluice's, " + size);
    }
  }

  @ParameterizedTest
  @CsvSource({"x.gz, gzip", "x.bz2, bz2", "x.deflate, deflate", "x.lz4, lz4_hadoop", "x.snappy, snappy_hadoop"})
  void hadoopReadsConcatenatedSluiceOutput(String fileName, String sluiceCodec) throws IOException {
    CompressionCodec hadoop = hadoopCodec(fileName);
    byte[] a = data(100_000);
    byte[] b = data(50_001);
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    joined.writeBytes(sluiceCompress(sluiceCodec, a));
    joined.writeBytes(sluiceCompress(sluiceCodec, b));
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes(a);
    expected.writeBytes(b);
    assertArrayEquals(expected.toByteArray(), hadoopDecompress(hadoop, joined.toByteArray()));
  }

  @ParameterizedTest
  @CsvSource({"x.gz, gzip", "x.bz2, bz2", "x.deflate, deflate", "x.lz4, lz4_hadoop", "x.snappy, snappy_hadoop"})
  void sluiceReadsHadoopStreamsFedThroughJavaIo(String fileName, String sluiceCodec) throws IOException {
    CompressionCodec hadoop = hadoopCodec(fileName);
    byte[] data = data(1_000_000);
    byte[] compressed = hadoopCompress(hadoop, data);
    try (InputStream in = Codec.of(sluiceCodec).decompressingStream(new ByteArrayInputStream(compressed))) {
      assertArrayEquals(data, in.readAllBytes());
    }
  }
}
