package io.sluice.io;

import io.sluice.memory.Buffer;
import io.sluice.memory.MutableBuffer;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A seekable writer that fills a caller's {@link MutableBuffer} in place (PyArrow's
 * {@code FixedSizeBufferWriter}). It never grows: a write that would pass the end of the buffer
 * throws {@link EOFException} and writes nothing, position unchanged; so does seeking past the
 * end. The buffer stays the caller's: closing the writer does not close it.
 *
 * <p>Large writes can be copied by several threads ({@link #setMemcopyThreads}): a write of at
 * least {@link #setMemcopyThreshold threshold} bytes is cut into one part per thread, each part a
 * multiple of {@link #setMemcopyBlocksize blocksize}. Defaults follow Arrow: 1 thread (no
 * parallelism), 64-byte blocks, 1 MiB threshold.
 */
public class FixedSizeBufferWriter extends NativeFile {
  /** Shared daemon threads for parallel copies; they die when idle. */
  private static final ExecutorService COPY_THREADS = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "sluice-memcopy");
    thread.setDaemon(true);
    return thread;
  });

  private final MutableBuffer target;
  private long position;
  private int memcopyThreads = 1;
  private long memcopyBlocksize = 64;
  private long memcopyThreshold = 1024 * 1024;

  public FixedSizeBufferWriter(MutableBuffer target) {
    super(FileMode.WRITE);
    this.target = Objects.requireNonNull(target, "target");
  }

  /** Threads used to copy a large write; 1 copies on the calling thread only. */
  public void setMemcopyThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("memcopy threads must be at least 1: " + threads);
    }
    this.memcopyThreads = threads;
  }

  /** Each thread's part of a parallel copy is a multiple of this many bytes. */
  public void setMemcopyBlocksize(long blocksize) {
    if (blocksize < 1) {
      throw new IllegalArgumentException("memcopy blocksize must be at least 1: " + blocksize);
    }
    this.memcopyBlocksize = blocksize;
  }

  /** Writes of at least this many bytes are copied in parallel (when threads > 1). */
  public void setMemcopyThreshold(long threshold) {
    if (threshold < 0) {
      throw new IllegalArgumentException("memcopy threshold must not be negative: " + threshold);
    }
    this.memcopyThreshold = threshold;
  }

  /** Checks the whole buffer fits before writing any of it (a large buffer is written in chunks). */
  @Override
  public long write(Buffer data) throws IOException {
    Objects.requireNonNull(data, "data");
    checkWritable();
    requireRoom(data.size());
    return super.write(data);
  }

  @Override
  protected void writeImpl(ByteBuffer src) throws IOException {
    int n = src.remaining();
    requireRoom(n);
    if (memcopyThreads > 1 && n >= memcopyThreshold) {
      parallelCopy(src, n);
    } else {
      target.setBytes(position, src);
    }
    position += n;
  }

  private void requireRoom(long n) throws EOFException {
    if (n > target.size() - position) {
      throw new EOFException("cannot write " + n + " bytes at position " + position
          + ": past the end of the fixed-size buffer of " + target.size() + " bytes");
    }
  }

  private void parallelCopy(ByteBuffer src, int n) throws IOException {
    long perThread = (n + memcopyThreads - 1) / memcopyThreads;
    long part = Math.max(memcopyBlocksize, (perThread + memcopyBlocksize - 1) / memcopyBlocksize * memcopyBlocksize);
    List<Future<?>> others = new ArrayList<>();
    int first = (int) Math.min(part, n);
    for (long from = first; from < n; from += part) {
      int start = (int) from;
      int length = (int) Math.min(part, n - from);
      ByteBuffer piece = src.duplicate().position(src.position() + start).limit(src.position() + start + length);
      long at = position + start;
      others.add(COPY_THREADS.submit(() -> target.setBytes(at, piece)));
    }
    target.setBytes(position, src.duplicate().limit(src.position() + first));
    try {
      for (Future<?> other : others) {
        other.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted during a parallel copy");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IOException("parallel copy failed", cause);
    }
  }

  @Override
  protected long tellImpl() {
    return position;
  }

  @Override
  protected void seekImpl(long newPosition) throws EOFException {
    if (newPosition > target.size()) {
      throw new EOFException(
          "cannot seek to " + newPosition + " past the end of the fixed-size buffer of " + target.size() + " bytes");
    }
    position = newPosition;
  }

  /** The size of the target buffer (fixed). */
  @Override
  protected long sizeImpl() {
    return target.size();
  }

  @Override
  protected void closeImpl() {
    // The target belongs to the caller and stays open.
  }
}
