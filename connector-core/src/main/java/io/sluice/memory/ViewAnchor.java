package io.sluice.memory;

/**
 * What every {@code ByteBuffer} view of one block of memory references (as the direct buffer's
 * attachment): while any view is reachable, so is its anchor, and the {@link MemoryCleaner} frees
 * the block only after the anchor became unreachable and the block was released
 * (see {@link MemoryState}). It holds nothing but what keeps foreign memory valid.
 */
final class ViewAnchor {
  @SuppressWarnings("unused") // held only to be reachable while a view is
  private final Object keepAlive;

  ViewAnchor(Object keepAlive) {
    this.keepAlive = keepAlive;
  }
}
