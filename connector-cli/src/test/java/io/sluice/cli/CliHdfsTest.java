package io.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.fs.CopyOptions;
import io.sluice.fs.CopyResult;
import io.sluice.fs.FileSystems;
import io.sluice.hdfs.HadoopFileSystem;
import io.sluice.io.CompressedInputStream;
import io.sluice.io.CompressedOutputStream;
import io.sluice.io.NativeFile;
import io.sluice.local.LocalFileSystem;
import io.sluice.local.OSFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * copyFiles local -> HDFS -> local and the CLI end to end against one HDFS: an in-process
 * MiniDFSCluster shared by the module's tests, or the cluster {@code SLUICE_HDFS_URI} names.
 */
class CliHdfsTest {
  @RegisterExtension
  static final HdfsUnderTest HDFS = new HdfsUnderTest();

  @TempDir Path dir;

  private static String uri(String path) {
    return HDFS.uri() + HDFS.root() + path + "?replication=1&default_block_size=" + HDFS.blockSize();
  }

  private static byte[] data(int size, long seed) {
    byte[] bytes = new byte[size];
    Random random = new Random(seed);
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) ('a' + random.nextInt(4));
    }
    return bytes;
  }

  private static void writeCompressed(Path path, String codec, byte[] content) throws IOException {
    try (NativeFile out = new CompressedOutputStream(new OSFile(path.toString(), "wb"), codec)) {
      out.write(content);
    }
  }

  private static byte[] readCompressed(Path path, String codec) throws IOException {
    try (NativeFile in = new CompressedInputStream(new OSFile(path.toString(), "rb"), codec)) {
      return in.read();
    }
  }

  @Test
  void copyFilesRoundTripLocalToHdfsToLocalWithTranscoding() throws Exception {
    Path src = dir.resolve("src");
    Files.createDirectories(src.resolve("nested"));
    byte[] plain = data(300_000, 1); // several 64 KiB blocks
    byte[] small = data(10, 2);
    writeCompressed(src.resolve("a.gz"), "gzip", plain);
    Files.write(src.resolve("nested/b.bin"), small);
    LocalFileSystem local = new LocalFileSystem();
    try (HadoopFileSystem hdfs = HDFS.connect()) {
      CopyResult up = FileSystems.copyFiles(src.toString(), HDFS.root() + "/roundtrip/tree", local, hdfs, 16 * 1024, 2);
      assertEquals(2, up.files());
      // Transcode inside the round trip: gzip on the way in, zstd in HDFS, plain text back home.
      FileSystems.copyFiles(HDFS.root() + "/roundtrip/tree/a.gz", HDFS.root() + "/roundtrip/a.zst", hdfs, hdfs, 16 * 1024, 1,
          CopyOptions.DEFAULT.withTranscode(true));
      Path back = dir.resolve("back");
      FileSystems.copyFiles(HDFS.root() + "/roundtrip/tree", back.toString(), hdfs, local, 8192, 3);
      FileSystems.copyFiles(HDFS.root() + "/roundtrip/a.zst", back.resolve("a.txt").toString(), hdfs, local, 8192, 1,
          CopyOptions.DEFAULT.withTranscode(true));
      assertArrayEquals(Files.readAllBytes(src.resolve("a.gz")), Files.readAllBytes(back.resolve("a.gz")));
      assertArrayEquals(small, Files.readAllBytes(back.resolve("nested/b.bin")));
      assertArrayEquals(plain, Files.readAllBytes(back.resolve("a.txt")));
      try (NativeFile zst = hdfs.openInputStream(HDFS.root() + "/roundtrip/a.zst", "detect", 0)) {
        assertArrayEquals(plain, zst.read());
      }
    }
  }

  @Test
  void cliCopiesIntoHdfsAndBackWithTranscodingAndShowsBlocks() throws Exception {
    int blockSize = HDFS.blockSize();
    byte[] content = data(3 * blockSize + 3392, 3); // four blocks, the last 3392 bytes
    Path local = dir.resolve("in.bz2");
    writeCompressed(local, "bz2", content);
    CliRunner up = CliRunner.run("cp", local.toString(), uri("/cli/in.zst"));
    assertEquals(0, up.exitCode(), up.toString());

    CliRunner cat = CliRunner.run("cat", uri("/cli/in.zst"));
    assertEquals(0, cat.exitCode(), cat.toString());
    assertArrayEquals(content, cat.stdout());

    CliRunner head = CliRunner.run("head", "-c", "5", uri("/cli/in.zst"));
    assertArrayEquals(java.util.Arrays.copyOf(content, 5), head.stdout());

    Path back = dir.resolve("back.gz");
    CliRunner down = CliRunner.run("cp", "--atomic", uri("/cli/in.zst"), back.toString());
    assertEquals(0, down.exitCode(), down.toString());
    assertArrayEquals(content, readCompressed(back, "gzip"));

    // Uncompressed copy, so the HDFS file has a known size and block count.
    Path raw = dir.resolve("raw.bin");
    Files.write(raw, content);
    assertEquals(0, CliRunner.run("cp", raw.toString(), uri("/cli/raw.bin")).exitCode());
    CliRunner stat = CliRunner.run("stat", uri("/cli/raw.bin"));
    assertEquals(0, stat.exitCode(), stat.toString());
    assertTrue(stat.out().contains("filesystem:  hdfs\n"), stat.out());
    assertTrue(stat.out().contains("size:        " + content.length + "\n"), stat.out());
    assertTrue(stat.out().contains("replication: 1\n"), stat.out());
    assertTrue(stat.out().contains("blocks:      4\n"), stat.out());
    assertTrue(stat.out().contains("  block 3: offset " + 3 * blockSize + ", length 3392, hosts "), stat.out());

    CliRunner ls = CliRunner.run("ls", uri("/cli"));
    assertEquals(0, ls.exitCode(), ls.toString());
    assertTrue(ls.out().contains(String.format("%,d", content.length)) && ls.out().contains("/cli/raw.bin"), ls.out());

    CliRunner bench = CliRunner.run("bench", "--iterations", "1", uri("/cli/raw.bin"));
    assertEquals(0, bench.exitCode(), bench.toString());
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(content);
    String expected = String.format("crc32 %08x", crc.getValue());
    for (String path : new String[] {"plain", "buffered", "zero-copy"}) {
      assertTrue(bench.out().lines().anyMatch(line -> line.startsWith(path) && line.contains(expected)), bench.out());
    }
  }

  @Test
  void facadeOpensHdfsUrisWithDetectionAndBuffering() throws Exception {
    byte[] content = data(150_000, 4);
    try (HadoopFileSystem hdfs = HDFS.connect()) {
      hdfs.createDir(HDFS.root() + "/facade", true); // outputStream, like PyArrow's, wants the parent
    }
    String uri = uri("/facade/x.csv.gz");
    try (NativeFile out = io.sluice.Sluice.outputStream(uri, "detect", 4096)) {
      assertTrue(out instanceof CompressedOutputStream, out.toString());
      out.write(content);
    }
    try (NativeFile in = io.sluice.Sluice.inputStream(java.net.URI.create(uri), "detect", 8192)) {
      assertArrayEquals(content, in.read());
    }
    io.sluice.io.OwnedFile raw = (io.sluice.io.OwnedFile) io.sluice.Sluice.inputStream(uri, null, 0);
    try (raw) {
      byte[] stored = raw.read();
      assertEquals(0x1f, stored[0] & 0xff); // gzip magic: stored bytes, not decompressed
      assertTrue(raw.file() instanceof io.sluice.hdfs.HdfsFile, raw.file().toString());
    }
    assertTrue(raw.file().isClosed());
  }

  @Test
  void unreachableNameNodeFailsFastWithExitCode5() {
    long start = System.nanoTime();
    CliRunner r = CliRunner.run("ls", "hdfs://127.0.0.1:1/x");
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertEquals(CliErrors.UNREACHABLE, r.exitCode(), r.toString());
    assertTrue(r.stderr().startsWith("sluice ls: hdfs://127.0.0.1:1/x: file system unreachable"), r.stderr());
    assertTrue(seconds < 60, "took " + seconds + " s"); // a hang guard, not a performance threshold
  }

  @Test
  void missingHdfsFileAndPermissionProblems() throws Exception {
    CliRunner missing = CliRunner.run("cat", uri("/no/such/file"));
    assertEquals(CliErrors.NO_SUCH_FILE, missing.exitCode(), missing.toString());

    org.apache.hadoop.fs.FileSystem admin = HDFS.hadoopClient();
    try {
      org.apache.hadoop.fs.Path privateDir = new org.apache.hadoop.fs.Path(HDFS.root() + "/private");
      admin.mkdirs(privateDir);
      admin.setPermission(privateDir, new FsPermission((short) 0700));
      // An external cluster may run with dfs.permissions.enabled=false (docker-compose.yml does):
      // then there is no permission error to report, and the check is skipped.
      org.junit.jupiter.api.Assumptions.assumeTrue(permissionsEnforced(privateDir),
          "the cluster does not enforce permissions");
      Path local = dir.resolve("x.txt");
      Files.write(local, "secret".getBytes(StandardCharsets.US_ASCII));
      String asBob = HDFS.uri() + HDFS.root() + "/private/x.txt?user=bob&replication=1";
      CliRunner denied = CliRunner.run("cp", local.toString(), asBob);
      assertEquals(CliErrors.PERMISSION_DENIED, denied.exitCode(), denied.toString());
      assertTrue(denied.stderr().contains("permission denied") && denied.stderr().contains("bob"), denied.stderr());
      assertFalse(admin.exists(new org.apache.hadoop.fs.Path(HDFS.root() + "/private/x.txt")));
    } finally {
      admin.close();
    }
  }

  /** Whether user bob is kept out of {@code privateDir} (mode 700, owned by the superuser). */
  private static boolean permissionsEnforced(org.apache.hadoop.fs.Path privateDir) throws Exception {
    org.apache.hadoop.security.UserGroupInformation bob =
        org.apache.hadoop.security.UserGroupInformation.createRemoteUser("bob");
    org.apache.hadoop.fs.Path probe = new org.apache.hadoop.fs.Path(privateDir, "probe");
    return bob.doAs((java.security.PrivilegedExceptionAction<Boolean>) () -> {
      org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
      conf.setBoolean("fs.hdfs.impl.disable.cache", true);
      try (org.apache.hadoop.fs.FileSystem asBob =
          org.apache.hadoop.fs.FileSystem.newInstance(java.net.URI.create(HDFS.uri()), conf)) {
        asBob.mkdirs(probe);
        asBob.delete(probe, true);
        return false;
      } catch (org.apache.hadoop.security.AccessControlException e) {
        return true;
      }
    });
  }
}
