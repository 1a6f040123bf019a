package io.sluice.fs;

import java.util.Objects;

/**
 * Which entries {@link FileSystem#getFileInfo(FileSelector)} lists (Arrow's {@code FileSelector}).
 *
 * @param baseDir the directory to list
 * @param allowNotFound when true a missing {@code baseDir} lists nothing; when false it throws
 *     {@link java.nio.file.NoSuchFileException}
 * @param recursive whether to descend into subdirectories
 */
public record FileSelector(String baseDir, boolean allowNotFound, boolean recursive) {
  public FileSelector {
    Objects.requireNonNull(baseDir, "baseDir");
  }

  /** The direct children of {@code baseDir}, which must exist. */
  public FileSelector(String baseDir) {
    this(baseDir, false, false);
  }
}
