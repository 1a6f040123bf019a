package io.sluice.fs;

import java.util.Objects;

/**
 * What {@link FileSystem#fromUri(String)} resolves a URI or path to: the file system that serves it
 * and the path inside that file system.
 */
public record FileSystemAndPath(FileSystem fs, String path) {
  public FileSystemAndPath {
    Objects.requireNonNull(fs, "fs");
    Objects.requireNonNull(path, "path");
  }
}
