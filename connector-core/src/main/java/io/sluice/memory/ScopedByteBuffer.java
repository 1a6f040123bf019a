package io.sluice.memory;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A {@link ByteBuffer} view of part of a {@link Buffer} for the length of one call: how Sluice's
 * own IO (channel reads into pool buffers, {@code write(Buffer)}, codecs) hands its memory to JDK
 * and library code that only takes ByteBuffers.
 *
 * <p>Unlike {@link Buffer#asByteBuffer()}, the view does not make the buffer's memory wait for the
 * garbage collector after {@code close()}: the scope <em>pins</em> the memory instead. A
 * {@code close()} of the buffer (or its collection, or a resize that moves it) while the scope is
 * open only marks the memory; it goes back to the pool when the scope is closed. So an IO call
 * racing a close never writes into memory someone else owns, and a loop "allocate, read into it,
 * close" reuses the same block instead of deferring every one to the next GC.
 *
 * <p>Contract for the caller: use the view only inside a try-with-resources block and never let it
 * escape (return, store, hand to another thread that outlives the block). A view used after the
 * scope is closed may read or write memory that was given back. A scope is used by one thread;
 * closing it is idempotent.
 *
 * <p>Because a view that escapes is not safe, scopes are for Sluice's own IO only: opening one takes
 * an {@link Access} that {@link #access()} hands out to classes of Sluice's packages
 * ({@code io.sluice.*}) and refuses to anyone else with {@link IllegalCallerException}. Users who
 * need a {@code ByteBuffer} take {@link Buffer#asByteBuffer()}, which is safe however long it lives.
 */
public final class ScopedByteBuffer implements AutoCloseable {
  private final Buffer buffer;
  private final MemoryState state;
  private final ByteBuffer view;
  private boolean closed;

  /** Permission to open scopes; Sluice's classes keep one in a private constant. */
  public static final class Access {
    private Access() {}
  }

  private static final Access ACCESS = new Access();
  private static final String SLUICE_PACKAGES = "io.sluice.";

  /**
   * The permission to open scopes, for a class of Sluice's own packages; called once per class
   * (it walks the stack), not per IO call.
   *
   * @throws IllegalCallerException when the caller is not in an {@code io.sluice.} package
   */
  public static Access access() {
    Class<?> caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass();
    if (!caller.getName().startsWith(SLUICE_PACKAGES)) {
      throw new IllegalCallerException("scoped ByteBuffer views are for Sluice's own IO, not for "
          + caller.getName() + ": a view kept past its scope is not safe; use Buffer.asByteBuffer()");
    }
    return ACCESS;
  }

  private ScopedByteBuffer(Buffer buffer, MemoryState state, ByteBuffer view) {
    this.buffer = buffer;
    this.state = state;
    this.view = view;
  }

  /**
   * A scoped view of {@code [offset, offset + length)} of {@code buffer}, read-only unless the
   * buffer is mutable, little-endian, position 0 and limit {@code length}.
   *
   * @throws IllegalStateException when the buffer was closed or released
   * @throws IndexOutOfBoundsException when the range is not inside the buffer
   */
  public static ScopedByteBuffer of(Access access, Buffer buffer, long offset, int length) {
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(buffer, "buffer");
    // The same errors as asByteBuffer() and slice(); the range is always checked, whatever the
    // bounds-check switch says, because the JDK and native code write through the view unchecked.
    buffer.checkAlive();
    Bounds.requireRange(offset, length, buffer.size());
    MemoryState state = buffer.state;
    if (!state.pin()) { // released since the check (another thread's close)
      throw new IllegalStateException("buffer was released: " + buffer);
    }
    try {
      return new ScopedByteBuffer(buffer, state, buffer.scopedView(offset, length));
    } catch (RuntimeException | Error e) {
      state.unpin();
      throw e;
    }
  }

  /** The whole buffer; see {@link #of(Access, Buffer, long, int)}. */
  public static ScopedByteBuffer of(Access access, Buffer buffer) {
    Objects.requireNonNull(buffer, "buffer");
    if (buffer.size() > Integer.MAX_VALUE) {
      throw new UnsupportedOperationException(
          "buffer of " + buffer.size() + " bytes is larger than a ByteBuffer can be (2 GiB)");
    }
    return of(access, buffer, 0, (int) buffer.size());
  }

  /** The view; valid only until {@link #close()}. */
  public ByteBuffer view() {
    if (closed) {
      throw new IllegalStateException("scoped view was closed: " + buffer);
    }
    return view;
  }

  /** Ends the scope: a release that happened meanwhile gives the memory back now. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    state.unpin();
    // The buffer (and so its cleaner) must stay reachable until the pin is given back.
    Reference.reachabilityFence(buffer);
  }
}
