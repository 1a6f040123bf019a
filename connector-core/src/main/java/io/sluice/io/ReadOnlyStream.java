package io.sluice.io;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Skeleton of a file read front to back, once (Arrow's {@code InputStream}): mode {@code "rb"},
 * not writable, not seekable ({@link FileMode#READ_STREAM}). A kind implements one read hook,
 * {@link #readImpl}, and {@link #closeImpl}; every sequential read of {@link NativeFile}
 * ({@code read}, {@code readInto}, {@code readBuffer}, {@code readLine}, the {@code java.io} and
 * NIO views) is derived from it. Override {@link #tellImpl()} to report a position.
 */
public abstract class ReadOnlyStream extends NativeFile {

  protected ReadOnlyStream() {
    super(FileMode.READ_STREAM);
  }

  /**
   * Reads at least one byte into {@code dst} (which has room) and returns the count, or -1 at EOF.
   * Called only on an open file.
   */
  @Override
  protected abstract int readImpl(ByteBuffer dst) throws IOException;
}
