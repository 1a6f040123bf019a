package io.sluice.memory;

/**
 * The memory behind one root buffer that must be given back (a pool block, or foreign memory with
 * a release action), and the action that gives it back.
 *
 * <p>It is registered with the {@link MemoryCleaner} on the root buffer, so it runs exactly once: from
 * {@link Buffer#close()} or, if nobody closes the root, after the root and all its views (which
 * reference the root) have been garbage collected. It must never reference the buffer itself,
 * or the buffer could never become unreachable. How the block goes back (at once, or after the
 * last {@code ByteBuffer} view is gone) is {@link MemoryState}'s business.
 */
final class Allocation implements Runnable {
  /** The current block; a ResizableBuffer that moves its memory replaces it (volatile: the cleaner thread reads it). */
  private volatile MemoryState state;
  /** Null only until {@link #registerOwner} ran. */
  private MemoryCleaner.Registration registration;

  Allocation(MemoryPool pool, long address, long capacity) {
    this.state = MemoryState.ofPool(pool, address, capacity);
  }

  Allocation(MemoryState state) {
    this.state = state;
  }

  void registerOwner(Buffer root) {
    registration = MemoryCleaner.register(root, this);
  }

  long address() {
    return state.address;
  }

  long capacity() {
    return state.capacity;
  }

  MemoryState state() {
    return state;
  }

  MemoryPool pool() {
    return state.pool;
  }

  /** The memory now lives in {@code next} (a resize moved it; the old block was already dealt with). */
  void moved(MemoryState next) {
    state = next;
  }

  /** Gives the memory back now; safe to call more than once and from any thread. */
  void release() {
    if (registration == null) {
      // Not registered yet (the owner's constructor failed): MemoryState.release is idempotent
      // (its anchor swap lets exactly one caller give the block back).
      run();
    } else if (registration.cancel()) {
      run();
    }
  }

  /** The cleaner action: runs once, after {@link #release()} or after the owner was collected. */
  @Override
  public void run() {
    state.release();
  }
}
