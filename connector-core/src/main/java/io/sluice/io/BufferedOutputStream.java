package io.sluice.io;

import io.sluice.memory.MemoryPool;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Collects writes in a buffer of pool memory and passes them to a raw writable file in chunks of
 * the buffer size (Arrow's {@code BufferedOutputStream}). Written bytes reach the raw file only on
 * {@link #flush()}, {@link #close()}, {@link #detach()} or when the buffer is full; writes at
 * least as large as the buffer go straight through (after what is buffered). Closing closes the
 * raw file; {@link #detach()} flushes and hands the raw file back open.
 */
public class BufferedOutputStream extends WriteOnlyStream {
  private final NativeFile raw;
  private final int bufferSize;
  private final MutableBuffer memory;
  /** View of {@link #memory}: 0..position is the data not yet passed to the raw file. */
  private final ByteBuffer pending;
  private boolean detached;

  public BufferedOutputStream(NativeFile raw, int bufferSize) {
    this(raw, bufferSize, MemoryPools.defaultPool());
  }

  public BufferedOutputStream(NativeFile raw, int bufferSize, MemoryPool pool) {
    this.raw = Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(pool, "pool");
    if (bufferSize <= 0) {
      throw new IllegalArgumentException("bufferSize must be positive: " + bufferSize);
    }
    if (!raw.writable()) {
      throw new IllegalArgumentException("raw file " + raw.getClass().getSimpleName() + " in mode '"
          + raw.mode() + "' is not writable");
    }
    this.bufferSize = bufferSize;
    this.memory = pool.allocate(bufferSize);
    this.pending = memory.asByteBuffer();
  }

  /** Bytes written to this stream but not yet passed to the raw file. */
  public int bytesBuffered() {
    return pending.position();
  }

  public int bufferSize() {
    return bufferSize;
  }

  /** Passes buffered bytes to the raw file and flushes it, then returns it open; this stream closes. */
  public NativeFile detach() throws IOException {
    checkOpen();
    detached = true;
    close(); // flushes first
    return raw;
  }

  @Override
  protected void writeImpl(ByteBuffer src) throws IOException {
    if (src.remaining() > pending.remaining()) {
      drain();
    }
    if (src.remaining() >= bufferSize) {
      raw.write(src);
    } else {
      pending.put(src);
    }
  }

  /** Passes the buffered bytes to the raw file (without flushing it). */
  private void drain() throws IOException {
    if (pending.position() > 0) {
      pending.flip();
      try {
        raw.write(pending);
      } finally {
        pending.clear();
      }
    }
  }

  @Override
  protected void flushImpl() throws IOException {
    drain();
    raw.flush();
  }

  /** Bytes written: the raw file's position plus what is still buffered. */
  @Override
  protected long tellImpl() throws IOException {
    return raw.tell() + pending.position();
  }

  @Override
  protected void closeImpl() throws IOException {
    memory.close();
    if (!detached) {
      raw.close();
    }
  }
}
