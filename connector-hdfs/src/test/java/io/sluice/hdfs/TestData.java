package io.sluice.hdfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
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

  /**
   * Waits until a file written now gets a later modification time than {@code file} has: file
   * times advance in kernel clock ticks, so a write in the same tick would leave them unchanged.
   * Polls a probe file in the JVM's temporary directory (same kernel clock) until its time has
   * passed; bounded by rounds, not by a clock of the test's own.
   */
  static void waitForFileTimesToPass(java.nio.file.Path file) throws IOException, InterruptedException {
    FileTime last = Files.getLastModifiedTime(file);
    java.nio.file.Path probe = Files.createTempFile("sluice-file-clock", ".probe");
    try {
      for (int round = 0; round < 10_000; round++) {
        Files.write(probe, new byte[] {(byte) round});
        if (Files.getLastModifiedTime(probe).compareTo(last) > 0) {
          return;
        }
        Thread.sleep(1);
      }
      throw new IOException("file times did not move past " + last + " of " + file + " in 10,000 rounds");
    } finally {
      Files.deleteIfExists(probe);
    }
  }

  static byte[] slice(byte[] data, long offset, long length) {
    byte[] part = new byte[(int) length];
    System.arraycopy(data, (int) offset, part, 0, (int) length);
    return part;
  }
}
