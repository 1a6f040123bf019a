package io.sluice.hdfs;

import java.io.IOException;
import java.util.Random;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Deterministic test content written with the plain Hadoop client. */
final class TestData {
  private TestData() {}

  static byte[] random(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  static void write(FileSystem fs, String path, byte[] data) throws IOException {
    try (FSDataOutputStream out = fs.create(new Path(path), true)) {
      out.write(data);
    }
  }

  static byte[] slice(byte[] data, long offset, long length) {
    byte[] part = new byte[(int) length];
    System.arraycopy(data, (int) offset, part, 0, (int) length);
    return part;
  }
}
