package io.sluice.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Skeleton of a read-only file with positional reads (Arrow's {@code RandomAccessFile}): mode
 * {@code "rb"}, seekable ({@link FileMode#READ}). A kind implements two hooks, {@link #readAtImpl}
 * (thread-safe, position untouched) and {@link #sizeImpl()}, and {@link #closeImpl()}; the
 * position, {@code seek}, {@code tell} and every sequential read are derived from them here, as
 * Arrow derives {@code Read} from {@code ReadAt} in {@code concurrency.h}. The position belongs to
 * one thread at a time (the {@link NativeFile} contract); positional reads may come from any.
 *
 * <p>Seeking past the end throws {@link EOFException} with the position unchanged (a file fixed
 * in size), unless {@link #positionalReadsPastEndAreEmpty()} is overridden to say the file may
 * grow; then the seek is allowed and reads there return nothing. Override
 * {@link #readBufferAtImpl} to return views (zero-copy) and {@link #describeForErrors()} to name
 * the file in messages.
 */
public abstract class RandomAccessReader extends NativeFile {
  private long position;

  protected RandomAccessReader() {
    super(FileMode.READ);
  }

  /**
   * Reads at least one byte at {@code position} into {@code dst} (which has room), advancing
   * {@code dst}'s position, and returns the count; -1 when {@code position} is at or past the
   * end. Thread-safe; never called on a closed file.
   */
  @Override
  protected abstract int readAtImpl(long position, ByteBuffer dst) throws IOException;

  /** The file's size in bytes; thread-safe. */
  @Override
  protected abstract long sizeImpl() throws IOException;

  /** A positional read at the position, which then moves past the bytes read. */
  @Override
  protected final int readImpl(ByteBuffer dst) throws IOException {
    int n = readAtImpl(position, dst);
    if (n > 0) {
      position += n;
    }
    return n;
  }

  @Override
  protected final long tellImpl() {
    return position;
  }

  @Override
  protected final void seekImpl(long newPosition) throws IOException {
    if (!positionalReadsPastEndAreEmpty()) {
      long size = sizeImpl();
      if (newPosition > size) {
        throw new EOFException("cannot seek to " + newPosition + " past the end of " + describeForErrors()
            + " (size " + size + ")");
      }
    }
    position = newPosition;
  }
}
