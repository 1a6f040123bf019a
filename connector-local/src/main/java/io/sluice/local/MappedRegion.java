package io.sluice.local;

import io.sluice.memory.Buffer;
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

  MappedRegion(long fileOffset, MappedByteBuffer mapping) {
    this.fileOffset = fileOffset;
    this.length = mapping.capacity();
    this.mapping = mapping;
    // Buffer.wrap reads the direct buffer's address without copying; the wrapper itself is not kept.
    this.address = length == 0 ? 0 : Buffer.wrap(mapping).address();
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
