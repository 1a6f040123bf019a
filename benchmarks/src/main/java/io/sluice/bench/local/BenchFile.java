package io.sluice.bench.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.LocalFileSystem;

/**
 * The data file the local-file benchmarks read: seeded random bytes, written once through Hadoop's
 * checksummed {@link LocalFileSystem} so its {@code .crc} side file exists and the checksummed peer
 * really verifies. Kept between runs in {@code sluice.bench.dir} (default: java.io.tmpdir) because
 * writing 1 GiB per trial would dominate the run; delete {@code sluice-bench-local-*} when done.
 */
final class BenchFile {
  private BenchFile() {}

  static Path ensure(long size) throws IOException {
    Path dir = Path.of(System.getProperty("sluice.bench.dir", System.getProperty("java.io.tmpdir")));
    Path file = dir.resolve("sluice-bench-local-" + size + ".bin");
    Path crc = dir.resolve(".sluice-bench-local-" + size + ".bin.crc");
    if (Files.exists(file) && Files.size(file) == size && Files.exists(crc)) {
      return file;
    }
    try (LocalFileSystem hadoop = new LocalFileSystem()) {
      hadoop.initialize(java.net.URI.create("file:///"), new Configuration());
      byte[] chunk = new byte[1 << 20];
      SplittableRandom random = new SplittableRandom(0x51CE);
      try (FSDataOutputStream out = hadoop.create(new org.apache.hadoop.fs.Path(file.toUri()), true)) {
        for (long written = 0; written < size; written += chunk.length) {
          for (int i = 0; i < chunk.length; i += 8) {
            long value = random.nextLong();
            for (int b = 0; b < 8; b++) {
              chunk[i + b] = (byte) (value >>> (8 * b));
            }
          }
          out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
        }
      }
    }
    return file;
  }
}
