package io.sluice.local;

import io.sluice.io.NativeFile;
import io.sluice.fs.WriteOptions;
import io.sluice.io.contract.RandomAccessReaderContract;
import io.sluice.io.contract.WriterContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The NativeFile reader contract over every readable local kind and mode. */
class LocalFileContractTest {
  @TempDir static Path dir;
  private static final AtomicInteger COUNTER = new AtomicInteger();

  static String write(byte[] content) throws IOException {
    return Files.write(dir.resolve("contract-" + COUNTER.incrementAndGet()), content).toString();
  }

  abstract static class LocalReaderContract extends RandomAccessReaderContract {}

  @Nested
  class OSFileRb extends LocalReaderContract {
    @Override
    protected NativeFile openReader(byte[] content) throws IOException {
      return new OSFile(write(content), "rb");
    }

    @Override
    protected boolean allowsSeekPastEnd() {
      return true;
    }
  }

  @Nested
  class OSFileR extends OSFileRb {
    @Override
    protected NativeFile openReader(byte[] content) throws IOException {
      return new OSFile(write(content), "r");
    }
  }

  @Nested
  class MemoryMappedR extends LocalReaderContract {
    @Override
    protected NativeFile openReader(byte[] content) throws IOException {
      return MemoryMappedFile.open(write(content), "r");
    }

    @Override
    protected boolean readsAreZeroCopy() {
      return true;
    }
  }

  /** Windows every 64 bytes: every contract read crosses internal mapping boundaries. */
  @Nested
  class MemoryMappedTinyWindows extends MemoryMappedR {
    @Override
    protected NativeFile openReader(byte[] content) throws IOException {
      return MemoryMappedFile.open(write(content), "r", 64);
    }
  }

  /** Writers: finishing closes the file and reads back what landed on disk. */
  abstract static class LocalWriterContract extends WriterContract {
    private final Map<NativeFile, Path> paths = new IdentityHashMap<>();

    abstract NativeFile open(Path path) throws IOException;

    @Override
    protected NativeFile openWriter() throws IOException {
      Path path = dir.resolve("writer-" + COUNTER.incrementAndGet());
      NativeFile writer = open(path);
      paths.put(writer, path);
      return writer;
    }

    @Override
    protected byte[] finish(NativeFile writer) throws IOException {
      writer.close();
      return Files.readAllBytes(paths.remove(writer));
    }
  }

  @Nested
  class OSFileWb extends LocalWriterContract {
    @Override
    NativeFile open(Path path) throws IOException {
      return new OSFile(path.toString(), "wb");
    }
  }

  @Nested
  class OSFileW extends LocalWriterContract {
    @Override
    NativeFile open(Path path) throws IOException {
      return new OSFile(path.toString(), "w");
    }
  }

  @Nested
  class OSFileAppend extends LocalWriterContract {
    @Override
    NativeFile open(Path path) throws IOException {
      return new OSFile(path.toString(), "a");
    }

    @Override
    protected String expectedMode() {
      return "ab";
    }
  }

  @Nested
  class AtomicOutput extends LocalWriterContract {
    @Override
    NativeFile open(Path path) throws IOException {
      return new LocalFileSystem().openOutputStream(path.toString(), WriteOptions.builder().atomic(true).build());
    }
  }

  /** A {@code "w"} map over an existing file of {@link #capacity()} zero bytes. */
  @Nested
  class MemoryMappedW extends LocalWriterContract {
    @Override
    NativeFile open(Path path) throws IOException {
      Files.write(path, new byte[(int) capacity()]);
      return MemoryMappedFile.open(path.toString(), "w");
    }

    @Override
    protected long capacity() {
      return 300_000;
    }
  }

  @Nested
  class MemoryMappedWTinyWindows extends MemoryMappedW {
    @Override
    NativeFile open(Path path) throws IOException {
      Files.write(path, new byte[(int) capacity()]);
      return MemoryMappedFile.open(path.toString(), "w", 4096);
    }
  }
}
