package io.sluice.it.hadoop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.hdfs.HdfsReadStatistics;
import io.sluice.hdfs.MiniHdfsExtension;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.contract.AbstractContractSeekTest;
import org.apache.hadoop.fs.contract.AbstractFSContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hadoop's seek contract against Sluice's HdfsFile with short-circuit reads off, so every byte
 * comes through the DataNode (the same cluster as {@link TestHdfsContractSeek}, issue 6).
 */
class TestHdfsRemoteContractSeek extends AbstractContractSeekTest {
  @RegisterExtension
  static final MiniHdfsExtension HDFS = MiniHdfsExtension.shared(SluiceHdfsContract.CLUSTER);

  private static final long OPENS_BEFORE = SluiceHdfsAdapterFileSystem.opens();
  private static final HdfsReadStatistics BEFORE = SluiceHdfsAdapterFileSystem.totalStatistics();

  @Override
  protected AbstractFSContract createContract(Configuration conf) {
    return new SluiceHdfsContract(conf, HDFS.hdfs(), false);
  }

  @AfterAll
  static void theDataNodeServedTheReads() {
    assertTrue(SluiceHdfsAdapterFileSystem.opens() > OPENS_BEFORE, "no file was opened through HdfsFile");
    HdfsReadStatistics after = SluiceHdfsAdapterFileSystem.totalStatistics();
    assertTrue(after.remoteBytesRead() > BEFORE.remoteBytesRead(), "no byte came through the DataNode");
    assertEquals(BEFORE.shortCircuitBytesRead(), after.shortCircuitBytesRead(), "short-circuit reads were off");
  }
}
