package io.sluice.bench.hdfs;

import io.sluice.hdfs.HadoopFileSystem;
import io.sluice.hdfs.HdfsOptions;
import java.io.File;
import java.io.IOException;
import java.util.Random;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * The in-process HDFS the JMH read benchmarks use (started in {@code @Setup(Level.Trial)}, once per
 * fork): one DataNode on loopback that serves short-circuit reads (Hadoop's legacy local block
 * reader, as the connector-hdfs tests use), with one file of seeded random bytes in 128 MiB blocks.
 */
final class BenchCluster implements AutoCloseable {
  static final String PATH = "/bench/data.bin";
  static final long BLOCK_SIZE = 128L << 20;
  static final int CHUNK = 1 << 20;

  private final File baseDir;
  private final MiniDFSCluster cluster;
  /** The cluster's own client: writes the file (its configuration allows short-circuit reads). */
  final FileSystem hadoop;
  private final Configuration conf;

  BenchCluster(long fileSize) throws IOException {
    baseDir = new File(System.getProperty("java.io.tmpdir"), "sluice-bench-minidfs-" + UUID.randomUUID());
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.getPath());
    conf.set("dfs.client.context", "sluice-bench-" + UUID.randomUUID());
    conf.setLong("dfs.blocksize", BLOCK_SIZE);
    conf.setLong("dfs.block.scanner.volume.bytes.per.second", 0); // no block scanner competing for the disk
    conf.setBoolean("dfs.client.read.shortcircuit", true);
    conf.setBoolean("dfs.client.use.legacy.blockreader.local", true);
    conf.set("dfs.block.local-path-access.user", UserGroupInformation.getCurrentUser().getShortUserName());
    this.conf = conf;
    cluster = new MiniDFSCluster.Builder(conf, baseDir).numDataNodes(1).build();
    cluster.waitActive();
    hadoop = cluster.getFileSystem();
    byte[] chunk = new byte[CHUNK];
    Random random = new Random(1);
    try (FSDataOutputStream out = hadoop.create(new Path(PATH), true, CHUNK, (short) 1, BLOCK_SIZE)) {
      for (long written = 0; written < fileSize; written += CHUNK) {
        random.nextBytes(chunk);
        out.write(chunk, 0, (int) Math.min(CHUNK, fileSize - written));
      }
    }
  }

  /**
   * A Sluice client: through the DataNode ({@code shortCircuit} false), or reading the local block
   * files, with checksums verified or skipped.
   */
  HadoopFileSystem connect(boolean shortCircuit, boolean skipChecksums) throws IOException {
    HdfsOptions.Builder options = HdfsOptions.builder().host("127.0.0.1").port(cluster.getNameNodePort())
        .replication(1).defaultBlockSize(BLOCK_SIZE).shortCircuit(shortCircuit);
    if (skipChecksums) {
      options.extraConf("dfs.client.read.shortcircuit.skip.checksum", "true");
    }
    return HadoopFileSystem.connect(options.build());
  }

  /**
   * A Hadoop client of its own (closed by the caller): through the DataNode ({@code shortCircuit}
   * false: the peer of Sluice's DataNode path) or reading the local block files with Hadoop's legacy
   * local reader (the peer of Sluice's short-circuit path). The cluster's own client cannot be the
   * DataNode peer: its configuration has short-circuit reads on, so it never uses the DataNode.
   */
  FileSystem hadoopClient(boolean shortCircuit) throws IOException {
    Configuration client = new Configuration(conf);
    client.setBoolean("dfs.client.read.shortcircuit", shortCircuit);
    client.set("dfs.client.context", "sluice-bench-hadoop-" + UUID.randomUUID());
    return FileSystem.newInstance(cluster.getURI(), client);
  }

  @Override
  public void close() throws IOException {
    hadoop.close();
    cluster.shutdown(true);
    FileUtil.fullyDelete(baseDir);
  }
}
