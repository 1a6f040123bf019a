package io.sluice.memory;

/**
 * The pool memory behind one root buffer, and the action that gives it back.
 *
 * <p>It is registered with the {@link MemoryCleaner} on the root buffer, so it runs exactly once: from
 * {@link Buffer#close()} or, if nobody closes the root, after the root and all its views (which
 * reference the root) have been garbage collected. It must never reference the buffer itself,
 * or the buffer could never become unreachable.
 */
final class Allocation implements Runnable {
  private final MemoryPool pool;
  // Volatile: a ResizableBuffer may move its memory, and the cleaner thread must see where it went.
  private volatile long address;
  private volatile long capacity;
  /** Liveness of the current memory; replaced when a resize moves the memory elsewhere. */
  private volatile MemoryState state = new MemoryState();
  private MemoryCleaner.Registration registration;

  Allocation(MemoryPool pool, long address, long capacity) {
    this.pool = pool;
    this.address = address;
    this.capacity = capacity;
  }

  void registerOwner(Buffer root) {
    registration = MemoryCleaner.register(root, this);
  }

  long address() {
    return address;
  }

  long capacity() {
    return capacity;
  }

  MemoryState state() {
    return state;
  }

  MemoryPool pool() {
    return pool;
  }

  /**
   * Records that the memory is now {@code newCapacity} bytes at {@code newAddress}. When it moved,
   * views made before the move are cut off by releasing their state.
   */
  void moved(long newAddress, long newCapacity) {
    if (newAddress != address) {
      state.released = true;
      state = new MemoryState();
    }
    address = newAddress;
    capacity = newCapacity;
  }

  /** Gives the memory back now; safe to call more than once and from any thread. */
  void release() {
    if (registration.cancel()) {
      run();
    }
  }

  /** The cleaner action: runs once, after {@link #release()} or after the owner was collected. */
  @Override
  public void run() {
    state.released = true;
    pool.freeBlock(address, capacity);
  }
}
