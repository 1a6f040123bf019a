package io.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.hdfs.HadoopFileSystem;
import io.sluice.io.NativeFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileChecksum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The v0.2 commands against HDFS (MiniDFSCluster, or the cluster {@code SLUICE_HDFS_URI} names):
 * the same exit codes and messages as on local files, checksums equal to HDFS's own COMPOSITE_CRC
 * across block sizes, {@code tail -f} of a file another writer hflushes.
 */
class CliHdfsCommandsTest {
  @RegisterExtension
  static final HdfsUnderTest HDFS = new HdfsUnderTest();

  @TempDir Path dir;

  /** A URI under this class's directory, with test replication and block size. */
  private static String uri(String path) {
    return uri(path, HDFS.blockSize());
  }

  private static String uri(String path, int blockSize) {
    return HDFS.uri() + HDFS.root() + path + "?replication=1&default_block_size=" + blockSize;
  }

  /** The same URI as the user would print it (no options). */
  private static String plain(String path) {
    return HDFS.uri() + HDFS.root() + path;
  }

  private static byte[] data(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private Path local(String name, byte[] content) throws Exception {
    Path path = dir.resolve(name);
    Files.write(path, content);
    return path;
  }

  private static String hex(byte[] bytes) {
    StringBuilder text = new StringBuilder();
    for (byte b : bytes) {
      text.append(String.format("%02x", b & 0xff));
    }
    return text.toString();
  }

  @Test
  void cpRefusesToReplaceAnHdfsFileAndForceReplacesIt() throws Exception {
    byte[] old = data(5 << 10, 1);
    assertEquals(0, CliRunner.run("cp", local("old.bin", old).toString(), uri("/ow/f.bin")).exitCode());
    Path small = local("small.txt", "25 bytes of something new".getBytes(StandardCharsets.US_ASCII));
    CliRunner refused = CliRunner.run("cp", small.toString(), uri("/ow/f.bin"));
    assertEquals(CliErrors.ALREADY_EXISTS, refused.exitCode(), refused.toString());
    assertEquals("sluice cp: " + uri("/ow/f.bin") + ": already exists (use -f to replace it)\n", refused.stderr());
    assertArrayEquals(old, CliRunner.run("cat", uri("/ow/f.bin")).stdout(), "bytes unchanged");
    CliRunner listing = CliRunner.run("ls", "-R", uri("/ow"));
    assertEquals(List.of(plain("/ow/f.bin")), listing.out().lines().map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList(),
        "no temporary file left");

    CliRunner forced = CliRunner.run("cp", "-f", small.toString(), uri("/ow/f.bin"));
    assertEquals(0, forced.exitCode(), forced.toString());
    assertArrayEquals(Files.readAllBytes(small), CliRunner.run("cat", uri("/ow/f.bin")).stdout());

    // HDFS -> local refuses the same way.
    Path target = local("target.bin", "local bytes".getBytes(StandardCharsets.US_ASCII));
    CliRunner down = CliRunner.run("get", uri("/ow/f.bin"), target.toString());
    assertEquals(CliErrors.ALREADY_EXISTS, down.exitCode(), down.toString());
    assertEquals("local bytes", Files.readString(target));
  }

  @Test
  void checksumMatchesHdfsCompositeCrcAcrossBlockSizes() throws Exception {
    int block = HDFS.blockSize();
    byte[] content = data(3 * block + 1234, 2);
    Path file = local("c.bin", content);
    assertEquals(0, CliRunner.run("cp", file.toString(), uri("/ck/small-blocks.bin", block)).exitCode());
    assertEquals(0, CliRunner.run("cp", file.toString(), uri("/ck/big-blocks.bin", 2 * block)).exitCode());
    CliRunner r = CliRunner.run("checksum", file.toString(), uri("/ck/small-blocks.bin"), uri("/ck/big-blocks.bin"));
    assertEquals(0, r.exitCode(), r.toString());
    List<String> lines = r.out().lines().toList();
    assertEquals(3, lines.size(), r.out());
    String localValue = lines.get(0).split("\t")[2];
    assertEquals(file + "\tCOMPOSITE-CRC32C\t" + localValue, lines.get(0));
    assertEquals(plain("/ck/small-blocks.bin") + "\tCOMPOSITE-CRC32C\t" + localValue, lines.get(1));
    assertEquals(plain("/ck/big-blocks.bin") + "\tCOMPOSITE-CRC32C\t" + localValue, lines.get(2));

    // The value Hadoop's own DistributedFileSystem reports in COMPOSITE_CRC mode.
    Configuration conf = new Configuration();
    conf.set("dfs.checksum.combine.mode", "COMPOSITE_CRC");
    conf.setBoolean("fs.hdfs.impl.disable.cache", true);
    try (org.apache.hadoop.fs.FileSystem hadoop = org.apache.hadoop.fs.FileSystem.newInstance(URI.create(HDFS.uri()), conf)) {
      for (String name : new String[] {"small-blocks.bin", "big-blocks.bin"}) {
        FileChecksum checksum = hadoop.getFileChecksum(new org.apache.hadoop.fs.Path(HDFS.root() + "/ck/" + name));
        assertEquals("COMPOSITE-CRC32C", checksum.getAlgorithmName());
        assertEquals(localValue, hex(checksum.getBytes()), name);
      }
    }
  }

  @Test
  void lsLongJsonAndDuShowReplicationAndSpace() throws Exception {
    byte[] content = data(1536, 3);
    assertEquals(0, CliRunner.run("cp", local("x.bin", content).toString(), uri("/ll/x.bin")).exitCode());
    assertEquals(0, CliRunner.run("mkdir", uri("/ll/sub")).exitCode());
    CliRunner ls = CliRunner.run("ls", "-l", uri("/ll"));
    assertEquals(0, ls.exitCode(), ls.toString());
    List<String> rows = ls.out().lines().toList();
    assertEquals(2, rows.size(), ls.out());
    assertTrue(rows.get(0).matches("drwxr-xr-x    - \\S+ \\S+ +0 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d "
        + java.util.regex.Pattern.quote(plain("/ll/sub"))), rows.get(0));
    assertTrue(rows.get(1).matches("-rw-r--r--    1 \\S+ \\S+ +1536 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d "
        + java.util.regex.Pattern.quote(plain("/ll/x.bin"))), rows.get(1));

    CliRunner json = CliRunner.run("stat", "--json", uri("/ll/x.bin"));
    assertTrue(json.out().startsWith("{\"path\":\"" + plain("/ll/x.bin") + "\",\"type\":\"file\",\"size\":1536,"),
        json.out());
    assertTrue(json.out().endsWith(",\"replication\":1,\"blockSize\":" + HDFS.blockSize() + "}\n"), json.out());

    CliRunner du = CliRunner.run("du", "-s", uri("/ll"));
    assertEquals("1536  1536  " + plain("/ll") + "\n", du.out());
    CliRunner duHuman = CliRunner.run("du", "-h", uri("/ll"));
    assertEquals(List.of("0      0      " + plain("/ll/sub"), "1.5 K  1.5 K  " + plain("/ll/x.bin")),
        duHuman.out().lines().toList());
  }

  @Test
  void rmMkdirMvAndGlobsOnHdfs() throws Exception {
    CliRunner noParent = CliRunner.run("mkdir", uri("/ops/a/b"));
    assertEquals(CliErrors.NO_SUCH_FILE, noParent.exitCode(), noParent.toString());
    assertEquals(0, CliRunner.run("mkdir", "-p", uri("/ops/a/b")).exitCode());
    CliRunner exists = CliRunner.run("mkdir", uri("/ops/a/b"));
    assertEquals(CliErrors.ALREADY_EXISTS, exists.exitCode(), exists.toString());

    for (String name : new String[] {"p1.csv", "p2.csv", "q.txt"}) {
      assertEquals(0, CliRunner.run("cp", local(name, name.getBytes(StandardCharsets.US_ASCII)).toString(),
          uri("/ops/" + name)).exitCode());
    }
    CliRunner glob = CliRunner.run("cat", uri("/ops/p?.csv"));
    assertEquals("p1.csvp2.csv", glob.out(), glob.toString());
    CliRunner none = CliRunner.run("ls", uri("/ops/*.parquet"));
    assertEquals(CliErrors.NO_SUCH_FILE, none.exitCode(), none.toString());

    CliRunner mvRefused = CliRunner.run("mv", uri("/ops/p1.csv"), uri("/ops/p2.csv"));
    assertEquals(CliErrors.ALREADY_EXISTS, mvRefused.exitCode(), mvRefused.toString());
    assertEquals("p2.csv", CliRunner.run("cat", uri("/ops/p2.csv")).out());
    assertEquals(0, CliRunner.run("mv", uri("/ops/{p1,p2}.csv"), uri("/ops/a")).exitCode());
    assertEquals("p1.csvp2.csv", CliRunner.run("cat", uri("/ops/a/*.csv")).out());

    // Across file systems: copied, then the source deleted.
    Path back = dir.resolve("back");
    Files.createDirectories(back);
    assertEquals(0, CliRunner.run("mv", uri("/ops/q.txt"), back.toString()).exitCode());
    assertEquals("q.txt", Files.readString(back.resolve("q.txt")));
    assertEquals(CliErrors.NO_SUCH_FILE, CliRunner.run("stat", uri("/ops/q.txt")).exitCode());

    CliRunner rmDir = CliRunner.run("rm", uri("/ops/a"));
    assertEquals(CliErrors.WRONG_TYPE, rmDir.exitCode(), rmDir.toString());
    CliRunner rmMissing = CliRunner.run("rm", uri("/ops/none"));
    assertEquals(CliErrors.NO_SUCH_FILE, rmMissing.exitCode(), rmMissing.toString());
    assertEquals(0, CliRunner.run("rm", "-f", uri("/ops/none")).exitCode());
    assertEquals(0, CliRunner.run("rm", "-r", uri("/ops/a")).exitCode());
    assertEquals(CliErrors.NO_SUCH_FILE, CliRunner.run("ls", uri("/ops/a")).exitCode());
  }

  @Test
  void tailFollowsAFileAnotherWriterHflushes() throws Exception {
    org.apache.hadoop.fs.FileSystem writer = HDFS.hadoopClient();
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(HDFS.root() + "/tail/live.log");
    try (FSDataOutputStream out = writer.create(path, (short) 1)) {
      out.write("one\n".getBytes(StandardCharsets.US_ASCII));
      out.hflush();
      TailFollower follower = TailFollower.start("tail", "-f", "--interval", "50", uri("/tail/live.log"));
      follower.awaitOutput("one\n");
      out.write("two\n".getBytes(StandardCharsets.US_ASCII));
      out.hflush();
      follower.awaitOutput("one\ntwo\n");
      out.write("three\n".getBytes(StandardCharsets.US_ASCII));
      out.hflush();
      follower.awaitOutput("one\ntwo\nthree\n");
      assertEquals(0, follower.stop());
    } finally {
      writer.close();
    }
    CliRunner lastLine = CliRunner.run("tail", "-n", "1", uri("/tail/live.log"));
    assertEquals("three\n", lastLine.out());
  }

  @Test
  void writesUseTheClustersDefaultReplicationUnlessTheUriNamesOne() throws Exception {
    String bare = HDFS.uri() + HDFS.root() + "/repl/r.bin";
    assertEquals(0, CliRunner.run("cp", local("r.bin", data(100, 4)).toString(), bare).exitCode());
    try (HadoopFileSystem fs = HDFS.connect()) {
      org.apache.hadoop.fs.FileSystem hadoop = fs.hadoopFileSystem();
      short serverDefault = hadoop.getServerDefaults(new org.apache.hadoop.fs.Path("/")).getReplication();
      assertEquals(serverDefault, hadoop.getFileStatus(new org.apache.hadoop.fs.Path(HDFS.root() + "/repl/r.bin"))
          .getReplication());
      try (NativeFile in = fs.openInputStream(HDFS.root() + "/repl/r.bin")) {
        assertArrayEquals(data(100, 4), in.read());
      }
    }
    assertFalse(CliRunner.run("stat", bare).out().isEmpty());
  }
}
