package io.sluice.local;

import io.sluice.fs.FileSystem;
import io.sluice.fs.SubTreeFileSystem;
import io.sluice.fs.contract.FileSystemContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file system contract on a {@link SubTreeFileSystem} over {@link LocalFileSystem} (the race-free
 * confined view); paths are relative to a fresh base, checked against the disk through java.nio.
 */
class SubTreeFileSystemContractTest extends FileSystemContract {
  @TempDir Path base;
  private SubTreeFileSystem fs;

  @Override
  protected FileSystem fileSystem() {
    return fs;
  }

  @Override
  protected String newRoot() {
    fs = new SubTreeFileSystem(base.toString(), new LocalFileSystem());
    return "";
  }

  @AfterEach
  void closeView() throws IOException {
    fs.close();
  }

  @Override
  protected String expectedTypeName() {
    return "subtree";
  }

  @Override
  protected Instant storedMtime(String path) throws IOException {
    return Files.getLastModifiedTime(base.resolve(path)).toInstant();
  }

  @Override
  protected List<String> storedNames(String directory) throws IOException {
    return LocalFileSystemContractTest.namesOnDisk(base.resolve(directory));
  }
}
