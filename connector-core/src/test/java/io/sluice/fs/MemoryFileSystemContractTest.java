package io.sluice.fs;

import io.sluice.fs.contract.FileSystemContract;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The file system contract on a {@link MemoryFileSystem} whose clock is fixed, so times are exact. */
class MemoryFileSystemContractTest extends FileSystemContract {
  static final Instant T0 = Instant.parse("2026-12-07T03:00:00.123456789Z");
  private final MemoryFileSystem fs = new MemoryFileSystem(Clock.fixed(T0, ZoneOffset.UTC));

  @Override
  protected FileSystem fileSystem() {
    return fs;
  }

  @Override
  protected String newRoot() throws java.io.IOException {
    fs.createDir("/work", false);
    return "/work";
  }

  @Override
  protected String expectedTypeName() {
    return "mem";
  }

  @Override
  protected Instant storedMtime(String path) {
    return T0;
  }
}
