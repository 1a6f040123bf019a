package io.sluice.compress;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * What every decompressing stream of this package repeats, written once: the single-byte
 * {@code read} in terms of the array one, the argument and closed checks before each read, a
 * {@code close()} that releases once, and errors whose message starts with the codec name.
 * Subclasses implement {@link #readDecoded} (called with {@code len > 0} on an open stream) and
 * {@link #release}.
 */
abstract class DecoderInputStream extends InputStream {
  private final String codecName;
  private final byte[] single = new byte[1];
  private volatile boolean closed;

  DecoderInputStream(String codecName) {
    this.codecName = codecName;
  }

  final String codecName() {
    return codecName;
  }

  @Override
  public final int read() throws IOException {
    int n = read(single, 0, 1);
    return n < 0 ? -1 : single[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (closed) {
      throw closedError(null);
    }
    if (len == 0) {
      return 0;
    }
    return readDecoded(b, off, len);
  }

  /**
   * Reads decoded bytes into {@code b[off, off + len)}, {@code len > 0}; at least one byte, or -1 at
   * the end of the data.
   */
  abstract int readDecoded(byte[] b, int off, int len) throws IOException;

  /** Marks the stream closed and {@linkplain #release releases} it, the first time only. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    release();
  }

  /** Frees what the decoder holds and closes the compressed stream; called once. */
  abstract void release() throws IOException;

  final boolean isClosed() {
    return closed;
  }

  /** The error of a read on a closed stream; {@code cause} is what failed because of the close, if anything. */
  final IOException closedError(Exception cause) {
    return new IOException(codecName + ": stream is closed", cause);
  }

  /** An error whose message is the codec name and {@code detail}. */
  final IOException failure(String detail) {
    return new IOException(codecName + ": " + detail);
  }

  /** Reads {@code len} bytes from {@code in} into {@code b}, fewer only at its end; returns how many. */
  static int readUpTo(InputStream in, byte[] b, int off, int len) throws IOException {
    int filled = 0;
    while (filled < len) {
      int n = in.read(b, off + filled, len - filled);
      if (n < 0) {
        break;
      }
      filled += n;
    }
    return filled;
  }

  /** The error of input that ends too early; {@code where} says where it ended. */
  final EOFException truncated(String where) {
    return new EOFException(codecName + ": truncated data: " + where);
  }
}
