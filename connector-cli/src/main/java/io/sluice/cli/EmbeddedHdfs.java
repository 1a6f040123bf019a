package io.sluice.cli;

import io.sluice.hdfs.HadoopFileSystem;
import io.sluice.hdfs.HdfsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * A one-DataNode HDFS inside this JVM on 127.0.0.1 (Hadoop's {@link MiniDFSCluster}), for
 * {@code sluice demo}. In-process because it is ready in seconds with nothing to format or wait for
 * in separate JVMs (that is what {@link LocalHdfsCluster} is for), and everything it wrote is
 * removed on {@link #close()}. Short-circuit reads are on, through the legacy local block reader
 * (no native libhadoop needed), so a client on this host can read block files directly.
 */
final class EmbeddedHdfs implements AutoCloseable {
  static final int BLOCK_SIZE = 1 << 20;

  private final Path baseDir;
  private final MiniDFSCluster cluster;
  private boolean closed;

  private EmbeddedHdfs(Path baseDir, MiniDFSCluster cluster) {
    this.baseDir = baseDir;
    this.cluster = cluster;
  }

  static EmbeddedHdfs start() throws IOException {
    Path baseDir = Files.createTempDirectory("sluice-demo-hdfs-");
    try {
      Configuration conf = new Configuration();
      conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toString());
      conf.set("dfs.client.context", "sluice-demo-" + UUID.randomUUID());
      conf.setLong("dfs.blocksize", BLOCK_SIZE);
      conf.setLong("dfs.block.scanner.volume.bytes.per.second", 0); // no block scanner
      conf.setInt("dfs.heartbeat.interval", 1);
      conf.setInt("dfs.client.retry.window.base", 10);
      conf.setBoolean("dfs.client.read.shortcircuit", true);
      conf.setBoolean("dfs.client.use.legacy.blockreader.local", true);
      conf.set("dfs.block.local-path-access.user", UserGroupInformation.getCurrentUser().getShortUserName());
      MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf, baseDir.toFile()).numDataNodes(1).build();
      cluster.waitActive();
      return new EmbeddedHdfs(baseDir, cluster);
    } catch (IOException | RuntimeException e) {
      deleteTree(baseDir);
      throw e;
    }
  }

  String uri() {
    return "hdfs://127.0.0.1:" + cluster.getNameNodePort();
  }

  /** A client; with {@code shortCircuit} it reads local block files directly. */
  HadoopFileSystem connect(boolean shortCircuit) throws IOException {
    return HadoopFileSystem.connect(HdfsOptions.builder()
        .host("127.0.0.1")
        .port(cluster.getNameNodePort())
        .replication(1)
        .defaultBlockSize(BLOCK_SIZE)
        .shortCircuit(shortCircuit)
        .extraConf("dfs.client.context", "sluice-demo-client-" + UUID.randomUUID())
        .build());
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      cluster.shutdown(true);
    } finally {
      deleteTree(baseDir);
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
