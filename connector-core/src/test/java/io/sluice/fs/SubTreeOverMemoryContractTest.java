package io.sluice.fs;

import io.sluice.fs.contract.FileSystemContract;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The file system contract on a {@link SubTreeFileSystem} over a {@link MemoryFileSystem}: the view
 * that confines by path strings (the base is not a {@link ConfinableFileSystem}).
 */
class SubTreeOverMemoryContractTest extends FileSystemContract {
  private final MemoryFileSystem base = new MemoryFileSystem(Clock.fixed(MemoryFileSystemContractTest.T0, ZoneOffset.UTC));
  private SubTreeFileSystem fs;

  @Override
  protected FileSystem fileSystem() {
    return fs;
  }

  @Override
  protected String newRoot() throws IOException {
    base.createDir("/tenant/base", true);
    fs = new SubTreeFileSystem("/tenant/base", base);
    return "";
  }

  @Override
  protected String expectedTypeName() {
    return "subtree";
  }

  @Override
  protected Instant storedMtime(String path) {
    return MemoryFileSystemContractTest.T0;
  }
}
