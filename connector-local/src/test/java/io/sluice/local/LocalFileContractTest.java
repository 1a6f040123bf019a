package io.sluice.local;

import io.sluice.io.NativeFile;
import io.sluice.io.contract.RandomAccessReaderContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Override
    protected boolean readsAreZeroCopy() {
      return false; // ranges longer than a window get their own mapping, but the contract's views are not all slices of one
    }
  }
}
