package io.sluice.memory;

/**
 * A pool buffer whose size can change (Arrow's {@code ResizableBuffer}). Capacity is what the pool
 * accounts for: the size rounded up to a multiple of 64. Content up to {@code min(old, new)} size
 * is preserved by every resize; bytes beyond the old size are unspecified until written.
 *
 * <p>A resize may move the memory. Buffer views ({@link #slice}) taken before such a move are cut
 * off (they throw {@link IllegalStateException}) rather than left pointing at freed memory.
 * {@code ByteBuffer} views ({@link #asByteBuffer()}) cannot be cut off, so once a block has one, a
 * resize that needs another capacity always copies to a new block, and the old block goes back to
 * the pool only when its last {@code ByteBuffer} view is unreachable (it is accounted as released
 * at once). Not safe for concurrent resizing from several threads.
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

  /**
   * Same as {@code resize(newSize, false)}, as in PyArrow: growing may reallocate, shrinking keeps
   * the capacity (use {@code resize(newSize, true)} to give it back).
   */
  public void resize(long newSize) {
    resize(newSize, false);
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
    MemoryState old = allocation.state();
    MemoryPool pool = old.pool;
    long oldCapacity = old.capacity;
    // From here on no new ByteBuffer view can anchor the old block.
    Object views = old.closeToViews();
    // A scoped use in progress (Sluice's own IO on another thread) also pins the old block.
    boolean inPlace = views == null && !old.isPinned() && oldCapacity > 0 && newCapacity > 0;
    long newAddress;
    try {
      if (inPlace) {
        newAddress = pool.reallocateBlock(old.address, oldCapacity, newCapacity);
      } else {
        // ByteBuffer views or scoped uses of the old block may exist (or one side is the shared
        // zero-size address): copy into a new block, and the old one goes back when they are gone.
        newAddress = newCapacity == 0 ? NativeMemory.zeroSizeAddress() : pool.allocateBlock(newCapacity);
        MemoryAccess.copy(null, old.address, null, newAddress, Math.min(oldCapacity, newCapacity));
      }
    } catch (RuntimeException | Error e) {
      old.reopenToViews(views); // nothing changed: the old block stays this buffer's memory
      throw e;
    }
    if (inPlace && newAddress == old.address) {
      old.capacity = newCapacity;
      old.reopenToViews(null);
      return;
    }
    old.released = true;
    if (!inPlace) {
      old.finishRelease(views);
    }
    allocation.moved(MemoryState.ofPool(pool, newAddress, newCapacity));
    offset = newAddress;
    state = allocation.state();
  }
}
