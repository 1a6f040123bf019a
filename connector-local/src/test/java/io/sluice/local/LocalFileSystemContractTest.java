package io.sluice.local;

import io.sluice.fs.FileSystem;
import io.sluice.fs.contract.FileSystemContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

/** The file system contract on {@link LocalFileSystem}, checked against the disk through java.nio. */
class LocalFileSystemContractTest extends FileSystemContract {
  @TempDir Path dir;
  private final LocalFileSystem fs = new LocalFileSystem();

  @Override
  protected FileSystem fileSystem() {
    return fs;
  }

  @Override
  protected String newRoot() {
    return dir.toString();
  }

  @Override
  protected String expectedTypeName() {
    return "local";
  }

  @Override
  protected Instant storedMtime(String path) throws IOException {
    return Files.getLastModifiedTime(Path.of(path)).toInstant();
  }

  @Override
  protected List<String> storedNames(String directory) throws IOException {
    return LocalFileSystemContractTest.namesOnDisk(Path.of(directory));
  }

  static List<String> namesOnDisk(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(e -> e.getFileName().toString()).sorted().toList();
    }
  }

  @Override
  protected boolean supportsSymlinks() {
    return true;
  }

  @Override
  protected void createSymlink(String link, String target) throws IOException {
    Files.createSymbolicLink(Path.of(link), Path.of(target));
  }
}
