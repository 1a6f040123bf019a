package io.sluice.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** HdfsOptions and URI parsing, without a cluster. */
class HdfsOptionsTest {

  @Test
  void defaultsFollowPyArrow() {
    HdfsOptions options = HdfsOptions.builder().build();
    assertEquals("default", options.host());
    assertEquals(8020, options.port());
    assertNull(options.user());
    assertEquals(3, options.replication());
    assertNull(options.fileSystemUri(), "default host leaves fs.defaultFS alone");
  }

  @Test
  void hostsBecomeFileSystemUris() {
    assertEquals("hdfs://nn.example:9000", HdfsOptions.builder().host("nn.example").port(9000).build().fileSystemUri());
    assertEquals("hdfs://[::1]:8020", HdfsOptions.builder().host("::1").build().fileSystemUri());
    assertEquals("viewfs://cluster", HdfsOptions.builder().host("viewfs://cluster").build().fileSystemUri());
  }

  @Test
  void configurationCarriesEveryOptionAndExtraConfWins() {
    Configuration conf = HdfsOptions.builder().host("nn").port(1234).replication(2).bufferSize(8192)
        .defaultBlockSize(1 << 20).kerberosTicketCache("/tmp/krb5cc").shortCircuit(true)
        .extraConf("dfs.replication", "1").extraConf("custom.key", "x").build().toConfiguration();
    assertEquals("hdfs://nn:1234", conf.get("fs.defaultFS"));
    assertEquals("1", conf.get("dfs.replication"), "extraConf wins");
    assertEquals(8192, conf.getInt("io.file.buffer.size", 0));
    assertEquals(1 << 20, conf.getLong("dfs.blocksize", 0));
    assertEquals("/tmp/krb5cc", conf.get("hadoop.security.kerberos.ticket.cache.path"));
    assertTrue(conf.getBoolean("dfs.client.read.shortcircuit", false));
    assertTrue(conf.getBoolean("dfs.client.use.legacy.blockreader.local", false));
    assertEquals("x", conf.get("custom.key"));
    assertTrue(conf.get("dfs.client.context").startsWith("sluice-"));
  }

  @Test
  void eachConfigurationHasItsOwnClientContext() {
    HdfsOptions options = HdfsOptions.builder().build();
    assertTrue(!options.toConfiguration().get("dfs.client.context").equals(options.toConfiguration().get("dfs.client.context")));
  }

  @Test
  void uriQueryKeysBecomeOptions() {
    HdfsOptions options = HadoopFileSystemProvider.optionsFromUri(URI.create(
        "hdfs://nn:9000/data?user=alice&replication=2&buffer_size=4096&default_block_size=1048576"
            + "&kerb_ticket=/tmp/cc&short_circuit=true&dfs.client.socket-timeout=5000"));
    assertEquals(HdfsOptions.builder().host("nn").port(9000).user("alice").replication(2).bufferSize(4096)
        .defaultBlockSize(1_048_576).kerberosTicketCache("/tmp/cc").shortCircuit(true)
        .extraConf("dfs.client.socket-timeout", "5000").build(), options);
    assertEquals("viewfs://cluster", HadoopFileSystemProvider.optionsFromUri(URI.create("viewfs://cluster/a")).host());
  }

  @Test
  void badUriValuesNameTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HadoopFileSystemProvider.optionsFromUri(URI.create("hdfs://nn/x?short_circuit=maybe")));
    assertTrue(e.getMessage().contains("maybe"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> HadoopFileSystemProvider.optionsFromUri(URI.create("hdfs://nn/x?replication=-1")));
    assertTrue(e.getMessage().contains("-1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> HadoopFileSystemProvider.optionsFromUri(URI.create("hdfs://nn/x?user")));
    assertTrue(e.getMessage().contains("user"), e.getMessage());
  }

  @Test
  void providerClaimsHadoopSchemesButNotFile() {
    HadoopFileSystemProvider provider = new HadoopFileSystemProvider();
    assertTrue(provider.schemes().contains("hdfs"));
    assertTrue(provider.supportsOtherScheme("webhdfs"), "the Hadoop client knows webhdfs");
    assertTrue(!provider.supportsOtherScheme("file"));
    assertTrue(!provider.supportsOtherScheme("nosuchscheme"));
  }

  @Test
  void fromUriChecksTheQueryAndLeavesExtraConfToCode() {
    HdfsOptions options = HdfsOptions.fromUri("hdfs://nn:9000/a?user=alice").toBuilder()
        .extraConf("ipc.client.connect.max.retries", "0").build();
    assertEquals(HdfsOptions.builder().host("nn").port(9000).user("alice")
        .extraConf("ipc.client.connect.max.retries", "0").build(), options);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HdfsOptions.fromUri("hdfs://nn:9000/a?ipc.client.connect.max.retries=0"));
    assertTrue(e.getMessage().contains("'ipc.client.connect.max.retries'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> HdfsOptions.fromUri("nn:9000/a b"));
    assertTrue(e.getMessage().startsWith("malformed URI 'nn:9000/a b'"), e.getMessage());
  }
}
