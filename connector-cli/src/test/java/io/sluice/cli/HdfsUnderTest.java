package io.sluice.cli;

import io.sluice.hdfs.HadoopFileSystem;
import io.sluice.hdfs.MiniHdfs;
import io.sluice.hdfs.MiniHdfsExtension;
import io.sluice.fs.FileSystem;
import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The HDFS the CLI tests run against: the cluster named by the environment variable
 * {@code SLUICE_HDFS_URI} (e.g. {@code hdfs://127.0.0.1:8020} from {@code sluice hdfs start}, or
 * the docker-compose cluster) when it is set, otherwise an in-process MiniDFSCluster shared by the
 * test run. Tests work under {@link #root()}, a fresh directory per test class, so runs against a
 * long-lived cluster do not collide.
 */
final class HdfsUnderTest implements BeforeAllCallback, AfterAllCallback {
  static final String ENV = "SLUICE_HDFS_URI";

  private final MiniHdfsExtension mini = MiniHdfsExtension.shared(new MiniHdfs.Settings(1, true));
  private final String external = System.getenv(ENV);
  private final String root = "/sluice-cli-test-" + UUID.randomUUID();

  boolean isExternal() {
    return external != null && !external.isBlank();
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    if (!isExternal()) {
      mini.beforeAll(context);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    try (HadoopFileSystem fs = connect()) {
      if (fs.getFileInfo(root).exists()) {
        fs.deleteDir(root);
      }
    } finally {
      if (!isExternal()) {
        mini.afterAll(context);
      }
    }
  }

  /** {@code hdfs://host:port} of the NameNode. */
  String uri() {
    if (isExternal()) {
      URI uri = URI.create(external.trim());
      return uri.getScheme() + "://" + uri.getAuthority();
    }
    return mini.hdfs().uri();
  }

  /**
   * The block size test files are written with: MiniHdfs's small blocks, or 1 MiB on an external
   * cluster (the smallest a stock NameNode accepts: dfs.namenode.fs-limits.min-block-size).
   */
  int blockSize() {
    return isExternal() ? 1 << 20 : MiniHdfs.BLOCK_SIZE;
  }

  /** This test class's own directory on the cluster. */
  String root() {
    return root;
  }

  /** A Sluice client for setting up and checking test data. */
  HadoopFileSystem connect() throws IOException {
    if (isExternal()) {
      return (HadoopFileSystem) FileSystem.fromUri(uri() + "/?replication=1").fs();
    }
    return mini.hdfs().connect();
  }

  /** A plain Hadoop client acting as the cluster's superuser (the user who started it). */
  org.apache.hadoop.fs.FileSystem hadoopClient() throws IOException {
    if (isExternal()) {
      Configuration conf = new Configuration();
      conf.setBoolean("fs.hdfs.impl.disable.cache", true);
      return org.apache.hadoop.fs.FileSystem.newInstance(URI.create(uri()), conf);
    }
    return mini.hdfs().hadoopClient();
  }
}
