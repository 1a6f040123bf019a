package io.sluice.it.hadoop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.contract.AbstractContractSeekTest;
import org.apache.hadoop.fs.contract.AbstractFSContract;
import org.junit.jupiter.api.AfterAll;

/** Hadoop's seek contract, run against Sluice's OSFile (issue 4). */
class TestOSFileContractSeek extends AbstractContractSeekTest {
  private static final long OPENS_BEFORE = LocalNativeHadoopFileSystem.OPENS.get();

  @Override
  protected AbstractFSContract createContract(Configuration conf) {
    return new LocalNativeContract(conf, false);
  }

  @AfterAll
  static void sluiceFilesServedTheReads() {
    assertTrue(LocalNativeHadoopFileSystem.OPENS.get() > OPENS_BEFORE, "no file was opened through OSFile");
  }
}
