package io.sluice.io;

import io.sluice.memory.MemoryPool;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Reads a raw readable file through a buffer of pool memory, so small reads (lines, single bytes)
 * cost a copy from memory instead of a call to the raw file (Arrow's {@code BufferedInputStream}).
 * Reads at least as large as the buffer bypass it. The stream is not seekable. Closing it closes
 * the raw file; {@link #detach()} instead hands the raw file back, dropping what was buffered.
 */
public class BufferedInputStream extends ReadOnlyStream {
  private final NativeFile raw;
  private final MemoryPool pool;
  private final int bufferSize;
  private final MutableBuffer memory;
  /** View of {@link #memory}: position..limit is the buffered data not yet consumed. */
  private final ByteBuffer buffered;
  private boolean detached;

  public BufferedInputStream(NativeFile raw, int bufferSize) {
    this(raw, bufferSize, MemoryPools.defaultPool());
  }

  public BufferedInputStream(NativeFile raw, int bufferSize, MemoryPool pool) {
    this.raw = Objects.requireNonNull(raw, "raw");
    this.pool = Objects.requireNonNull(pool, "pool");
    if (bufferSize <= 0) {
      throw new IllegalArgumentException("bufferSize must be positive: " + bufferSize);
    }
    if (!raw.readable()) {
      throw new IllegalArgumentException("raw file " + raw.getClass().getSimpleName() + " in mode '"
          + raw.mode() + "' is not readable");
    }
    this.bufferSize = bufferSize;
    this.memory = pool.allocate(bufferSize);
    this.buffered = memory.asByteBuffer();
    buffered.limit(0);
  }

  /** Bytes read from the raw file but not consumed yet. */
  public int bytesBuffered() {
    return buffered.remaining();
  }

  public int bufferSize() {
    return bufferSize;
  }

  /**
   * Returns the raw file, positioned after what this stream read from it, and closes this stream
   * without closing the raw file. Buffered bytes not consumed yet are dropped.
   */
  public NativeFile detach() throws IOException {
    checkOpen();
    NativeFile result = raw;
    detached = true;
    close();
    return result;
  }

  @Override
  protected MemoryPool memoryPool() {
    return pool;
  }

  @Override
  protected int readImpl(ByteBuffer dst) throws IOException {
    if (!dst.hasRemaining()) {
      return 0;
    }
    if (!buffered.hasRemaining()) {
      if (dst.remaining() >= bufferSize) {
        return raw.readSome(dst); // large read: the buffer would only add a copy
      }
      if (!refill()) {
        return -1;
      }
    }
    int n = Math.min(dst.remaining(), buffered.remaining());
    dst.put(buffered.duplicate().limit(buffered.position() + n));
    buffered.position(buffered.position() + n);
    return n;
  }

  /**
   * Scans the buffer for the newline instead of reading byte by byte; same contract (and the same
   * line-length guard) as {@link NativeFile#readLine(long)}: on failure {@code maxBytes + 1} bytes
   * of the line are consumed, as on every stream.
   */
  @Override
  public byte[] readLine(long maxBytes) throws IOException {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be > 0: " + maxBytes);
    }
    checkReadable();
    long limit = Math.min(maxBytes, MAX_ARRAY_SIZE);
    long lineStart = tellImpl();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (buffered.hasRemaining() || refill()) {
      int start = buffered.position();
      int end = buffered.limit();
      int newline = start;
      while (newline < end && buffered.get(newline) != '\n') {
        newline++;
      }
      boolean found = newline < end;
      int take = (found ? newline + 1 : end) - start;
      if (line.size() + (long) take > limit) {
        buffered.position(start + (int) (limit + 1 - line.size()));
        throw lineTooLong(maxBytes, lineStart);
      }
      byte[] part = new byte[take];
      buffered.get(part);
      line.write(part, 0, part.length);
      if (found) {
        break;
      }
    }
    return line.toByteArray();
  }

  /**
   * Up to {@code nbytes} bytes without consuming them, at most {@link #bufferSize()}: what is
   * buffered, topped up from the raw file when it holds fewer (fewer only at EOF). PyArrow's
   * {@code peek}.
   */
  @Override
  public byte[] peek(int nbytes) throws IOException {
    checkReadable();
    requireNonNegative(nbytes, "nbytes");
    int wanted = Math.min(nbytes, bufferSize);
    if (buffered.remaining() < wanted) {
      buffered.compact(); // the unconsumed bytes move to the front; the rest of the buffer takes more
      try {
        while (buffered.position() < wanted && raw.readSome(buffered) > 0) {
          // keep filling
        }
      } finally {
        buffered.flip();
      }
    }
    byte[] bytes = new byte[Math.min(wanted, buffered.remaining())];
    buffered.duplicate().get(bytes);
    return bytes;
  }

  /** Refills the empty buffer from the raw file; false at EOF. */
  private boolean refill() throws IOException {
    buffered.clear();
    int n = raw.readSome(buffered);
    buffered.flip();
    return n > 0;
  }

  /** Bytes consumed: the raw file's position less what is still buffered. */
  @Override
  protected long tellImpl() throws IOException {
    return raw.tell() - buffered.remaining();
  }

  @Override
  protected long sizeImpl() throws IOException {
    return raw.size();
  }

  @Override
  protected void closeImpl() throws IOException {
    memory.close();
    if (!detached) {
      raw.close();
    }
  }
}
