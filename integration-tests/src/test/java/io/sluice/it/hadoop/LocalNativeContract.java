package io.sluice.it.hadoop;

import java.io.File;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.contract.AbstractFSContract;

/**
 * Hadoop contract binding for {@link LocalNativeHadoopFileSystem}: options in
 * contract/sluice-osfile.xml or contract/sluice-mmap.xml (they differ in seeking past the end).
 */
public class LocalNativeContract extends AbstractFSContract {
  private final boolean mmap;
  private FileSystem fs;

  public LocalNativeContract(Configuration conf, boolean mmap) {
    super(conf);
    this.mmap = mmap;
    addConfResource(mmap ? "contract/sluice-mmap.xml" : "contract/sluice-osfile.xml");
  }

  @Override
  public void init() throws IOException {
    super.init();
    fs = new LocalNativeHadoopFileSystem(mmap);
    fs.initialize(fs.getUri(), getConf());
  }

  @Override
  public FileSystem getTestFileSystem() {
    return fs;
  }

  @Override
  public String getScheme() {
    return "file";
  }

  @Override
  public Path getTestPath() {
    File dir = new File("target/hadoop-contract-" + (mmap ? "mmap" : "osfile")).getAbsoluteFile();
    return new Path(dir.toURI());
  }
}
