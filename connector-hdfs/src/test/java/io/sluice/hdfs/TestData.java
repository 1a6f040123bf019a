package io.sluice.hdfs;

import java.io.IOException;
import java.util.Random;
import org.apache.hadoop.fs.BlockLocation;
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

  /**
   * Waits until the NameNode knows {@code replication} locations for every block of {@code path}:
   * a closed file only needs one replica reported, the others arrive with the DataNodes' next
   * incremental block reports.
   */
  static void waitForReplication(FileSystem fs, String path, int replication) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      long length = fs.getFileStatus(new Path(path)).getLen();
      boolean done = true;
      for (BlockLocation location : fs.getFileBlockLocations(new Path(path), 0, length)) {
        done &= location.getHosts().length >= replication && location.getNames().length >= replication;
      }
      if (done) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IOException(path + " did not reach replication " + replication + " within 30 s");
      }
      Thread.sleep(50);
    }
  }

  static byte[] slice(byte[] data, long offset, long length) {
    byte[] part = new byte[(int) length];
    System.arraycopy(data, (int) offset, part, 0, (int) length);
    return part;
  }
}
