package io.sluice.compress;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The compressing stream every codec hands out (the encoder-side sibling of
 * {@link CodecErrorInputStream}): safe when {@link #close()} races a write or flush on another
 * thread. Native encoders (brotli, zstd, snappy, lz4, zlib) free their state when closed, and a
 * write still inside the native call would touch freed memory. So every call is serialized by a
 * lock: {@code close()} waits for the call inside the encoder to return, then finishes the
 * compressed stream (so what that call wrote is part of it) and frees the encoder; calls after
 * that fail with an {@link IOException} saying the stream is closed, before reaching the encoder.
 */
final class CodecEncoderStream extends OutputStream {
  private final String codecName;
  private final OutputStream encoder;
  private final ReentrantLock lock = new ReentrantLock();
  /** Guarded by {@link #lock}. */
  private boolean closed;

  CodecEncoderStream(String codecName, OutputStream encoder) {
    this.codecName = codecName;
    this.encoder = encoder;
  }

  @Override
  public void write(int b) throws IOException {
    lock.lock();
    try {
      checkOpen();
      encoder.write(b);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    lock.lock();
    try {
      checkOpen();
      encoder.write(b, off, len);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void flush() throws IOException {
    lock.lock();
    try {
      checkOpen();
      encoder.flush();
    } finally {
      lock.unlock();
    }
  }

  /** Finishes the compressed stream, frees the encoder and closes the stream below; idempotent. */
  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      encoder.close();
    } finally {
      lock.unlock();
    }
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new IOException(codecName + ": stream is closed");
    }
  }
}
