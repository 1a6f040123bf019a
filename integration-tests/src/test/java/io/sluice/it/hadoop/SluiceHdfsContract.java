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
  /** The cluster all HDFS contract suites share: one DataNode here, short-circuit (and so zero-copy) allowed. */
  static final MiniHdfs.Settings CLUSTER = new MiniHdfs.Settings(1, true);

  private final MiniHdfs hdfs;
  private SluiceHdfsAdapterFileSystem fs;

  public SluiceHdfsContract(Configuration conf, MiniHdfs hdfs) {
    super(conf);
    this.hdfs = hdfs;
    addConfResource("contract/sluice-hdfs.xml");
  }

  @Override
  public void init() throws IOException {
    super.init();
    fs = new SluiceHdfsAdapterFileSystem(HadoopFileSystem.connect(hdfs.options().build()));
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
