package io.sluice.io;

import io.sluice.memory.Buffer;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The read-only window of {@link NativeFile#getStream}: {@code length} bytes of a seekable file
 * from {@code start}, with its own position. All reads are positional reads of the underlying
 * file (through its public API), so windows and the file never disturb each other's position.
 * Like a {@link BufferReader} the window has a fixed size, so seeking past its end throws
 * {@link EOFException}.
 */
final class FileWindow extends RandomAccessReader {
  private final NativeFile file;
  private final long start;
  private final long length;

  FileWindow(NativeFile file, long start, long length) {
    this.file = file;
    this.start = start;
    this.length = length;
  }

  /** Closed when closed itself or when the file under it was closed. */
  @Override
  public boolean isClosed() {
    return super.isClosed() || file.isClosed();
  }

  @Override
  protected int readAtImpl(long at, ByteBuffer dst) throws IOException {
    if (at >= length) {
      return -1;
    }
    int wanted = (int) Math.min(dst.remaining(), length - at);
    ByteBuffer part = dst.duplicate().limit(dst.position() + wanted);
    int n = file.readSomeAt(start + at, part);
    if (n > 0) {
      dst.position(dst.position() + n);
    }
    return n;
  }

  @Override
  protected Buffer readBufferAtImpl(long at, long nbytes) throws IOException {
    return file.readBufferAt(start + at, nbytes);
  }

  @Override
  protected long sizeImpl() {
    return length;
  }

  @Override
  protected void closeImpl() {
    // The window owns nothing; the file stays open.
  }
}
