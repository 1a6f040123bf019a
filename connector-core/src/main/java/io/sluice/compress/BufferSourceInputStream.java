package io.sluice.compress;

import io.sluice.memory.Buffer;
import java.io.InputStream;
import java.util.Objects;

/** Reads a {@link Buffer} front to back. Never closes the buffer. */
final class BufferSourceInputStream extends InputStream {
  private final Buffer buffer;
  private long position;

  BufferSourceInputStream(Buffer buffer) {
    this.buffer = buffer;
  }

  @Override
  public int read() {
    return position < buffer.size() ? buffer.getByte(position++) & 0xFF : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    long left = buffer.size() - position;
    if (left <= 0) {
      return -1;
    }
    int n = (int) Math.min(len, left);
    buffer.getBytes(position, b, off, n);
    position += n;
    return n;
  }
}
