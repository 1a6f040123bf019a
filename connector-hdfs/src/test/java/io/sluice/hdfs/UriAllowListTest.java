package io.sluice.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.Sluice;
import io.sluice.fs.FileSystem;
import io.sluice.fs.FileSystemAndPath;
import io.sluice.io.NativeFile;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11 case 1: a URI query may set only the allow-listed keys. Every hostile URI fails with an
 * IllegalArgumentException naming the key before anything connects, and the original exploit
 * ({@code fs.hdfs.impl=RawLocalFileSystem}) neither reads nor writes a local file.
 */
class UriAllowListTest {
  private static final String NN = "hdfs://namenode.example:8020/data/x";

  @TempDir
  Path dir;

  /** Hostile URIs and the key (as decoded) each rejection must name. */
  static Stream<Arguments> hostileUris() {
    return Stream.of(
        // fs.*.impl: a file system implementation by class name
        Arguments.of(NN + "?fs.hdfs.impl=org.apache.hadoop.fs.RawLocalFileSystem", "fs.hdfs.impl"),
        Arguments.of(NN + "?fs.file.impl=org.apache.hadoop.fs.RawLocalFileSystem", "fs.file.impl"),
        Arguments.of(NN + "?fs.AbstractFileSystem.hdfs.impl=org.apache.hadoop.fs.local.RawLocalFs",
            "fs.AbstractFileSystem.hdfs.impl"),
        Arguments.of(NN + "?fs.hdfs.impl.disable.cache=true", "fs.hdfs.impl.disable.cache"),
        Arguments.of(NN + "?fs.defaultFS=file:///", "fs.defaultFS"),
        Arguments.of(NN + "?fs.viewfs.mounttable.default.link./data=file:///etc",
            "fs.viewfs.mounttable.default.link./data"),
        // hadoop.security.*
        Arguments.of(NN + "?hadoop.security.authentication=simple", "hadoop.security.authentication"),
        Arguments.of(NN + "?hadoop.security.group.mapping=org.example.Evil", "hadoop.security.group.mapping"),
        Arguments.of(NN + "?hadoop.security.credential.provider.path=jceks://file/tmp/x.jceks",
            "hadoop.security.credential.provider.path"),
        Arguments.of(NN + "?hadoop.security.kerberos.ticket.cache.path=/tmp/cc",
            "hadoop.security.kerberos.ticket.cache.path"),
        Arguments.of(NN + "?hadoop.rpc.protection=authentication", "hadoop.rpc.protection"),
        // *.class and other class-naming keys
        Arguments.of(NN + "?io.compression.codecs=org.example.Evil", "io.compression.codecs"),
        Arguments.of(NN + "?hadoop.rpc.socket.factory.class.default=org.example.Evil",
            "hadoop.rpc.socket.factory.class.default"),
        Arguments.of(NN + "?net.topology.node.switch.mapping.impl=org.example.Evil",
            "net.topology.node.switch.mapping.impl"),
        Arguments.of(NN + "?some.plugin.class=org.example.Evil", "some.plugin.class"),
        // dfs.client.* whose value is a class, a path, a string or a variable
        Arguments.of(NN + "?dfs.client.failover.proxy.provider.ns=org.example.EvilProvider",
            "dfs.client.failover.proxy.provider.ns"),
        Arguments.of(NN + "?dfs.client.context=shared", "dfs.client.context"),
        Arguments.of(NN + "?dfs.client.socket-timeout=$%7Benv.HOME%7D", "dfs.client.socket-timeout"),
        Arguments.of(NN + "?dfs.client.socket-timeout=30sec", "dfs.client.socket-timeout"),
        Arguments.of(NN + "?dfs.client.socket-timeout=", "dfs.client.socket-timeout"),
        Arguments.of(NN + "?dfs.client.read.shortcircuit=yes%20please", "dfs.client.read.shortcircuit"),
        Arguments.of(NN + "?dfs.client.=1", "dfs.client."),
        Arguments.of(NN + "?dfs.client.a%24%7Bx%7D=1", "dfs.client.a${x}"),
        // not dfs.client: near misses
        Arguments.of(NN + "?dfs.clientx.socket-timeout=1", "dfs.clientx.socket-timeout"),
        Arguments.of(NN + "?dfs.namenode.rpc-address=evil:1", "dfs.namenode.rpc-address"),
        Arguments.of(NN + "?ipc.client.connect.max.retries=0", "ipc.client.connect.max.retries"),
        // upper and mixed case: keys are exact, as Hadoop's are
        Arguments.of(NN + "?FS.HDFS.IMPL=org.apache.hadoop.fs.RawLocalFileSystem", "FS.HDFS.IMPL"),
        Arguments.of(NN + "?Fs.Hdfs.Impl=org.apache.hadoop.fs.RawLocalFileSystem", "Fs.Hdfs.Impl"),
        Arguments.of(NN + "?DFS.CLIENT.socket-timeout=1", "DFS.CLIENT.socket-timeout"),
        Arguments.of(NN + "?USER=alice", "USER"),
        Arguments.of(NN + "?bufferSize=4096", "bufferSize"),
        // percent-encoded keys are judged by what they decode to
        Arguments.of(NN + "?fs%2Ehdfs%2Eimpl=org.apache.hadoop.fs.RawLocalFileSystem", "fs.hdfs.impl"),
        Arguments.of(NN + "?%66%73.hdfs.impl=org.apache.hadoop.fs.RawLocalFileSystem", "fs.hdfs.impl"),
        Arguments.of(NN + "?user=alice&fs.hdfs.impl%3Dx=1", "fs.hdfs.impl=x"),
        Arguments.of(NN + "?dfs.client.socket-timeout=1%26fs.hdfs.impl%3Dx", "dfs.client.socket-timeout"),
        Arguments.of(NN + "?fs.hdfs.impl+=x", "fs.hdfs.impl "),
        // repeated, empty and valueless keys, bad escapes
        Arguments.of(NN + "?user=alice&user=bob", "user"),
        Arguments.of(NN + "?dfs.client.socket-timeout=1&dfs.client.socket-timeout=2", "dfs.client.socket-timeout"),
        Arguments.of(NN + "?user=alice&us%65r=bob", "user"),
        Arguments.of(NN + "?=value", "=value"),
        Arguments.of(NN + "?%20=1", " "),
        Arguments.of(NN + "?user", "user"),
        Arguments.of(NN + "?user=alice&fs.hdfs.impl", "fs.hdfs.impl"),
        Arguments.of(NN + "?user=alice&&replication=2", "user=alice&&replication=2"),
        Arguments.of(NN + "?user=alice&", "user=alice&"),
        Arguments.of(NN + "?fs.hdfs.impl=%2e%2e%2f", "fs.hdfs.impl"),
        // the same keys through other Hadoop schemes
        Arguments.of("viewfs://cluster/data?fs.viewfs.mounttable.cluster.link./data=file:///etc",
            "fs.viewfs.mounttable.cluster.link./data"),
        Arguments.of("webhdfs://namenode.example:9870/data?fs.webhdfs.impl=org.apache.hadoop.fs.RawLocalFileSystem",
            "fs.webhdfs.impl"));
  }

  @ParameterizedTest
  @MethodSource("hostileUris")
  void hostileUriIsRejectedNamingTheKey(String uri, String key) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HadoopFileSystemProvider.optionsFromUri(new URI(uri)));
    assertTrue(e.getMessage().contains("'" + key + "'"), "message should name '" + key + "': " + e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("hostileUris")
  void hostileUriIsRejectedThroughFromUri(String uri, String key) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FileSystem.fromUri(uri));
    assertTrue(e.getMessage().contains("'" + key + "'"), "message should name '" + key + "': " + e.getMessage());
  }

  @Test
  void allowListedKeysBecomeOptions() throws Exception {
    HdfsOptions options = HadoopFileSystemProvider.optionsFromUri(new URI(
        "hdfs://nn:9000/data?user=alice&replication=2&buffer_size=4096&default_block_size=1048576"
            + "&kerb_ticket=%2Ftmp%2Fcc&short_circuit=true&dfs.client.socket-timeout=5000"
            + "&dfs.client.hedged.read.threshold.millis=0.5&dfs.client.retry.policy.enabled=FALSE"
            + "&dfs.client.datanode-restart.timeout=30s&dfs.client.write.max-packets-in-flight=-1"));
    assertEquals(HdfsOptions.builder().host("nn").port(9000).user("alice").replication(2).bufferSize(4096)
        .defaultBlockSize(1_048_576).kerberosTicketCache("/tmp/cc").shortCircuit(true)
        .extraConf("dfs.client.socket-timeout", "5000")
        .extraConf("dfs.client.hedged.read.threshold.millis", "0.5")
        .extraConf("dfs.client.retry.policy.enabled", "FALSE")
        .extraConf("dfs.client.datanode-restart.timeout", "30s")
        .extraConf("dfs.client.write.max-packets-in-flight", "-1")
        .build(), options);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "0", "-5", "5000", "0.25", "true", "false", "True", "10ns", "10us", "10ms",
      "30s", "5m", "2h", "1d"})
  void dfsClientValuesThatAreNumbersBooleansOrDurationsAreAllowed(String value) throws Exception {
    HdfsOptions options = HadoopFileSystemProvider.optionsFromUri(new URI(NN + "?dfs.client.x-y.z_1=" + value));
    assertEquals(value, options.extraConf().get("dfs.client.x-y.z_1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"org.example.Evil", "file:///etc", "/tmp/x", "1g", "30 s", "1e9", "0x10", "--1", "1.",
      ".5", "tru", "30S", "1s1", "${x}", "%0A1"})
  void dfsClientValuesOfOtherShapesAreRejected(String value) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HadoopFileSystemProvider.optionsFromUri(new URI(NN + "?dfs.client.socket-timeout="
            + value.replace("$", "%24").replace("{", "%7B").replace("}", "%7D").replace(" ", "%20"))));
    assertTrue(e.getMessage().contains("'dfs.client.socket-timeout'"), e.getMessage());
  }

  /** The original report: the query switched HDFS to the local file system and read the local file. */
  @Test
  void theOriginalExploitReadsNoLocalFile() throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "local secret\n");
    String uri = "hdfs://namenode.example:8020" + secret + "?fs.hdfs.impl=org.apache.hadoop.fs.RawLocalFileSystem";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
      try (NativeFile in = Sluice.inputStream(uri)) {
        fail("read " + new String(in.read(), StandardCharsets.UTF_8) + " from the local file");
      }
    });
    assertTrue(e.getMessage().startsWith("URI query key 'fs.hdfs.impl' may not be set from a URI"), e.getMessage());
  }

  @Test
  void theOriginalExploitWritesNoLocalFile() {
    Path target = dir.resolve("planted.txt");
    String uri = "hdfs://namenode.example:8020" + target + "?fs.hdfs.impl=org.apache.hadoop.fs.RawLocalFileSystem";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
      try (NativeFile out = Sluice.outputStream(uri)) {
        out.write("planted".getBytes(StandardCharsets.UTF_8));
      }
    });
    assertTrue(e.getMessage().contains("'fs.hdfs.impl'"), e.getMessage());
    assertFalse(Files.exists(target), "no local file was written");
  }

  /** An allowed URI gives an HDFS client, never a local one (no call reaches the NameNode here). */
  @Test
  void anAllowedUriIsAlwaysHdfs() throws IOException {
    FileSystemAndPath fsAndPath = FileSystem.fromUri("hdfs://127.0.0.1:1/etc/hostname?user=alice"
        + "&dfs.client.socket-timeout=1000&short_circuit=true");
    try (HadoopFileSystem fs = assertInstanceOf(HadoopFileSystem.class, fsAndPath.fs())) {
      assertInstanceOf(DistributedFileSystem.class, fs.hadoopFileSystem());
      assertEquals("/etc/hostname", fsAndPath.path());
      assertEquals("alice", fs.options().user());
    }
  }

  /** Hadoop schemes that would reach local files another way: archives, and a default authority. */
  @Test
  void otherSchemesCannotReachLocalFiles() throws IOException {
    Path local = Files.writeString(dir.resolve("local.txt"), "local\n");
    IllegalArgumentException har = assertThrows(IllegalArgumentException.class,
        () -> FileSystem.fromUri("har://file-localhost" + dir + "/x.har/local.txt"));
    assertTrue(har.getMessage().endsWith("har: URIs are refused, a Hadoop archive reads through another file system"
        + " (local files included); open archives through HadoopFileSystem.fromConfiguration"), har.getMessage());
    IllegalArgumentException webhdfs = assertThrows(IllegalArgumentException.class,
        () -> FileSystem.fromUri("webhdfs://" + local));
    assertEquals("'webhdfs://" + local + "' names no host; a webhdfs: URI needs one", webhdfs.getMessage());
  }

  /** Settings from code (a CLI's timeouts) are not subject to the allow-list; the URI's own values win. */
  @Test
  void settingsFromCodeAreDefaultsBehindTheCheckedQuery() throws IOException {
    java.util.Map<String, String> settings = java.util.Map.of("ipc.client.connect.max.retries", "0",
        "dfs.client.socket-timeout", "3000");
    FileSystemAndPath fsAndPath = FileSystem.fromUri("hdfs://127.0.0.1:1/x?dfs.client.socket-timeout=1000", settings);
    try (HadoopFileSystem fs = assertInstanceOf(HadoopFileSystem.class, fsAndPath.fs())) {
      assertEquals(java.util.Map.of("ipc.client.connect.max.retries", "0", "dfs.client.socket-timeout", "1000"),
          fs.options().extraConf());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FileSystem.fromUri("hdfs://127.0.0.1:1/x?ipc.client.connect.max.retries=5", settings));
    assertTrue(e.getMessage().contains("'ipc.client.connect.max.retries'"), e.getMessage());
  }

  @Test
  void userInfoIsNotAnOption() throws Exception {
    assertEquals(HdfsOptions.builder().host("hdfs://nn").build(),
        HadoopFileSystemProvider.optionsFromUri(new URI("hdfs://mallory@nn/x")));
    assertEquals(HdfsOptions.builder().host("nn").port(9000).build(),
        HadoopFileSystemProvider.optionsFromUri(new URI("hdfs://mallory@nn:9000/x")));
  }

  private static void fail(String message) {
    throw new AssertionError(message);
  }
}
