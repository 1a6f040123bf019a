package io.sluice.it.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.hdfs.HadoopFileSystem;
import io.sluice.hdfs.HdfsOptions;
import io.sluice.io.NativeFile;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedExceptionAction;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.minikdc.MiniKdc;
import org.apache.hadoop.security.AccessControlException;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.kerby.kerberos.kerb.client.KrbClient;
import org.apache.kerby.kerberos.kerb.type.ticket.TgtTicket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * HadoopFileSystem against a Kerberos-secured MiniDFSCluster (issue 6): a MiniKdc in this JVM, a
 * NameNode and a DataNode that log in from a keytab, block access tokens on.
 *
 * <p>Kerberos settings are JVM-wide ({@code UserGroupInformation.setConfiguration}, the JDK's krb5
 * configuration), so this class runs in its own surefire fork (execution {@code secure-hdfs} in
 * this module's pom, selected by the "kerberos" tag) and nothing else runs in that JVM. The DataNode uses unprivileged ports
 * without SASL, which Hadoop only allows with {@code ignore.secure.ports.for.testing}.
 */
@Tag("kerberos")
class SecureHdfsTest {
  private static final byte[] CONTENT = "secret sauce".getBytes(StandardCharsets.UTF_8);

  private static MiniKdc kdc;
  private static File keytab;
  private static String realm;
  private static MiniDFSCluster cluster;
  /** The cluster's own client, logged in as the hdfs superuser; sets up and checks test data. */
  private static FileSystem superuser;

  @BeforeAll
  static void startSecureCluster() throws Exception {
    File dir = new File("target/secure-hdfs/" + UUID.randomUUID()).getAbsoluteFile();
    assertTrue(dir.mkdirs(), "could not create " + dir);
    // The KDC first: it points the JDK at its krb5.conf before anything reads Kerberos settings.
    kdc = new MiniKdc(MiniKdc.createConf(), dir);
    kdc.start();
    realm = kdc.getRealm();
    keytab = new File(dir, "test.keytab");
    kdc.createPrincipal(keytab, "hdfs/localhost", "HTTP/localhost", "alice");

    Configuration conf = secureConfiguration();
    conf.set("hadoop.security.authorization", "false");
    conf.set("dfs.namenode.keytab.file", keytab.getPath());
    conf.set("dfs.datanode.kerberos.principal", "hdfs/localhost@" + realm);
    conf.set("dfs.datanode.keytab.file", keytab.getPath());
    conf.set("dfs.web.authentication.kerberos.principal", "HTTP/localhost@" + realm);
    conf.set("dfs.web.authentication.kerberos.keytab", keytab.getPath());
    conf.setBoolean("dfs.block.access.token.enable", true);
    conf.setBoolean("ignore.secure.ports.for.testing", true);
    conf.setLong("dfs.block.scanner.volume.bytes.per.second", 0);
    conf.setInt("dfs.heartbeat.interval", 1);
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, new File(dir, "dfs").getPath());
    UserGroupInformation.setConfiguration(conf);

    cluster = new MiniDFSCluster.Builder(conf, new File(dir, "dfs")).numDataNodes(1).build();
    cluster.waitActive();
    superuser = cluster.getFileSystem();
    superuser.mkdirs(new Path("/user/alice"));
    superuser.setOwner(new Path("/user/alice"), "alice", null);
    superuser.mkdirs(new Path("/private"), new FsPermission((short) 0700));
    superuser.setPermission(new Path("/private"), new FsPermission((short) 0700));
    try (FSDataOutputStream out = superuser.create(new Path("/private/secret.bin"))) {
      out.write(CONTENT);
    }
  }

  /** What client and servers share: Kerberos on, and the NameNode's principal. */
  private static Configuration secureConfiguration() {
    Configuration conf = new Configuration();
    conf.set("hadoop.security.authentication", "kerberos");
    conf.set("dfs.namenode.kerberos.principal", "hdfs/localhost@" + realm);
    return conf;
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.shutdown(true);
    }
    if (kdc != null) {
      kdc.stop();
    }
  }

  /** Options for this cluster as a client's core-site.xml would give them. */
  private static HdfsOptions.Builder options() {
    HdfsOptions.Builder builder = HdfsOptions.builder()
        .host("127.0.0.1")
        .port(cluster.getNameNodePort())
        .replication(1)
        .extraConf("ipc.client.connect.max.retries", "2")
        .extraConf("dfs.client.retry.window.base", "10");
    secureConfiguration().forEach(entry -> {
      if (entry.getKey().equals("hadoop.security.authentication") || entry.getKey().startsWith("dfs.namenode.kerberos")) {
        builder.extraConf(entry.getKey(), entry.getValue());
      }
    });
    return builder;
  }

  /** Writes, lists and reads back a file under /user/alice; the NameNode records who wrote it. */
  private static void writeAndReadAsAlice(HadoopFileSystem fs, String name) throws IOException {
    String path = "/user/alice/" + name;
    try (NativeFile out = fs.openOutputStream(path)) {
      out.write(CONTENT);
    }
    assertEquals(CONTENT.length, fs.getFileInfo(path).size());
    try (NativeFile in = fs.openInputFile(path)) {
      assertArrayEquals(CONTENT, in.read());
    }
    assertEquals("alice", superuser.getFileStatus(new Path(path)).getOwner(), "written as alice, not as the JVM's login user");
  }

  @Test
  void aUserLoggedInFromAKeytabReadsAndWrites() throws Exception {
    UserGroupInformation alice = UserGroupInformation.loginUserFromKeytabAndReturnUGI("alice@" + realm, keytab.getPath());
    // The file system keeps the user current at connect time for all its operations.
    HadoopFileSystem fs = alice.doAs((PrivilegedExceptionAction<HadoopFileSystem>) () -> HadoopFileSystem.connect(options().build()));
    try (fs) {
      writeAndReadAsAlice(fs, "from-keytab.txt");
    }
  }

  @Test
  void aUserWithAKerberosTicketCacheReadsAndWrites() throws Exception {
    // What kinit would leave behind: a ticket cache holding alice's TGT.
    File ticketCache = new File(keytab.getParentFile(), "krb5cc_alice");
    KrbClient krb = new KrbClient(kdc.getKrb5conf().getParentFile());
    krb.init();
    TgtTicket tgt = krb.requestTgt("alice@" + realm, keytab);
    krb.storeTicket(tgt, ticketCache);

    try (HadoopFileSystem fs = HadoopFileSystem.connect(options().kerberosTicketCache(ticketCache.getPath()).build())) {
      writeAndReadAsAlice(fs, "from-ticket-cache.txt");
    }
  }

  @Test
  void aClientWithoutKerberosCredentialsIsRefused() throws Exception {
    IOException e = assertThrows(IOException.class, () -> {
      try (HadoopFileSystem fs = HadoopFileSystem.connect(options().user("mallory").build())) {
        fs.getFileInfo("/user/alice");
      }
    });
    assertTrue(String.valueOf(e.getMessage()).contains("Client cannot authenticate via:[TOKEN, KERBEROS]"), e.toString());
  }

  @Test
  void aPermissionDeniedPathSurfacesHadoopsAccessControlExceptionUnchanged() throws Exception {
    UserGroupInformation alice = UserGroupInformation.loginUserFromKeytabAndReturnUGI("alice@" + realm, keytab.getPath());
    HadoopFileSystem fs = alice.doAs((PrivilegedExceptionAction<HadoopFileSystem>) () -> HadoopFileSystem.connect(options().build()));
    try (fs) {
      AccessControlException read = assertThrows(AccessControlException.class, () -> fs.openInputFile("/private/secret.bin"));
      assertEquals(AccessControlException.class, read.getClass());
      assertTrue(read.getMessage().contains("Permission denied: user=alice"), read.getMessage());
      AccessControlException write = assertThrows(AccessControlException.class, () -> fs.openOutputStream("/private/mine.bin"));
      assertEquals(AccessControlException.class, write.getClass());
      assertTrue(write.getMessage().contains("Permission denied: user=alice"), write.getMessage());
    }
    assertEquals(CONTENT.length, superuser.getFileStatus(new Path("/private/secret.bin")).getLen());
  }
}
