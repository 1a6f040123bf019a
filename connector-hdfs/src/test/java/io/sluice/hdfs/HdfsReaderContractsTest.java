package io.sluice.hdfs;

import io.sluice.io.NativeFile;
import io.sluice.io.contract.RandomAccessReaderContract;
import io.sluice.io.contract.SequentialReaderContract;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The NativeFile contract suites of connector-core over real HDFS files: random access through the
 * DataNode (TCP), random access with short-circuit and zero-copy reads, and sequential streams.
 * One shared cluster; every file gets a fresh path.
 */
class HdfsReaderContractsTest {
  @RegisterExtension
  static final MiniHdfsExtension HDFS = MiniHdfsExtension.shared(new MiniHdfs.Settings(1, true));

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static FileSystem writer;
  private static HadoopFileSystem remote;
  private static HadoopFileSystem local;

  @BeforeAll
  static void connect() throws IOException {
    writer = HDFS.hdfs().hadoopClient();
    remote = HadoopFileSystem.connect(HDFS.hdfs().options().shortCircuit(false).build());
    local = HadoopFileSystem.connect(HDFS.hdfs().options().shortCircuit(true).build());
  }

  @AfterAll
  static void disconnect() throws IOException {
    local.close();
    remote.close();
    writer.close();
  }

  private static String store(byte[] content) throws IOException {
    String path = "/contract/file-" + COUNTER.incrementAndGet();
    TestData.write(writer, path, content);
    return path;
  }

  @Nested
  class RemoteRandomAccess extends RandomAccessReaderContract {
    @Override
    protected NativeFile openReader(byte[] content) throws IOException {
      return remote.openInputFile(store(content));
    }
  }

  @Nested
  class ZeroCopyRandomAccess extends RandomAccessReaderContract {
    @Override
    protected NativeFile openReader(byte[] content) throws IOException {
      return local.openInputFile(store(content));
    }

    /** The suite's files fit in one block, so every readBuffer is a view of the mapped block. */
    @Override
    protected boolean readsAreZeroCopy() {
      return true;
    }
  }

  @Nested
  class SequentialStream extends SequentialReaderContract {
    @Override
    protected NativeFile openReader(byte[] content) throws IOException {
      return remote.openInputStream(store(content));
    }
  }
}
