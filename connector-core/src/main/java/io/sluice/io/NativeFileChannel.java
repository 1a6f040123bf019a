package io.sluice.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.Objects;

/**
 * {@link NativeFile#asChannel()}: a {@link NativeFile} as a {@link SeekableByteChannel} with the
 * exceptions {@code java.nio} code expects.
 *
 * <p>{@code SeekableByteChannel} allows a position past the end (reads then return -1). Kinds that
 * refuse to seek there ({@link EOFException}) get a "virtual" position instead: the channel
 * remembers it, reports it and reads -1 until it is moved back inside the file.
 */
final class NativeFileChannel implements SeekableByteChannel {
  private final NativeFile file;
  /** A position past the end the file refused to seek to, or -1 when the file's own position holds. */
  private long virtualPosition = -1;

  NativeFileChannel(NativeFile file) {
    this.file = file;
  }

  private void ensureOpen() throws ClosedChannelException {
    if (file.isClosed()) {
      throw new ClosedChannelException();
    }
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    Objects.requireNonNull(dst, "dst");
    ensureOpen();
    if (!file.readable()) {
      throw new NonReadableChannelException();
    }
    if (dst.isReadOnly()) {
      throw new IllegalArgumentException("read-only buffer");
    }
    if (virtualPosition >= 0) {
      return -1;
    }
    return file.readSome(dst);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    Objects.requireNonNull(src, "src");
    ensureOpen();
    if (!file.writable()) {
      throw new NonWritableChannelException();
    }
    if (virtualPosition >= 0) {
      file.seek(virtualPosition);
      virtualPosition = -1;
    }
    int length = src.remaining();
    file.write(src);
    return length;
  }

  @Override
  public long position() throws IOException {
    ensureOpen();
    return virtualPosition >= 0 ? virtualPosition : file.tell();
  }

  @Override
  public SeekableByteChannel position(long newPosition) throws IOException {
    ensureOpen();
    if (newPosition < 0) {
      throw new IllegalArgumentException("position must not be negative: " + newPosition);
    }
    try {
      file.seek(newPosition);
      virtualPosition = -1;
    } catch (EOFException pastEnd) {
      virtualPosition = newPosition;
    }
    return this;
  }

  @Override
  public long size() throws IOException {
    ensureOpen();
    return file.size();
  }

  /** Only truncation to the current size or beyond (a no-op) is possible: NativeFile cannot shrink. */
  @Override
  public SeekableByteChannel truncate(long size) throws IOException {
    ensureOpen();
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
    if (!file.writable()) {
      throw new NonWritableChannelException();
    }
    long current = file.size();
    if (size < current) {
      throw new UnsupportedOperationException(
          "cannot truncate " + file.getClass().getSimpleName() + " from " + current + " to " + size + " bytes");
    }
    return this;
  }

  @Override
  public boolean isOpen() {
    return !file.isClosed();
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
