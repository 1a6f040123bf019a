package io.sluice.arrow;

import io.sluice.io.NativeFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Channels over a {@link NativeFile} the caller keeps owning: closing the channel (which Arrow's
 * readers and writers do when they close) only ends the channel, never the file.
 */
final class NativeFileChannels {
  private NativeFileChannels() {}

  /** What both reading channels share: read-only, and closing ends only the channel. */
  private abstract static class ReadOnly implements SeekableByteChannel {
    final NativeFile file;
    private boolean open = true;

    ReadOnly(NativeFile file) {
      this.file = file;
    }

    @Override
    public final int write(ByteBuffer src) {
      throw new NonWritableChannelException();
    }

    @Override
    public final SeekableByteChannel truncate(long size) {
      throw new NonWritableChannelException();
    }

    @Override
    public final long size() throws IOException {
      checkOpen();
      return file.size();
    }

    @Override
    public final boolean isOpen() {
      return open && !file.isClosed();
    }

    @Override
    public final void close() {
      open = false;
    }

    final void checkOpen() throws IOException {
      if (!open) {
        throw new ClosedChannelException();
      }
    }
  }

  /** Reads (and seeks) through the file's own position, for sequential formats (IPC streams). */
  static final class Sequential extends ReadOnly {
    Sequential(NativeFile file) {
      super(file);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      checkOpen();
      if (!dst.hasRemaining()) {
        return 0;
      }
      int n = file.readInto(dst);
      return n == 0 ? -1 : n;
    }

    @Override
    public long position() throws IOException {
      checkOpen();
      return file.tell();
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
      checkOpen();
      file.seek(newPosition);
      return this;
    }
  }

  /**
   * A channel with a position of its own that reads the file with positional reads, so a random
   * access reader (IPC files: footer first) never moves the caller's position.
   */
  static final class Positional extends ReadOnly {
    private long position;

    Positional(NativeFile file) {
      super(file);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      checkOpen();
      if (!dst.hasRemaining()) {
        return 0;
      }
      if (position >= file.size()) {
        return -1; // also for kinds whose positional reads past the end throw
      }
      int n = file.readAt(position, dst);
      if (n > 0) {
        position += n;
      }
      return n;
    }

    @Override
    public long position() throws IOException {
      checkOpen();
      return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
      checkOpen();
      if (newPosition < 0) {
        throw new IllegalArgumentException("negative position " + newPosition);
      }
      position = newPosition;
      return this;
    }
  }

  /** Writes through the file; position is what was written through this channel. */
  static final class Writable implements WritableByteChannel {
    private final NativeFile file;
    private boolean open = true;

    Writable(NativeFile file) {
      this.file = file;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      if (!open) {
        throw new ClosedChannelException();
      }
      return file.write(src);
    }

    @Override
    public boolean isOpen() {
      return open && !file.isClosed();
    }

    /** Ends the channel; flushes the file so what Arrow wrote has reached it, but leaves it open. */
    @Override
    public void close() throws IOException {
      if (open) {
        open = false;
        file.flush();
      }
    }
  }
}
