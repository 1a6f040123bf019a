package io.sluice.compress;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** Test inputs shared by the compression tests. */
public final class CompressTestData {
  public static final List<String> ALL_CODECS =
      List.of("gzip", "bz2", "lz4", "lz4_hadoop", "zstd", "snappy", "snappy_hadoop", "brotli", "deflate");

  private CompressTestData() {}

  /** Incompressible bytes. */
  public static byte[] random(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  /** CSV-like text mixed with little-endian integer columns: compresses like real tables do. */
  public static byte[] compressible(int size, long seed) {
    Random random = new Random(seed);
    ByteArrayOutputStream out = new ByteArrayOutputStream(size + 128);
    String[] words = {"alpha", "beta", "gamma", "delta", "sluice", "arrow", "hadoop", "2026-11-23", "NULL", "42"};
    int row = 0;
    while (out.size() < size) {
      if (row % 16 < 12) {
        String line = row + "," + words[random.nextInt(words.length)] + "," + random.nextInt(1000) + ","
            + words[random.nextInt(words.length)] + "\n";
        out.writeBytes(line.getBytes(StandardCharsets.US_ASCII));
      } else {
        for (int i = 0; i < 8; i++) {
          int value = row * 8 + random.nextInt(4);
          out.write(value);
          out.write(value >>> 8);
          out.write(0);
          out.write(0);
        }
      }
      row++;
    }
    byte[] all = out.toByteArray();
    return java.util.Arrays.copyOf(all, size);
  }

  /** Compresses with the codec's stream, writing in chunks of random size (1..maxChunk). */
  public static byte[] compress(Codec codec, byte[] data, int maxChunk, long seed) throws IOException {
    Random random = new Random(seed);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (OutputStream out = codec.compressingStream(sink)) {
      int at = 0;
      while (at < data.length) {
        int n = Math.min(data.length - at, 1 + random.nextInt(maxChunk));
        if (n == 1 && random.nextBoolean()) {
          out.write(data[at]);
        } else {
          out.write(data, at, n);
        }
        at += n;
      }
    }
    return sink.toByteArray();
  }

  public static byte[] compress(Codec codec, byte[] data) throws IOException {
    return compress(codec, data, 1 << 20, 1);
  }

  /** Decompresses with the codec's stream, reading in chunks of random size (1..maxChunk). */
  public static byte[] decompress(Codec codec, byte[] compressed, int maxChunk, long seed) throws IOException {
    Random random = new Random(seed);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = codec.decompressingStream(new ByteArrayInputStream(compressed))) {
      byte[] chunk = new byte[maxChunk];
      while (true) {
        int want = 1 + random.nextInt(maxChunk);
        if (want == 1 && random.nextBoolean()) {
          int b = in.read();
          if (b < 0) {
            break;
          }
          out.write(b);
          continue;
        }
        int n = in.read(chunk, 0, want);
        if (n < 0) {
          break;
        }
        out.write(chunk, 0, n);
      }
    }
    return out.toByteArray();
  }

  public static byte[] decompress(Codec codec, byte[] compressed) throws IOException {
    return decompress(codec, compressed, 1 << 20, 1);
  }

  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
