package io.sluice.io;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Skeleton of a file written front to back (Arrow's {@code OutputStream}): mode {@code "wb"}
 * ({@link FileMode#WRITE_STREAM}) or {@code "ab"} ({@link FileMode#APPEND}), not readable, not
 * seekable. A kind implements {@link #writeImpl}, {@link #closeImpl}, and {@link #flushImpl()}
 * where it buffers; {@link #tellImpl()} reports the bytes written. Closing flushes first.
 */
public abstract class WriteOnlyStream extends NativeFile {

  /** A {@code "wb"} stream. */
  protected WriteOnlyStream() {
    this(FileMode.WRITE_STREAM);
  }

  /**
   * A stream in {@code fileMode}, {@link FileMode#WRITE_STREAM} or {@link FileMode#APPEND}.
   *
   * @throws IllegalArgumentException for a mode that reads or seeks
   */
  protected WriteOnlyStream(FileMode fileMode) {
    super(requireWriteOnlyStream(fileMode));
  }

  private static FileMode requireWriteOnlyStream(FileMode fileMode) {
    if (fileMode != FileMode.WRITE_STREAM && fileMode != FileMode.APPEND) {
      throw new IllegalArgumentException("a write-only stream is WRITE_STREAM or APPEND, not " + fileMode);
    }
    return fileMode;
  }

  /**
   * Writes all remaining bytes of {@code src} (its position afterwards does not matter). Called
   * only on an open file.
   */
  @Override
  protected abstract void writeImpl(ByteBuffer src) throws IOException;

  /** The bytes written so far (for {@code "ab"}: the file's length). */
  @Override
  protected abstract long tellImpl() throws IOException;
}
