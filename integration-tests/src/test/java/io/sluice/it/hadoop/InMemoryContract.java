package io.sluice.it.hadoop;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.contract.AbstractFSContract;

/** Hadoop contract binding for {@link InMemoryHadoopFileSystem}; options in contract/sluicemem.xml. */
public class InMemoryContract extends AbstractFSContract {
  private FileSystem fs;

  public InMemoryContract(Configuration conf) {
    super(conf);
    addConfResource("contract/sluicemem.xml");
  }

  @Override
  public void init() throws IOException {
    super.init();
    fs = new InMemoryHadoopFileSystem();
    fs.initialize(java.net.URI.create(InMemoryHadoopFileSystem.SCHEME + ":///"), getConf());
  }

  @Override
  public FileSystem getTestFileSystem() {
    return fs;
  }

  @Override
  public String getScheme() {
    return InMemoryHadoopFileSystem.SCHEME;
  }

  @Override
  public Path getTestPath() {
    return new Path("/test");
  }
}
