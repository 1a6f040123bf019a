package io.sluice.it.hadoop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.hdfs.MiniHdfsExtension;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.contract.AbstractContractSeekTest;
import org.apache.hadoop.fs.contract.AbstractFSContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hadoop's seek contract, run against Sluice's HdfsFile on a MiniDFSCluster whose one DataNode is
 * on this host with short-circuit reads allowed, so the zero-copy path serves reads inside a block
 * (issue 6).
 */
class TestHdfsContractSeek extends AbstractContractSeekTest {
  @RegisterExtension
  static final MiniHdfsExtension HDFS = MiniHdfsExtension.shared(SluiceHdfsContract.CLUSTER);

  private static final long OPENS_BEFORE = SluiceHdfsAdapterFileSystem.opens();
  private static final long ZERO_COPY_BEFORE = SluiceHdfsAdapterFileSystem.totalStatistics().zeroCopyBytesRead();

  @Override
  protected AbstractFSContract createContract(Configuration conf) {
    return new SluiceHdfsContract(conf, HDFS.hdfs(), true);
  }

  @AfterAll
  static void sluiceFilesServedTheReads() {
    assertTrue(SluiceHdfsAdapterFileSystem.opens() > OPENS_BEFORE, "no file was opened through HdfsFile");
    long zeroCopy = SluiceHdfsAdapterFileSystem.totalStatistics().zeroCopyBytesRead() - ZERO_COPY_BEFORE;
    assertTrue(zeroCopy > 0, "the zero-copy path served none of the reads");
  }
}
