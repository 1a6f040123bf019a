package io.sluice.fs;

import java.io.IOException;
import java.nio.file.NoSuchFileException;

/** The argument checks every {@link FileSystem#getFileBlockLocations} shares. */
public final class BlockLocations {
  private BlockLocations() {}

  public static void checkRange(long start, long length) {
    if (start < 0) {
      throw new IllegalArgumentException("start must not be negative: " + start);
    }
    if (length < 0) {
      throw new IllegalArgumentException("length must not be negative: " + length);
    }
  }

  /** Block locations exist for files only: nothing there, or a directory, is an error naming the path. */
  public static void requireFile(String path, FileInfo info) throws IOException {
    if (info.type() == FileType.NOT_FOUND) {
      throw new NoSuchFileException(path);
    }
    if (!info.isFile()) {
      throw new IOException("block locations exist for files only; " + path + " is a " + info.type());
    }
  }
}
