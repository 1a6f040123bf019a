package io.sluice.compress;

import io.sluice.memory.ResizableBuffer;
import java.io.OutputStream;
import java.util.Objects;

/** Appends to a pool {@link ResizableBuffer}, growing it geometrically. Never closes the buffer. */
final class BufferSinkOutputStream extends OutputStream {
  private final ResizableBuffer buffer;

  BufferSinkOutputStream(ResizableBuffer buffer) {
    this.buffer = buffer;
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    long at = buffer.size();
    long needed = at + len;
    if (needed > buffer.capacity()) {
      buffer.reserve(Math.max(needed, Math.max(4096, buffer.capacity() * 2)));
    }
    buffer.resize(needed, false);
    buffer.setBytes(at, b, off, len);
  }
}
