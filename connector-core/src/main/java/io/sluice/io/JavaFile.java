package io.sluice.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.Locale;
import java.util.Objects;

/**
 * Any Java stream or channel as a {@link NativeFile} (PyArrow's {@code PythonFile}).
 * <ul>
 *   <li>{@code new JavaFile(InputStream)}: mode {@code "rb"}, not seekable; {@link #tell()} counts
 *       the bytes read.</li>
 *   <li>{@code new JavaFile(OutputStream)}: mode {@code "wb"}, not seekable; {@link #tell()} counts
 *       the bytes written.</li>
 *   <li>{@code new JavaFile(SeekableByteChannel, mode)} with mode {@code r}/{@code rb} (read),
 *       {@code w}/{@code wb} (write), {@code r+}/{@code rb+} (both), all seekable, or
 *       {@code a}/{@code ab} (append: writes at the end, not seekable). Seeking past the end is
 *       allowed as the channel allows it; positional reads use {@link FileChannel#read(ByteBuffer, long)}
 *       where possible and otherwise move the channel's position under a lock and put it back.</li>
 * </ul>
 * Closing the file closes the stream or channel.
 */
public class JavaFile extends NativeFile {
  private final InputStream in;
  private final OutputStream out;
  private final SeekableByteChannel channel;
  /** Bytes read or written, for the streams' {@link #tell()}. */
  private long streamPosition;

  public JavaFile(InputStream in) {
    super(FileMode.READ_STREAM);
    this.in = Objects.requireNonNull(in, "in");
    this.out = null;
    this.channel = null;
  }

  public JavaFile(OutputStream out) {
    super(FileMode.WRITE_STREAM);
    this.in = null;
    this.out = Objects.requireNonNull(out, "out");
    this.channel = null;
  }

  public JavaFile(SeekableByteChannel channel, String mode) throws IOException {
    super(channelMode(channel, mode));
    this.in = null;
    this.out = null;
    this.channel = channel;
    if (fileMode() == FileMode.APPEND) {
      channel.position(channel.size());
    }
  }

  private static FileMode channelMode(SeekableByteChannel channel, String mode) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(mode, "mode");
    return switch (mode.toLowerCase(Locale.ROOT)) {
      case "r", "rb" -> FileMode.READ;
      case "w", "wb" -> FileMode.WRITE;
      case "r+", "rb+", "r+b" -> FileMode.READ_WRITE;
      case "a", "ab" -> FileMode.APPEND;
      default -> throw new IllegalArgumentException(
          "unknown mode '" + mode + "' for a channel: use r, rb, w, wb, r+, rb+, a or ab");
    };
  }

  // ---------------------------------------------------------------- reads

  @Override
  protected int readImpl(ByteBuffer dst) throws IOException {
    if (channel != null) {
      synchronized (channel) {
        return readChannel(dst);
      }
    }
    int n = readStream(dst);
    if (n > 0) {
      streamPosition += n;
    }
    return n;
  }

  /** One read from the InputStream that returns at least one byte or -1 (never a spurious 0). */
  private int readStream(ByteBuffer dst) throws IOException {
    if (!dst.hasRemaining()) {
      return 0;
    }
    int n;
    if (dst.hasArray()) {
      do {
        n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
      } while (n == 0);
      if (n > 0) {
        dst.position(dst.position() + n);
      }
    } else {
      byte[] chunk = new byte[Math.min(dst.remaining(), CHUNK_SIZE)];
      do {
        n = in.read(chunk, 0, chunk.length);
      } while (n == 0);
      if (n > 0) {
        dst.put(chunk, 0, n);
      }
    }
    return n;
  }

  private int readChannel(ByteBuffer dst) throws IOException {
    if (!dst.hasRemaining()) {
      return 0;
    }
    int n;
    do {
      n = channel.read(dst);
    } while (n == 0);
    return n;
  }

  @Override
  protected int readAtImpl(long position, ByteBuffer dst) throws IOException {
    if (channel instanceof FileChannel fileChannel) {
      if (!dst.hasRemaining()) {
        return 0;
      }
      int n;
      do {
        n = fileChannel.read(dst, position);
      } while (n == 0);
      return n;
    }
    // A plain SeekableByteChannel has one position: borrow it under the lock and put it back.
    synchronized (channel) {
      long saved = channel.position();
      try {
        channel.position(position);
        return readChannel(dst);
      } finally {
        channel.position(saved);
      }
    }
  }

  // ---------------------------------------------------------------- writes

  @Override
  protected void writeImpl(ByteBuffer src) throws IOException {
    if (channel != null) {
      synchronized (channel) {
        while (src.hasRemaining()) {
          channel.write(src);
        }
      }
      return;
    }
    int n = src.remaining();
    if (src.hasArray()) {
      out.write(src.array(), src.arrayOffset() + src.position(), n);
    } else {
      byte[] chunk = new byte[Math.min(n, CHUNK_SIZE)];
      while (src.hasRemaining()) {
        int part = Math.min(chunk.length, src.remaining());
        src.get(chunk, 0, part);
        out.write(chunk, 0, part);
      }
    }
    streamPosition += n;
  }

  @Override
  protected void flushImpl() throws IOException {
    if (out != null) {
      out.flush();
    }
  }

  // ---------------------------------------------------------------- position

  @Override
  protected long tellImpl() throws IOException {
    if (channel != null) {
      synchronized (channel) {
        return channel.position();
      }
    }
    return streamPosition;
  }

  /** A channel may seek past its end, so positional reads there return nothing, as on a local file. */
  @Override
  protected boolean positionalReadsPastEndAreEmpty() {
    return channel != null;
  }

  @Override
  protected void seekImpl(long position) throws IOException {
    synchronized (channel) {
      channel.position(position);
    }
  }

  @Override
  protected long sizeImpl() throws IOException {
    if (channel == null) {
      throw new UnsupportedOperationException("a Java " + (in != null ? "input" : "output")
          + " stream has no size; only a JavaFile over a SeekableByteChannel does");
    }
    return channel.size();
  }

  @Override
  protected void closeImpl() throws IOException {
    if (channel != null) {
      channel.close();
    } else if (in != null) {
      in.close();
    } else {
      out.close();
    }
  }
}
