package io.sluice.it.hadoop;

import io.sluice.hdfs.HadoopFileSystem;
import io.sluice.hdfs.MiniHdfs;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.contract.AbstractFSContract;

/**
 * Hadoop contract binding for {@link SluiceHdfsAdapterFileSystem} on a {@link MiniHdfs} cluster;
 * options in contract/sluice-hdfs.xml. Each test gets its own adapter (and Sluice client), closed
 * in {@link #teardown()}; the cluster is shared.
 */
public class SluiceHdfsContract extends AbstractFSContract {
  /** The cluster all HDFS contract suites share: one DataNode on this host that allows short-circuit reads. */
  static final MiniHdfs.Settings CLUSTER = new MiniHdfs.Settings(1, true);

  private final MiniHdfs hdfs;
  private final boolean shortCircuit;
  private SluiceHdfsAdapterFileSystem fs;

  /**
   * @param shortCircuit whether the Sluice client may read local block files (and so take the
   *     zero-copy path); without it every read goes through the DataNode
   */
  public SluiceHdfsContract(Configuration conf, MiniHdfs hdfs, boolean shortCircuit) {
    super(conf);
    this.hdfs = hdfs;
    this.shortCircuit = shortCircuit;
    addConfResource("contract/sluice-hdfs.xml");
  }

  @Override
  public void init() throws IOException {
    super.init();
    fs = new SluiceHdfsAdapterFileSystem(HadoopFileSystem.connect(hdfs.options().shortCircuit(shortCircuit).build()));
    fs.initialize(hdfs.cluster().getURI(), hdfs.clientConfiguration());
  }

  @Override
  public void teardown() throws IOException {
    if (fs != null) {
      fs.close();
    }
  }

  @Override
  public FileSystem getTestFileSystem() {
    return fs;
  }

  @Override
  public String getScheme() {
    return "hdfs";
  }

  @Override
  public Path getTestPath() {
    return new Path("/test");
  }
}
