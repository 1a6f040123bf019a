package io.sluice.hdfs;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * An in-process HDFS (Hadoop's {@link MiniDFSCluster}) tuned for fast tests on a small machine.
 *
 * <p>Every {@link Configuration} it hands out gets its own {@code dfs.client.context}, so client
 * caches (sockets, short-circuit state, the "legacy local reads disabled" flag) never leak between
 * clients. Retries wait 10 ms instead of 3 s, the block scanner is off and blocks are small, so
 * multi-block files stay small. With {@link Settings#shortCircuit} the DataNodes allow the legacy
 * local block reader (the only short-circuit reader that works without native libhadoop).
 *
 * <p>Use it through {@link MiniHdfsExtension}, which starts one cluster per test class or shares one
 * per JVM.
 *
 * <p>With the environment variable {@code SLUICE_HDFS_URI} set (for example to a cluster from
 * {@code ./sluice hdfs start} on this machine), the standard single-DataNode short-circuit setup
 * ({@link #STANDARD}) is that external cluster instead of an in-process one, so the FileSystem and
 * NativeFile contract tests run against real NameNode and DataNode processes. Tests that stop
 * DataNodes or touch block files still get their own MiniDFSCluster. The external cluster must
 * accept 64 KiB blocks ({@code dfs.namenode.fs-limits.min-block-size=0}, which
 * {@code sluice hdfs start} sets) and, for the zero-copy tests, allow this user's local block reads.
 */
public final class MiniHdfs implements AutoCloseable {
  /** Small blocks so a few hundred KiB already span several blocks (a multiple of the 512-byte checksum chunk). */
  public static final int BLOCK_SIZE = 64 * 1024;

  /** What kind of cluster to start; equal settings can share one cluster. */
  public record Settings(int dataNodes, boolean shortCircuit) {
    public Settings {
      if (dataNodes < 1) {
        throw new IllegalArgumentException("dataNodes must be at least 1: " + dataNodes);
      }
    }
  }

  /** One DataNode, short-circuit allowed: what most HDFS tests share, and what SLUICE_HDFS_URI replaces. */
  public static final Settings STANDARD = new Settings(1, true);

  private final Settings settings;
  private final File baseDir;
  private final MiniDFSCluster cluster;
  /** The NameNode of an external cluster (SLUICE_HDFS_URI), or null when {@link #cluster} runs in-process. */
  private final URI external;

  private MiniHdfs(Settings settings, File baseDir, MiniDFSCluster cluster, URI external) {
    this.settings = settings;
    this.baseDir = baseDir;
    this.cluster = cluster;
    this.external = external;
  }

  public static MiniHdfs start(Settings settings) throws IOException {
    Objects.requireNonNull(settings, "settings");
    String externalUri = System.getenv("SLUICE_HDFS_URI");
    if (externalUri != null && !externalUri.isBlank() && settings.equals(STANDARD)) {
      URI uri = URI.create(externalUri.trim());
      return new MiniHdfs(settings, null, null, URI.create(uri.getScheme() + "://" + uri.getHost() + ":"
          + (uri.getPort() < 0 ? 8020 : uri.getPort())));
    }
    File baseDir = new File("target/minidfs/" + UUID.randomUUID()).getAbsoluteFile();
    Configuration conf = tunedConfiguration(settings.shortCircuit());
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.getPath());
    MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf, baseDir)
        .numDataNodes(settings.dataNodes())
        .build();
    cluster.waitActive();
    return new MiniHdfs(settings, baseDir, cluster, null);
  }

  /** The settings every test cluster and every test client uses. */
  static Configuration tunedConfiguration(boolean shortCircuit) throws IOException {
    Configuration conf = new Configuration();
    conf.set("dfs.client.context", "sluice-test-" + UUID.randomUUID());
    conf.setInt("dfs.client.retry.window.base", 10);
    conf.setLong("dfs.block.scanner.volume.bytes.per.second", 0); // 0 turns the block scanner off
    conf.setLong("dfs.namenode.fs-limits.min-block-size", 0);
    conf.setLong("dfs.blocksize", BLOCK_SIZE);
    conf.setInt("dfs.heartbeat.interval", 1);
    conf.setInt("dfs.namenode.redundancy.interval.seconds", 1);
    conf.setInt("ipc.client.connect.max.retries", 2);
    conf.setInt("ipc.client.connect.retry.interval", 100);
    conf.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 10);
    if (shortCircuit) {
      conf.setBoolean("dfs.client.read.shortcircuit", true);
      conf.setBoolean("dfs.client.use.legacy.blockreader.local", true);
      // The DataNode only tells these users where its block files are.
      conf.set("dfs.block.local-path-access.user", UserGroupInformation.getCurrentUser().getShortUserName());
    }
    return conf;
  }

  public Settings settings() {
    return settings;
  }

  /** The in-process cluster, for tests that control DataNodes or block files. */
  public MiniDFSCluster cluster() {
    if (cluster == null) {
      throw new IllegalStateException("the external cluster " + external + " (SLUICE_HDFS_URI) cannot be controlled"
          + " by tests; give this test its own cluster with MiniHdfsExtension.perClass");
    }
    return cluster;
  }

  /** Whether this is an external cluster (SLUICE_HDFS_URI) rather than an in-process one. */
  public boolean isExternal() {
    return external != null;
  }

  /** {@code hdfs://host:port} of the NameNode. */
  public String uri() {
    return external != null ? external.toString() : "hdfs://127.0.0.1:" + cluster.getNameNodePort();
  }

  public int nameNodePort() {
    return external != null ? external.getPort() : cluster.getNameNodePort();
  }

  private String nameNodeHost() {
    return external != null ? external.getHost() : "127.0.0.1";
  }

  /**
   * A fresh client configuration for this cluster: the tuned settings, the NameNode as
   * {@code fs.defaultFS} and a client context of its own.
   */
  public Configuration clientConfiguration() throws IOException {
    Configuration conf = tunedConfiguration(settings.shortCircuit());
    conf.set("fs.defaultFS", uri());
    return conf;
  }

  /**
   * Options that reach this cluster with the test speed settings, replication = number of
   * DataNodes, small blocks, and short-circuit reads when the cluster allows them.
   */
  public HdfsOptions.Builder options() {
    return HdfsOptions.builder()
        .host(nameNodeHost())
        .port(nameNodePort())
        .replication(settings.dataNodes())
        .defaultBlockSize(BLOCK_SIZE)
        .shortCircuit(settings.shortCircuit())
        .extraConf("dfs.client.retry.window.base", "10")
        .extraConf("ipc.client.connect.max.retries", "2")
        .extraConf("ipc.client.connect.retry.interval", "100")
        .extraConf("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", "10");
  }

  /** Connects a Sluice file system with {@link #options()}. */
  public HadoopFileSystem connect() throws IOException {
    return HadoopFileSystem.connect(options().build());
  }

  /** A plain Hadoop client for setting up and checking test data, independent of the code under test. */
  public FileSystem hadoopClient() throws IOException {
    Configuration conf = clientConfiguration();
    conf.setBoolean("fs.hdfs.impl.disable.cache", true);
    return FileSystem.get(URI.create(uri()), conf);
  }

  @Override
  public void close() {
    if (cluster != null) {
      cluster.shutdown(true);
    }
  }

  @Override
  public String toString() {
    return "MiniHdfs" + settings + " at " + uri() + " in " + baseDir;
  }
}
