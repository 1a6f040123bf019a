package io.sluice.fs;

/** What a path names, as reported by {@link FileSystem#getFileInfo(String)} (Arrow's {@code FileType}). */
public enum FileType {
  /** Nothing exists at the path. */
  NOT_FOUND,
  /** Something exists but is neither a regular file nor a directory (a device, a socket, a link that may not be followed). */
  UNKNOWN,
  FILE,
  DIRECTORY
}
