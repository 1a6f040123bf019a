package io.sluice.fs;

import java.io.IOException;

/**
 * A file system that can confine a view to one of its directories so that the confinement holds
 * against concurrent changes (the local one: every path is resolved relative to an open handle of
 * the directory, following no link). {@link SubTreeFileSystem} uses it when its base implements it.
 */
public interface ConfinableFileSystem {
  /**
   * Opens {@code basePath} now and returns a file system whose paths are checked relative names
   * ({@code ""} is the base; no {@code .}, {@code ..}, empty or absolute names reach it) resolved
   * inside that directory, or null when this platform cannot hold the directory open (the caller
   * then confines by path strings). Closing the view releases the directory handle.
   *
   * @throws java.nio.file.NoSuchFileException if {@code basePath} does not exist
   * @throws java.nio.file.NotDirectoryException if it is not a directory
   */
  FileSystem openConfined(String basePath) throws IOException;
}
