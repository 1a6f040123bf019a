package io.sluice.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The compressed side of a {@link CompressedOutputStream}: gathers the encoder's output in one
 * reused 64 KiB array so encoders that write single bytes (bzip2, gzip's header) do not cost a
 * {@link NativeFile} call per byte, without {@link java.io.BufferedOutputStream}'s per-call lock
 * (one thread writes a stream); writes at least as large as the array go straight through.
 * {@code flush()} flushes the raw file too; closing it writes what is pending and closes the raw file.
 */
final class RawFileOutput extends OutputStream {
  private final NativeFile raw;
  private final byte[] buffer;
  private int count;

  RawFileOutput(NativeFile raw, int bufferSize) {
    this.raw = raw;
    this.buffer = new byte[bufferSize];
  }

  @Override
  public void write(int b) throws IOException {
    if (count == buffer.length) {
      drain();
    }
    buffer[count++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len >= buffer.length) {
      drain();
      raw.write(b, off, len);
      return;
    }
    if (len > buffer.length - count) {
      drain();
    }
    System.arraycopy(b, off, buffer, count, len);
    count += len;
  }

  private void drain() throws IOException {
    if (count > 0) {
      raw.write(buffer, 0, count);
      count = 0;
    }
  }

  @Override
  public void flush() throws IOException {
    drain();
    raw.flush();
  }

  @Override
  public void close() throws IOException {
    try {
      drain();
    } finally {
      raw.close();
    }
  }
}
