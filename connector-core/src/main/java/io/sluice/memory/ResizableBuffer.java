package io.sluice.memory;

/**
 * A pool buffer whose size can change (Arrow's {@code ResizableBuffer}). Capacity is what the pool
 * accounts for: the size rounded up to a multiple of 64. Content up to {@code min(old, new)} size
 * is preserved by every resize; bytes beyond the old size are unspecified until written.
 *
 * <p>A resize may move the memory. Views taken before such a move are cut off (they throw
 * {@link IllegalStateException}) rather than left pointing at freed memory. Not safe for
 * concurrent resizing from several threads.
 */
public final class ResizableBuffer extends MutableBuffer {

  ResizableBuffer(Allocation allocation, long size) {
    super(null, allocation.address(), size, null, allocation.state(), allocation, null);
  }

  /** Bytes reserved for this buffer, a multiple of 64 and at least {@link #size()}. */
  public long capacity() {
    checkAlive();
    return allocation.capacity();
  }

  /** Same as {@code resize(newSize, true)}. */
  public void resize(long newSize) {
    resize(newSize, true);
  }

  /**
   * Sets the size to {@code newSize}, growing the capacity if needed. With {@code shrinkToFit}, a
   * smaller size also gives the unneeded capacity back to the pool; without it the capacity stays.
   */
  public void resize(long newSize, boolean shrinkToFit) {
    Bounds.requireNonNegative(newSize, "newSize");
    checkAlive();
    long needed = NativeMemory.alignedSize(newSize);
    long capacity = allocation.capacity();
    if (needed > capacity || (shrinkToFit && needed < capacity)) {
      reallocate(needed);
    }
    size = newSize;
  }

  /** Makes the capacity at least {@code capacity} bytes without changing the size. */
  public void reserve(long capacity) {
    Bounds.requireNonNegative(capacity, "capacity");
    checkAlive();
    long needed = NativeMemory.alignedSize(capacity);
    if (needed > allocation.capacity()) {
      reallocate(needed);
    }
  }

  private void reallocate(long newCapacity) {
    MemoryPool pool = allocation.pool();
    long oldAddress = allocation.address();
    long oldCapacity = allocation.capacity();
    long newAddress;
    if (oldCapacity == 0) {
      newAddress = pool.allocateBlock(newCapacity);
    } else if (newCapacity == 0) {
      pool.freeBlock(oldAddress, oldCapacity);
      newAddress = NativeMemory.zeroSizeAddress();
    } else {
      newAddress = pool.reallocateBlock(oldAddress, oldCapacity, newCapacity);
    }
    allocation.moved(newAddress, newCapacity);
    offset = newAddress;
    state = allocation.state();
  }
}
