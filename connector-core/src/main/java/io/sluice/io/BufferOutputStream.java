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
 * geometrically (at least doubling), so writing n bytes costs O(n) copies overall.
 * {@link #getValue()} hands the written bytes over as a {@link Buffer} without copying and closes
 * the stream; closing the stream without taking the value gives the memory back to the pool.
 * {@link #tell()} and {@link #size()} are the bytes written so far.
 */
public class BufferOutputStream extends NativeFile {
  /** The first allocation: small writes should not start with a resize per write. */
  private static final long MINIMUM_CAPACITY = 256;

  private final ResizableBuffer buffer;
  private long length;
  private boolean handedOver;

  /** Allocates from the default pool. */
  public BufferOutputStream() {
    this(MemoryPools.defaultPool());
  }

  public BufferOutputStream(MemoryPool pool) {
    Objects.requireNonNull(pool, "pool");
    this.buffer = pool.allocateResizable(0);
  }

  @Override
  public String mode() {
    return "wb";
  }

  @Override
  public boolean readable() {
    return false;
  }

  @Override
  public boolean writable() {
    return true;
  }

  @Override
  public boolean seekable() {
    return false;
  }

  /**
   * The bytes written, as a buffer of exactly that size that the caller now owns (and should
   * close). No copy is made; the stream is closed.
   *
   * @throws IOException saying "closed" if the stream was closed or its value already taken
   */
  public Buffer getValue() throws IOException {
    checkOpen();
    buffer.resize(length, false); // keeps the memory where it is: no copy
    handedOver = true;
    close();
    return buffer;
  }

  @Override
  protected void writeImpl(ByteBuffer src) {
    int n = src.remaining();
    long needed = length + n;
    if (needed > buffer.size()) {
      buffer.resize(Math.max(needed, Math.max(MINIMUM_CAPACITY, buffer.size() * 2)), false);
    }
    buffer.setBytes(length, src);
    length = needed;
  }

  @Override
  protected long tellImpl() {
    return length;
  }

  @Override
  protected long sizeImpl() {
    return length;
  }

  @Override
  protected void closeImpl() {
    if (!handedOver) {
      buffer.close();
    }
  }
}
