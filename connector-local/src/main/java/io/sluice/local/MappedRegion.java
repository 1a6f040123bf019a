package io.sluice.local;

import io.sluice.memory.Buffer;
import io.sluice.memory.MutableBuffer;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;

/**
 * One {@code mmap} of a range of a file. It is the {@code base} of every Sluice buffer that views
 * it, so the mapping (which the JDK unmaps when the {@link MappedByteBuffer} is garbage collected)
 * lives exactly as long as the file still uses it or any of those buffers is reachable.
 */
final class MappedRegion {
  /** Where the region starts in the file. */
  final long fileOffset;
  final int length;
  /** Native address of the region's first byte. */
  final long address;
  private final MappedByteBuffer mapping;
  /**
   * The whole region as one foreign buffer whose base is this region; reads hand out slices of it,
   * so each slice keeps the root, the root keeps this region and this region keeps the mapping.
   * It is never closed: closing it would cut off every slice.
   */
  private final Buffer root;

  MappedRegion(long fileOffset, MappedByteBuffer mapping, boolean writable) {
    this.fileOffset = fileOffset;
    this.length = mapping.capacity();
    this.mapping = mapping;
    // Buffer.wrap reads the direct buffer's address without copying; the wrapper itself is not kept.
    this.address = length == 0 ? 0 : Buffer.wrap(mapping).address();
    this.root = writable ? MutableBuffer.foreign(address, length, this) : Buffer.foreign(address, length, this);
  }

  /** A zero-copy view of {@code nbytes} at file position {@code position} (a MutableBuffer for writable maps). */
  Buffer slice(long position, long nbytes) {
    return root.slice(position - fileOffset, nbytes);
  }

  /** Whether {@code [position, position + nbytes)} of the file lies inside this region. */
  boolean contains(long position, long nbytes) {
    return position >= fileOffset && position + nbytes <= fileOffset + length;
  }

  /** A bounds-checked ByteBuffer view of {@code nbytes} at file position {@code position}; used for copies. */
  ByteBuffer view(long position, int nbytes) {
    return mapping.slice((int) (position - fileOffset), nbytes);
  }

  void force() {
    mapping.force();
  }
}
