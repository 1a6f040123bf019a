package io.sluice.hdfs;

import io.sluice.fs.FileSystem;
import io.sluice.fs.contract.FileSystemContract;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The file system contract on {@link HadoopFileSystem} over a MiniDFSCluster, checked against the
 * NameNode through Hadoop's own client (times, and listings that show atomic writers' hidden
 * temporaries).
 */
class HadoopFileSystemContractTest extends FileSystemContract {
  @RegisterExtension
  static final MiniHdfsExtension HDFS = MiniHdfsExtension.shared(new MiniHdfs.Settings(1, true));

  private static HadoopFileSystem fs;
  private static org.apache.hadoop.fs.FileSystem hadoop;

  @BeforeAll
  static void connect() throws IOException {
    fs = HDFS.hdfs().connect();
    hadoop = HDFS.hdfs().hadoopClient();
  }

  @AfterAll
  static void disconnect() throws IOException {
    fs.close();
    hadoop.close();
  }

  @Override
  protected FileSystem fileSystem() {
    return fs;
  }

  @Override
  protected String newRoot() throws IOException {
    String root = "/fs-contract/" + UUID.randomUUID();
    fs.createDir(root, true);
    return root;
  }

  @Override
  protected String expectedTypeName() {
    return "hdfs";
  }

  @Override
  protected Instant storedMtime(String path) throws IOException {
    return Instant.ofEpochMilli(hadoop.getFileStatus(new Path(path)).getModificationTime());
  }

  @Override
  protected List<String> storedNames(String dir) throws IOException {
    return Arrays.stream(hadoop.listStatus(new Path(dir))).map(FileStatus::getPath).map(Path::getName).sorted().toList();
  }

  /** HDFS abandons an output stream by closing it, and says the content was not published. */
  @Override
  protected boolean abortReportsNotPublished() {
    return true;
  }

  @Override
  protected int multiBlockSize() {
    return 3 * MiniHdfs.BLOCK_SIZE + 17;
  }

  /** Each round is a create, a close that waits for the DataNode, and a NameNode rename. */
  @Override
  protected int renameRaceRounds() {
    return 200;
  }
}
