package io.sluice.local;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Page-aligned direct buffers that reads into heap memory go through. The JDK bounces such reads
 * through a temporary direct buffer of its own, which starts 16 bytes past a page boundary (malloc's
 * alignment); the kernel's copy into a misaligned destination measured about a third slower than
 * into an aligned one on these machines. Here every staging buffer starts on a page.
 *
 * <p>Thread-safe: a reader takes a buffer for the duration of one read and gives it back. A few
 * buffers are kept for reuse (one per concurrent reader up to twice the CPU count); a reader that
 * finds none allocates one, and a buffer given back when every slot is full is left to the garbage
 * collector. Slots rather than thread locals, so virtual threads do not each pin a buffer.
 */
final class StagingBuffers {
  /** Bytes per staging buffer: a read of more goes through in pieces of this size. */
  static final int SIZE = 1 << 20;
  private static final int PAGE = 4096;
  private static final AtomicReferenceArray<ByteBuffer> SLOTS =
      new AtomicReferenceArray<>(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));

  private StagingBuffers() {}

  /** A cleared staging buffer of {@link #SIZE} bytes, owned by the caller until {@link #give}. */
  static ByteBuffer take() {
    for (int i = 0; i < SLOTS.length(); i++) {
      ByteBuffer buffer = SLOTS.get(i);
      if (buffer != null && SLOTS.compareAndSet(i, buffer, null)) {
        return buffer.clear();
      }
    }
    return ByteBuffer.allocateDirect(SIZE + PAGE).alignedSlice(PAGE).limit(SIZE).slice();
  }

  /** Gives a buffer from {@link #take} back; the caller must not use it afterwards. */
  static void give(ByteBuffer buffer) {
    for (int i = 0; i < SLOTS.length(); i++) {
      if (SLOTS.get(i) == null && SLOTS.compareAndSet(i, null, buffer)) {
        return;
      }
    }
  }
}
