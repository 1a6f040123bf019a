package io.sluice.io;

import io.sluice.memory.Buffer;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A seekable, read-only file over a {@link Buffer} (PyArrow's {@code BufferReader}). Reads are
 * zero-copy: {@link #readBuffer}, {@link #readBufferAt} and {@link #readRanges} return slices of
 * the source, and no pool memory is ever allocated. The file has a fixed size, so seeking past the
 * end throws {@link EOFException} with the position unchanged. Closing the reader does not close
 * the source buffer.
 */
public class BufferReader extends RandomAccessReader {
  private final Buffer source;

  public BufferReader(Buffer source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  @Override
  protected int readAtImpl(long at, ByteBuffer dst) {
    long available = source.size() - at;
    if (available <= 0) {
      return dst.hasRemaining() ? -1 : 0;
    }
    int n = (int) Math.min(dst.remaining(), available);
    ByteBuffer part = dst.duplicate().limit(dst.position() + n);
    source.getBytes(at, part);
    dst.position(dst.position() + n);
    return n;
  }

  /** A slice of the source: zero-copy, no pool memory. */
  @Override
  protected Buffer readBufferAtImpl(long at, long nbytes) {
    return source.slice(at, nbytes);
  }

  @Override
  protected long sizeImpl() {
    return source.size();
  }

  @Override
  protected void closeImpl() {
    // The source belongs to the caller and stays open.
  }
}
