package io.sluice.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One block of memory, shared by a root buffer and every view derived from it: whether it may
 * still be touched, and how it goes back to whoever owns it.
 *
 * <p>{@link #released} is a plain field on purpose: it is read on every access and a volatile read
 * would stop the JIT from hoisting it out of loops. Closing a buffer while another thread still
 * reads it through Sluice's accessors is a race the caller must prevent (as with Netty's and
 * Arrow's buffers).
 *
 * <p>{@code ByteBuffer} views are different: the JDK reads them without asking us, so the memory
 * under a reachable view must stay valid whatever the caller does (API.md Memory, v0.2). The first
 * view of a block that must be given back (pool memory, or foreign memory with a release action)
 * creates a {@link ViewAnchor}; every view's attachment points at it. Releasing the block then
 * only accounts the release (the pool's counters drop at once) and leaves the actual free (arena
 * reuse, {@code free}, unmap) to the anchor's cleaner action, which runs once no view is
 * reachable. Without views, release frees at once, as before.
 *
 * <p>View creation racing release needs no lock: both sides meet on the one {@link #anchor} slot.
 * A view takes the existing anchor, or installs a new one with a compare-and-set from null; release
 * swaps in {@link #RELEASED} and frees at once only if it took null. So either the release saw the
 * anchor (and defers) or the view saw {@code RELEASED} (and throws), never neither.
 *
 * <p>Sluice's own IO does not anchor: a {@link ScopedByteBuffer} {@link #pin pins} the block for the
 * length of one call instead. A release that finds pins waits for the last {@link #unpin} (the call
 * in progress), which then gives the block back; views a caller keeps are the only ones that defer
 * to the garbage collector. Pins meet release on {@link #pins} the way views meet it on the anchor
 * slot: a pin counts itself first and then looks at the slot, release swaps the slot first and then
 * looks at the count, so one of them always sees the other.
 */
final class MemoryState {
  /** Slot value once the block was released: no new anchor may be installed. */
  private static final Object RELEASED = new Object() {
    @Override
    public String toString() {
      return "RELEASED";
    }
  };
  private static final VarHandle ANCHOR;
  private static final VarHandle PINS;
  /** Bit of {@link #pins} set once the block was released: the last unpin gives it back. */
  private static final int RELEASE_PENDING = 1 << 31;
  /** Bit of {@link #pins} set by whoever gave the block back (exactly one caller wins it). */
  private static final int GIVEN_BACK = 1 << 30;

  static {
    try {
      ANCHOR = MethodHandles.lookup().findVarHandle(MemoryState.class, "anchor", Object.class);
      PINS = MethodHandles.lookup().findVarHandle(MemoryState.class, "pins", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Set once the memory was released (or moved away by a resize); every access then throws. */
  boolean released;
  /** null (no view yet), the {@link ViewAnchor} of this block's views, or {@link #RELEASED}. */
  @SuppressWarnings("unused") // accessed through ANCHOR
  private volatile Object anchor;
  /** Scoped uses in progress ({@link ScopedByteBuffer}), plus {@link #RELEASE_PENDING} once released. */
  @SuppressWarnings("unused") // accessed through PINS
  private volatile int pins;
  /**
   * What {@link #finishRelease} was given while pins were held; read by the last unpin. Holding the
   * anchor here also keeps its cleaner from freeing the block under a scoped use.
   */
  private Object viewsAtRelease;

  /** The pool the block came from, or null when it is not pool memory. */
  final MemoryPool pool;
  /** Pool blocks: where the block starts. */
  final long address;
  /** Pool blocks: the accounted capacity; an in-place resize (no views) may change it. */
  long capacity;
  /** Foreign memory with a release action (e.g. a mapping to unmap); null otherwise. */
  private final Runnable onRelease;
  /** Foreign memory: what keeps the memory valid; ByteBuffer views keep it reachable through the anchor. */
  private final Object keepAlive;

  /** Memory that is never given back by Sluice (heap arrays, wrapped ByteBuffers, plain foreign memory). */
  MemoryState() {
    this(null, 0, 0, null, null);
  }

  private MemoryState(MemoryPool pool, long address, long capacity, Runnable onRelease, Object keepAlive) {
    this.pool = pool;
    this.address = address;
    this.capacity = capacity;
    this.onRelease = onRelease;
    this.keepAlive = keepAlive;
  }

  /** A block of {@code capacity} bytes at {@code address} from {@code pool}. */
  static MemoryState ofPool(MemoryPool pool, long address, long capacity) {
    return new MemoryState(pool, address, capacity, null, null);
  }

  /** Foreign memory that {@code onRelease} gives back; {@code keepAlive} keeps it valid until then. */
  static MemoryState ofForeign(Runnable onRelease, Object keepAlive) {
    return new MemoryState(null, 0, 0, onRelease, keepAlive);
  }

  /** Whether release gives anything back, so views need an anchor to hold it. */
  private boolean givesBack() {
    return onRelease != null || (pool != null && capacity > 0);
  }

  /**
   * What a new {@code ByteBuffer} view of this block must reference to keep its memory valid:
   * {@code owner} itself for memory that is never given back early, else the block's anchor.
   *
   * @throws IllegalStateException when the block was released before the view could anchor it
   */
  Object viewKeeper(Buffer owner) {
    if (!givesBack()) {
      return owner;
    }
    while (true) {
      Object current = anchor;
      if (current instanceof ViewAnchor) {
        return current;
      }
      if (current == RELEASED) {
        throw new IllegalStateException("buffer was released: " + owner);
      }
      ViewAnchor fresh = new ViewAnchor(keepAlive);
      if (ANCHOR.compareAndSet(this, null, fresh)) {
        // Registered after the CAS: until then 'fresh' is on this thread's stack, so it cannot be
        // collected early; a release in between only accounts, and the free waits for this action.
        MemoryCleaner.register(fresh, this::freeDeferred);
        return fresh;
      }
    }
  }

  /**
   * Marks the block released and gives it back: at once when no view was ever made, else the
   * accounting now and the memory once the last view is unreachable. Called once per block.
   */
  void release() {
    released = true;
    finishRelease(closeToViews());
  }

  /**
   * Stops new views from anchoring this block; returns the anchor of existing views, or null when
   * there are none. Afterwards the block must be either {@link #finishRelease released} or, if no
   * views existed and it did not move, {@link #reopenToViews reopened}.
   */
  Object closeToViews() {
    return ANCHOR.getAndSet(this, RELEASED);
  }

  /** Undoes {@link #closeToViews()} (a resize that failed, or one that kept the block in place). */
  void reopenToViews(Object views) {
    anchor = views;
  }

  /**
   * Takes a scoped use of the block for one call of Sluice's own IO: until {@link #unpin}, a
   * release only marks the block, and the last unpin gives it back. Returns false (and holds
   * nothing) when the block was already released or is being moved by a resize.
   */
  boolean pin() {
    while (true) {
      int current = pins;
      if ((current & RELEASE_PENDING) != 0) {
        return false;
      }
      if (PINS.compareAndSet(this, current, current + 1)) {
        break;
      }
    }
    // A resize may be moving the block (it closed the anchor slot and then looks at the pins).
    if (anchor == RELEASED) {
      unpin();
      return false;
    }
    return true;
  }

  /** Gives back a use from {@link #pin()}; the last one after a release gives the block back. */
  void unpin() {
    int after = (int) PINS.getAndAdd(this, -1) - 1;
    if (after == RELEASE_PENDING) {
      giveBackOnce();
    }
  }

  /** Whether a scoped use is in progress; only meaningful after {@link #closeToViews()}. */
  boolean isPinned() {
    return (pins & ~(RELEASE_PENDING | GIVEN_BACK)) != 0;
  }

  /**
   * Gives the block back after {@link #closeToViews()} returned {@code views}: now, or when the
   * scoped use in progress ends.
   */
  void finishRelease(Object views) {
    if (views == RELEASED) {
      return;
    }
    // No scoped use now: give back without touching the pins word. The read comes after the
    // anchor swap (a full fence); a pin that counts itself after this read then finds RELEASED in
    // the slot and backs out without giving back (its unpin leaves the count at 0, not at
    // RELEASE_PENDING), so nobody else gives this block back. Saves two atomic updates per release.
    if (pins == 0) {
      giveBack(views);
      return;
    }
    viewsAtRelease = views; // published by the atomic update below, read by the last unpin
    int before = (int) PINS.getAndBitwiseOr(this, RELEASE_PENDING);
    if (before == 0) {
      giveBackOnce();
    }
  }

  /** The release and the last unpin may both find no pins left: only one of them gives back. */
  private void giveBackOnce() {
    if (PINS.compareAndSet(this, RELEASE_PENDING, RELEASE_PENDING | GIVEN_BACK)) {
      Object views = viewsAtRelease;
      // Until here the field kept the views' anchor reachable, so its cleaner (the deferred free)
      // could not run while a scoped use was in progress; now it may, once the views are gone.
      viewsAtRelease = null;
      giveBack(views);
    }
  }

  private void giveBack(Object views) {
    if (views == null) {
      freeNow();
    } else if (pool != null && capacity > 0) {
      pool.releaseBlockDeferred(address, capacity);
      DeferredMemoryBackstop.deferred(capacity);
    }
  }

  private void freeNow() {
    if (pool != null) {
      pool.freeBlock(address, capacity);
    } else if (onRelease != null) {
      onRelease.run();
    }
  }

  /** The anchor's cleaner action: the last view is gone, so the memory itself goes back now. */
  private void freeDeferred() {
    if (pool != null) {
      pool.freeDeferredBlock(address, capacity);
      DeferredMemoryBackstop.freed(capacity);
    } else if (onRelease != null) {
      onRelease.run();
    }
  }
}
