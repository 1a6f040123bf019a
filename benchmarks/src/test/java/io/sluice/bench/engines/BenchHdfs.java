package io.sluice.bench.engines;

import io.sluice.hdfs.HadoopFileSystem;
import io.sluice.hdfs.HdfsOptions;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * A one-DataNode MiniDFSCluster for the engine benchmarks, with the two clients they compare:
 * <ul>
 *   <li>{@link #sluice()}: Sluice's {@link HadoopFileSystem} with short-circuit reads of the local
 *       replica (Hadoop's legacy local reader, pure Java: what Sluice maps zero-copy);</li>
 *   <li>{@link #hadoopRemote()}: Hadoop's own {@code DistributedFileSystem} without short-circuit,
 *       so every byte comes through the DataNode over loopback TCP: what a user without native
 *       libhadoop (domain-socket short-circuit) gets.</li>
 * </ul>
 * The Hadoop client is the one Hadoop's FileSystem cache returns for the cluster's URI, so code that
 * looks a FileSystem up by path (parquet's {@code HadoopInputFile}) gets this remote client.
 */
final class BenchHdfs implements AutoCloseable {
  /** HDFS block size (128 MiB, Hadoop's default); {@code -Dsluice.bench.engines.blockSize} makes it smaller for tests. */
  static long blockSize() {
    return Long.getLong("sluice.bench.engines.blockSize", 128L << 20);
  }

  private final File baseDir;
  private final MiniDFSCluster cluster;
  private final Configuration remoteConf;
  private final FileSystem hadoopRemote;
  private final HadoopFileSystem sluice;

  private BenchHdfs(File baseDir, MiniDFSCluster cluster, Configuration remoteConf, FileSystem hadoopRemote,
      HadoopFileSystem sluice) {
    this.baseDir = baseDir;
    this.cluster = cluster;
    this.remoteConf = remoteConf;
    this.hadoopRemote = hadoopRemote;
    this.sluice = sluice;
  }

  static BenchHdfs start() throws IOException {
    File baseDir = new File(System.getProperty("java.io.tmpdir"), "sluice-bench-engines-" + UUID.randomUUID());
    String user = UserGroupInformation.getCurrentUser().getShortUserName();
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.getPath());
    conf.setLong("dfs.blocksize", blockSize());
    conf.setLong("dfs.namenode.fs-limits.min-block-size", 0);
    conf.setInt("dfs.replication", 1);
    conf.setLong("dfs.block.scanner.volume.bytes.per.second", 0); // block scanner off
    // The DataNode tells this user where its block files are (the legacy local reader).
    conf.set("dfs.block.local-path-access.user", user);
    MiniDFSCluster cluster = null;
    try {
      cluster = new MiniDFSCluster.Builder(conf, baseDir).numDataNodes(1).build();
      cluster.waitActive();
      int port = cluster.getNameNodePort();
      URI uri = URI.create("hdfs://127.0.0.1:" + port);
      // Whatever the cluster cached under this URI goes, so the cache holds the remote client only.
      FileSystem.closeAll();
      Configuration remoteConf = new Configuration();
      remoteConf.set("fs.defaultFS", uri.toString());
      remoteConf.setLong("dfs.blocksize", blockSize());
      remoteConf.setInt("dfs.replication", 1);
      remoteConf.setBoolean("dfs.client.read.shortcircuit", false);
      remoteConf.set("dfs.client.context", "sluice-bench-remote-" + UUID.randomUUID());
      FileSystem hadoopRemote = FileSystem.get(uri, remoteConf);
      HadoopFileSystem sluice = HadoopFileSystem.connect(HdfsOptions.builder().host("127.0.0.1").port(port)
          .replication(1).defaultBlockSize(blockSize()).shortCircuit(true).build());
      return new BenchHdfs(baseDir, cluster, remoteConf, hadoopRemote, sluice);
    } catch (IOException | RuntimeException e) {
      if (cluster != null) {
        cluster.shutdown(true);
      }
      FileUtil.fullyDelete(baseDir);
      throw e;
    }
  }

  HadoopFileSystem sluice() {
    return sluice;
  }

  FileSystem hadoopRemote() {
    return hadoopRemote;
  }

  /** The remote client's configuration; {@code FileSystem.get} with it returns {@link #hadoopRemote()}. */
  Configuration remoteConf() {
    return remoteConf;
  }

  @Override
  public void close() throws IOException {
    try {
      sluice.close();
      hadoopRemote.close();
    } finally {
      cluster.shutdown(true);
      FileUtil.fullyDelete(baseDir);
    }
  }
}
