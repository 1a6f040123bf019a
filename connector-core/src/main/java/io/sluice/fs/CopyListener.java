package io.sluice.fs;

/**
 * Progress of {@link FileSystems#copyFiles}. Called from the copying threads, possibly several at
 * once, so implementations must be thread-safe and quick. Bytes are source bytes (as stored, i.e.
 * compressed bytes when the source is compressed), so they add up to {@link #started}'s total.
 */
public interface CopyListener {
  /** A listener that ignores everything. */
  CopyListener NONE = new CopyListener() {};

  /** Before the first byte: how many files and source bytes the copy will move. */
  default void started(int files, long totalBytes) {}

  /** {@code bytes} more source bytes were copied. */
  default void bytesCopied(long bytes) {}

  /** One file is complete and published at {@code dstPath}. */
  default void fileCopied(String srcPath, String dstPath, long srcBytes) {}
}
