package io.sluice.fs;

import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link FileSystem} knows about one path (Arrow's {@code FileInfo}).
 *
 * @param path the path as the file system names it (for listings: the listed directory joined with the entry name)
 * @param type what the path names; {@link FileType#NOT_FOUND} when nothing is there
 * @param size the size in bytes of a file; {@code -1} when unknown (directories, missing paths)
 * @param mtime the last modification time, or {@code null} when unknown (missing paths)
 */
public record FileInfo(String path, FileType type, long size, Instant mtime) {
  public FileInfo {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
    if (size < -1) {
      throw new IllegalArgumentException("size must be -1 (unknown) or non-negative: " + size);
    }
  }

  /** The info of a path where nothing exists. */
  public static FileInfo notFound(String path) {
    return new FileInfo(path, FileType.NOT_FOUND, -1, null);
  }

  /** The last path component: {@code "c.txt"} for {@code "a/b/c.txt"}; the path itself when it has no separator. */
  public String baseName() {
    String trimmed = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  /** The base name's extension without the dot ({@code "gz"} for {@code "a.csv.gz"}), or {@code ""} when it has none. */
  public String extension() {
    String name = baseName();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1);
  }

  public boolean isFile() {
    return type == FileType.FILE;
  }

  public boolean isDirectory() {
    return type == FileType.DIRECTORY;
  }

  /** Whether something exists at the path. */
  public boolean exists() {
    return type != FileType.NOT_FOUND;
  }
}
