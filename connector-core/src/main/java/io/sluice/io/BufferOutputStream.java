package io.sluice.io;

import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPool;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.ResizableBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A write-only stream into pool memory (PyArrow's {@code BufferOutputStream}). The memory grows
 * geometrically (at least doubling), so writing n bytes costs O(n) copies overall, and growth
 * past 1 MiB is in place where it can be: the pool reuses a cached block of the new size (memory
 * already paged in, one copy) or else resizes the block where it is ({@code realloc}, an
 * {@code mremap} for blocks this size: no copy, and the pages already written stay; only the new
 * part is fresh memory). {@link #tell()} and {@link #size()} are the bytes written so far.
 *
 * <h2>What {@link #getValue()} costs</h2>
 * Nothing proportional to the size: it moves the last small writes still gathered on the heap
 * (under 8 KiB) into pool memory and sets the buffer's size. No allocation and no copy; the value
 * keeps the capacity the growth reached (at most twice its size, rounded to the pool's block),
 * which goes back to the pool when the value is closed.
 *
 * <h2>The value and its lifetime</h2>
 * As in PyArrow, {@link #getValue()} works before and after {@link #close()}, and as often as
 * asked: the usual pattern is a {@link CompressedOutputStream} over this stream, closing it (which
 * closes this stream too), then {@code getValue()}. The first call (or {@code close()}) finishes
 * the stream; every call returns the same {@link Buffer}, the written memory itself, without a
 * copy. That buffer belongs to whoever took it: closing it gives the memory back to the pool at
 * once. A stream whose value nobody takes keeps its memory until the stream becomes unreachable
 * (garbage collected), because a later {@code getValue()} must still find the bytes.
 */
public class BufferOutputStream extends WriteOnlyStream {
  /** The first allocation: small writes should not start with a resize per write. */
  private static final long MINIMUM_CAPACITY = 256;
  /**
   * Writes up to this size are gathered in {@link #staging} (a plain array copy) and moved to pool
   * memory in bulk: a native copy per 16-byte write would cost more than the bytes themselves.
   */
  private static final int SMALL_WRITE = 256;

  private final ResizableBuffer buffer;
  /** Bytes in {@link #buffer}; {@link #staged} more wait in {@link #staging}. */
  private long length;
  private final byte[] staging = new byte[8 * 1024];
  private int staged;

  /** Allocates from the default pool. */
  public BufferOutputStream() {
    this(MemoryPools.defaultPool());
  }

  public BufferOutputStream(MemoryPool pool) {
    Objects.requireNonNull(pool, "pool");
    this.buffer = pool.allocateResizable(0);
  }

  /**
   * The bytes written, as a buffer of exactly that size: the written memory itself, no copy.
   * Finishes and closes the stream if it is open; later calls return the same buffer. The caller
   * owns it: closing it gives the memory back to the pool.
   *
   * @throws IllegalStateException if the value was taken before and its owner closed it since
   */
  public Buffer getValue() throws IOException {
    close(); // idempotent; finishes the stream the first time
    if (buffer.isReleased()) {
      throw new IllegalStateException("the value of this BufferOutputStream (" + length
          + " bytes) was taken before and has been closed by its owner");
    }
    return buffer;
  }

  /** Same contract as {@link NativeFile#write(byte[], int, int)}; small writes are gathered first. */
  @Override
  public int write(byte[] data, int off, int len) throws IOException {
    Objects.requireNonNull(data, "data");
    Objects.checkFromIndexSize(off, len, data.length);
    checkWritable();
    if (len <= SMALL_WRITE) {
      if (len > staging.length - staged) {
        drainStaging();
      }
      System.arraycopy(data, off, staging, staged, len);
      staged += len;
    } else {
      drainStaging();
      ensureRoom(len);
      buffer.setBytes(length, data, off, len);
      length += len;
    }
    return len;
  }

  @Override
  protected void writeImpl(ByteBuffer src) {
    drainStaging();
    int n = src.remaining();
    ensureRoom(n);
    buffer.setBytes(length, src);
    length += n;
  }

  /** Moves the gathered small writes into pool memory. */
  private void drainStaging() {
    if (staged > 0) {
      ensureRoom(staged);
      buffer.setBytes(length, staging, 0, staged);
      length += staged;
      staged = 0;
    }
  }

  /** Grows geometrically (at least doubling) so n bytes of writes cost O(n) copying in total. */
  private void ensureRoom(int n) {
    long needed = length + n;
    if (needed > buffer.size()) {
      buffer.resize(Math.max(needed, Math.max(MINIMUM_CAPACITY, buffer.size() * 2)), false);
    }
  }

  @Override
  protected long tellImpl() {
    return length + staged;
  }

  @Override
  protected long sizeImpl() {
    return length + staged;
  }

  /** Finishes the value; the memory stays for {@link #getValue()} (see the class comment). */
  @Override
  protected void closeImpl() {
    drainStaging();
    buffer.resize(length, false); // keeps the memory where it is: no copy
  }
}
