package io.sluice.io;

import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPool;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Base of decorators: a file that forwards every hook to another file, the delegate (as Okio's
 * {@code ForwardingSource} and Netty's {@code WrappedByteBuf}). It has the delegate's mode, and
 * the delegate keeps its own fast paths (zero-copy {@code readBufferAt}, vectored reads, its
 * memory pool, its name in errors). A decorator overrides the hooks it changes and calls
 * {@code super} for the rest, from any package:
 *
 * <pre>{@code
 * final class CountingFile extends ForwardingNativeFile {
 *   long bytesRead;
 *   CountingFile(NativeFile file) { super(file); }
 *   @Override protected int readImpl(ByteBuffer dst) throws IOException {
 *     int n = super.readImpl(dst);
 *     if (n > 0) bytesRead += n;
 *     return n;
 *   }
 * }
 * }</pre>
 *
 * <p>{@link NativeFile}'s public methods do the argument, mode and closed checks before any hook
 * runs. This file counts as closed when it was closed or when the delegate was (so a decorator
 * never reaches a closed delegate's hooks); closing it closes the delegate.
 */
public abstract class ForwardingNativeFile extends NativeFile {
  private final NativeFile delegate;

  protected ForwardingNativeFile(NativeFile delegate) {
    super(Objects.requireNonNull(delegate, "delegate").fileMode());
    this.delegate = delegate;
  }

  /** The file every hook goes to. */
  protected final NativeFile delegate() {
    return delegate;
  }

  /** Closed when closed itself or when the delegate was closed. */
  @Override
  public boolean isClosed() {
    return super.isClosed() || delegate.isClosed();
  }

  @Override
  protected int readImpl(ByteBuffer dst) throws IOException {
    return delegate.readImpl(dst);
  }

  @Override
  protected int readAtImpl(long position, ByteBuffer dst) throws IOException {
    return delegate.readAtImpl(position, dst);
  }

  @Override
  protected Buffer readBufferAtImpl(long position, long nbytes) throws IOException {
    return delegate.readBufferAtImpl(position, nbytes);
  }

  @Override
  protected Buffer readBufferImpl(long nbytes) throws IOException {
    return delegate.readBufferImpl(nbytes);
  }

  @Override
  protected List<Buffer> readCoalescedImpl(List<Range> ranges) throws IOException {
    return delegate.readCoalescedImpl(ranges);
  }

  @Override
  protected void writeImpl(ByteBuffer src) throws IOException {
    delegate.writeImpl(src);
  }

  @Override
  protected long tellImpl() throws IOException {
    return delegate.tellImpl();
  }

  @Override
  protected void seekImpl(long position) throws IOException {
    delegate.seekImpl(position);
  }

  @Override
  protected long sizeImpl() throws IOException {
    return delegate.sizeImpl();
  }

  @Override
  protected void flushImpl() throws IOException {
    delegate.flushImpl();
  }

  /** Closes the delegate (which flushes it first if it writes). */
  @Override
  protected void closeImpl() throws IOException {
    delegate.close();
  }

  @Override
  protected Map<String, String> metadataImpl() throws IOException {
    return delegate.metadataImpl();
  }

  @Override
  protected MemoryPool memoryPool() {
    return delegate.memoryPool();
  }

  @Override
  protected boolean positionalReadsPastEndAreEmpty() {
    return delegate.positionalReadsPastEndAreEmpty();
  }

  @Override
  protected long rangeHoleLimit() {
    return delegate.rangeHoleLimit();
  }

  @Override
  protected long rangeSizeLimit() {
    return delegate.rangeSizeLimit();
  }

  @Override
  protected String describeForErrors() {
    return delegate.describeForErrors();
  }

  /** The delegate's peek, so a decorated {@link BufferedInputStream} can still peek. */
  @Override
  public byte[] peek(int nbytes) throws IOException {
    checkOpen();
    return delegate.peek(nbytes);
  }
}
