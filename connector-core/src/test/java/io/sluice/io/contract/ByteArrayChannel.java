package io.sluice.io.contract;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;

/**
 * An in-memory {@link SeekableByteChannel} (not a {@code FileChannel}) for tests: grows on write,
 * allows a position past the end like a file, and optionally returns at most {@code maxRead}
 * bytes per read to act hostile.
 */
public final class ByteArrayChannel implements SeekableByteChannel {
  private byte[] data;
  private int size;
  private long position;
  private boolean open = true;
  private final int maxRead;

  public ByteArrayChannel(byte[] content, int maxRead) {
    this.data = content.clone();
    this.size = content.length;
    this.maxRead = maxRead;
  }

  public ByteArrayChannel() {
    this(new byte[0], Integer.MAX_VALUE);
  }

  /** The channel's content, also after it was closed. */
  public synchronized byte[] toByteArray() {
    return Arrays.copyOf(data, size);
  }

  private void ensureOpen() throws ClosedChannelException {
    if (!open) {
      throw new ClosedChannelException();
    }
  }

  @Override
  public synchronized int read(ByteBuffer dst) throws IOException {
    ensureOpen();
    if (position >= size) {
      return -1;
    }
    int n = (int) Math.min(Math.min(dst.remaining(), maxRead), size - position);
    dst.put(data, (int) position, n);
    position += n;
    return n;
  }

  @Override
  public synchronized int write(ByteBuffer src) throws IOException {
    ensureOpen();
    int n = src.remaining();
    long end = position + n;
    if (end > data.length) {
      data = Arrays.copyOf(data, (int) Math.max(end, data.length * 2L));
    }
    if (position > size) {
      Arrays.fill(data, size, (int) position, (byte) 0);
    }
    src.get(data, (int) position, n);
    position = end;
    size = (int) Math.max(size, end);
    return n;
  }

  @Override
  public synchronized long position() throws IOException {
    ensureOpen();
    return position;
  }

  @Override
  public synchronized SeekableByteChannel position(long newPosition) throws IOException {
    ensureOpen();
    if (newPosition < 0) {
      throw new IllegalArgumentException("negative position " + newPosition);
    }
    position = newPosition;
    return this;
  }

  @Override
  public synchronized long size() throws IOException {
    ensureOpen();
    return size;
  }

  @Override
  public synchronized SeekableByteChannel truncate(long newSize) throws IOException {
    ensureOpen();
    size = (int) Math.min(size, newSize);
    position = Math.min(position, newSize);
    return this;
  }

  @Override
  public synchronized boolean isOpen() {
    return open;
  }

  @Override
  public synchronized void close() {
    open = false;
  }
}
