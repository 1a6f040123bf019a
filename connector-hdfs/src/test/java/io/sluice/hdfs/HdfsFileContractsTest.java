package io.sluice.hdfs;

import io.sluice.io.NativeFile;
import io.sluice.io.contract.RandomAccessReaderContract;
import io.sluice.io.contract.SequentialReaderContract;
import io.sluice.io.contract.WriterContract;
import io.sluice.fs.WriteOptions;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import java.io.IOException;
import java.util.Map;
import io.sluice.io.contract.TestData.Operation;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The NativeFile contract suites of connector-core over real HDFS files: random access through the
 * DataNode (TCP), random access with short-circuit and zero-copy reads, sequential streams, and
 * writers (plain, atomic, append).
 * One shared cluster; every file gets a fresh path.
 */
class HdfsFileContractsTest {
  @RegisterExtension
  static final MiniHdfsExtension HDFS = MiniHdfsExtension.shared(new MiniHdfs.Settings(1, true));

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static FileSystem writer;
  private static HadoopFileSystem remote;
  private static HadoopFileSystem local;

  @BeforeAll
  static void connect() throws IOException {
    writer = HDFS.hdfs().hadoopClient();
    writer.mkdirs(new Path("/contract"));
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
    /** A reader's size stays readable after close (HdfsLengthAfterCloseTest); everything else says "closed". */
    @Override
    protected Map<String, Operation> operationsOn(NativeFile file) {
      return readableAfterClose(super.operationsOn(file));
    }

    @Override
    protected NativeFile openReader(byte[] content) throws IOException {
      return remote.openInputFile(store(content));
    }
  }

  @Nested
  class ZeroCopyRandomAccess extends RandomAccessReaderContract {
    /** A reader's size stays readable after close (HdfsLengthAfterCloseTest); everything else says "closed". */
    @Override
    protected Map<String, Operation> operationsOn(NativeFile file) {
      return readableAfterClose(super.operationsOn(file));
    }

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
    /** A reader's size stays readable after close (HdfsLengthAfterCloseTest); everything else says "closed". */
    @Override
    protected Map<String, Operation> operationsOn(NativeFile file) {
      return readableAfterClose(super.operationsOn(file));
    }

    @Override
    protected NativeFile openReader(byte[] content) throws IOException {
      return remote.openInputStream(store(content));
    }
  }

  private static Map<String, Operation> readableAfterClose(Map<String, Operation> operations) {
    operations.remove("size");
    return operations;
  }

  private static String newPath() {
    return "/contract/written-" + COUNTER.incrementAndGet();
  }

  /** Closes the writer and reads back what HDFS holds under its name. */
  private static byte[] finishAndReadBack(NativeFile writer) throws IOException {
    writer.close();
    try (FSDataInputStream in = HdfsFileContractsTest.writer.open(new Path(((HdfsFile) writer).path()))) {
      return in.readAllBytes();
    }
  }

  @Nested
  class PlainWriter extends WriterContract {
    @Override
    protected NativeFile openWriter() throws IOException {
      return remote.openOutputStream(newPath());
    }

    @Override
    protected byte[] finish(NativeFile writer) throws IOException {
      return finishAndReadBack(writer);
    }
  }

  @Nested
  class AtomicWriter extends WriterContract {
    @Override
    protected NativeFile openWriter() throws IOException {
      return remote.openOutputStream(newPath(), WriteOptions.builder().atomic(true).build());
    }

    @Override
    protected byte[] finish(NativeFile writer) throws IOException {
      return finishAndReadBack(writer);
    }
  }

  @Nested
  class AppendWriter extends WriterContract {
    @Override
    protected NativeFile openWriter() throws IOException {
      return remote.openAppendStream(newPath());
    }

    @Override
    protected byte[] finish(NativeFile writer) throws IOException {
      return finishAndReadBack(writer);
    }

    @Override
    protected String expectedMode() {
      return "ab";
    }
  }
}
