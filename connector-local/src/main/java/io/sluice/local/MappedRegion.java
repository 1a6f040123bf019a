package io.sluice.local;

import io.sluice.memory.Buffer;
import io.sluice.memory.MutableBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@code mmap} of a range of a file, unmapped as soon as nobody uses it any more.
 *
 * <p>Its users are counted: the map that made it (until the map is closed or a resize retires the
 * window), each buffer handed out by {@link #export} (until that buffer is released, which for a
 * buffer with {@code ByteBuffer} views means closed <em>and</em> every view unreachable, see
 * {@link Buffer#slice(long, long, Runnable)}), and each copying read or write while it
 * runs. When the count drops to zero the region is unmapped at once ({@link Unmapper}); a buffer
 * that is never closed still releases its use when it is garbage collected. Nothing can touch the
 * region after the unmap: every user holds a use while it does, and a use cannot be taken back
 * once the count reached zero.
 */
final class MappedRegion {
  /** Where the region starts in the file. */
  final long fileOffset;
  final int length;
  /** Native address of the region's first byte. */
  final long address;
  private final Path path;
  private final MappedByteBuffer mapping;
  private final boolean writable;
  /** Users of the mapping; 0 means unmapped (or about to be) for good. */
  private final AtomicInteger users = new AtomicInteger(1);
  /**
   * The whole region as one foreign buffer whose base is this region; exports are slices of it
   * with a release of their own, so each keeps this region (and the mapping) reachable. Never
   * closed or handed out.
   */
  private final Buffer root;

  /** A region with one user: its creator, who must {@link #release()} it. */
  MappedRegion(Path path, long fileOffset, MappedByteBuffer mapping, boolean writable) {
    this.path = path;
    this.fileOffset = fileOffset;
    this.length = mapping.capacity();
    this.mapping = mapping;
    this.writable = writable;
    // Buffer.wrap reads the direct buffer's address without copying; the wrapper itself is not kept.
    this.address = length == 0 ? 0 : Buffer.wrap(mapping).address();
    this.root = length == 0 ? null
        : writable ? MutableBuffer.foreign(address, length, this) : Buffer.foreign(address, length, this);
  }

  /**
   * A zero-copy view of {@code nbytes} at file position {@code position} (a MutableBuffer for
   * writable maps) that holds a use of this region until it is released.
   *
   * @throws IOException when the region was already given up (its map was closed meanwhile)
   */
  Buffer export(long position, long nbytes, ExportCount exports) throws IOException {
    acquire();
    exports.opened();
    Runnable release = () -> {
      exports.closed();
      release();
    };
    return root.slice(position - fileOffset, nbytes, release);
  }

  /** Takes a use for a copying read or write; pair with {@link #release()}. */
  void acquire() throws IOException {
    int now;
    do {
      now = users.get();
      if (now == 0) {
        throw new IOException("I/O operation on closed file " + path);
      }
    } while (!users.compareAndSet(now, now + 1));
  }

  /** Gives one use back; the last one unmaps. */
  void release() {
    if (users.decrementAndGet() == 0) {
      Unmapper.unmap(mapping);
    }
  }

  /** Whether {@code [position, position + nbytes)} of the file lies inside this region. */
  boolean contains(long position, long nbytes) {
    return position >= fileOffset && position + nbytes <= fileOffset + length;
  }

  /** A bounds-checked ByteBuffer view of {@code nbytes} at file position {@code position}; only while holding a use. */
  ByteBuffer view(long position, int nbytes) {
    return mapping.slice((int) (position - fileOffset), nbytes);
  }

  /** Writes dirty pages back; only while holding a use. */
  void force() {
    mapping.force();
  }

  /** Buffers of one map that are not released yet, so a shrinking resize can refuse. */
  static final class ExportCount {
    private final AtomicInteger open = new AtomicInteger();

    void opened() {
      open.incrementAndGet();
    }

    void closed() {
      open.decrementAndGet();
    }

    int open() {
      return open.get();
    }
  }
}
