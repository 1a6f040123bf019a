package io.sluice.local;

import io.sluice.memory.Buffer;
import io.sluice.memory.MutableBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One {@code mmap} of a range of a file, unmapped as soon as nobody uses it any more.
 *
 * <p>Its users are counted: the map that made it (until the map is closed or a resize retires the
 * window), each buffer handed out by {@link #export} (until that buffer is released, which for a
 * buffer with {@code ByteBuffer} views means closed <em>and</em> every view unreachable, see
 * {@link Buffer#closableSlice}), and each copying read or write while it runs. When the count
 * drops to zero the region is unmapped at once ({@link Unmapper}). Nothing can touch the region
 * after the unmap: every user holds a use while it does, and a use cannot be taken back once the
 * count reached zero.
 *
 * <p>Exports are not registered with the cleaner one by one (that cost more than the whole
 * zero-copy read): a buffer that is never closed keeps its use, and the region is then unmapped
 * when its root buffer, which every export and every view of one keeps reachable, is garbage
 * collected (after the map dropped the region). Whichever comes first unmaps, once.
 */
final class MappedRegion {
  /** Where the region starts in the file. */
  final long fileOffset;
  final int length;
  /** Native address of the region's first byte. */
  final long address;
  private final Path path;
  private final MappedByteBuffer mapping;
  /** Unmaps once: on the last use, or when the root was collected with everything cut from it. */
  private final UnmapOnce unmap;
  /** A use for a copying read or write, or the map's own use: counted in the low 32 bits only. */
  static final long USE = 1;
  /** A use held by an exported buffer: counted in the low 32 bits and, separately, in the high 32. */
  static final long EXPORT = (1L << 32) | 1;
  /**
   * Uses of the mapping (low 32 bits; 0 means unmapped, or about to be, for good) and, in the high
   * 32 bits, how many of them are exported buffers: one atomic word, so an export costs one update
   * to take and one to give back.
   */
  private final AtomicLong uses;
  /**
   * The whole region as one foreign buffer that unmaps when garbage collected; exports are slices
   * of it with a release of their own, so each keeps it (and the mapping) reachable. Never closed
   * or handed out; it must not reference this region (the cleaner holds its release action).
   */
  private final Buffer root;
  /** What an export's release does; one per region, not one per export. */
  private final Runnable exportRelease = () -> release(EXPORT);

  /**
   * A region with one use ({@link #USE} or {@link #EXPORT}) for its creator, who must
   * {@link #release} it or hand it to {@link #export}.
   */
  MappedRegion(Path path, long fileOffset, MappedByteBuffer mapping, boolean writable, long creatorsUse) {
    this.path = path;
    this.fileOffset = fileOffset;
    this.length = mapping.capacity();
    this.mapping = mapping;
    this.unmap = new UnmapOnce(mapping);
    this.uses = new AtomicLong(creatorsUse);
    // Buffer.wrap reads the direct buffer's address without copying; the wrapper itself is not kept.
    this.address = length == 0 ? 0 : Buffer.wrap(mapping).address();
    this.root = length == 0 ? null
        : writable ? MutableBuffer.foreign(address, length, mapping, unmap) : Buffer.foreign(address, length, mapping, unmap);
  }

  /**
   * A zero-copy view of {@code nbytes} at file position {@code position} (a MutableBuffer for
   * writable maps) that takes over an {@link #EXPORT} use the caller holds (from
   * {@link #acquire(long)} or the constructor) and gives it back when it is released; if this
   * throws, the use is given back here. With {@code releasedWhenCollected} the use also goes back
   * when the view is garbage collected without a close (a cleaner registration per view: for views
   * whose callers never see them to close them); without it, a view that is never closed keeps its
   * use until the region's root is collected.
   */
  Buffer export(long position, long nbytes, boolean releasedWhenCollected) {
    long at = position - fileOffset;
    try {
      return releasedWhenCollected ? root.slice(at, nbytes, exportRelease) : root.closableSlice(at, nbytes, exportRelease);
    } catch (RuntimeException | Error e) {
      release(EXPORT);
      throw e;
    }
  }

  /** Takes a use for a copying read or write; pair with {@link #release()}. */
  void acquire() throws IOException {
    acquire(USE);
  }

  /** Takes a use of kind {@code use} ({@link #USE} or {@link #EXPORT}); pair with {@link #release(long)}. */
  void acquire(long use) throws IOException {
    long now;
    do {
      now = uses.get();
      if ((int) now == 0) {
        throw new IOException("I/O operation on closed file " + path);
      }
    } while (!uses.compareAndSet(now, now + use));
  }

  /** Gives one {@link #USE} back; the last use unmaps. */
  void release() {
    release(USE);
  }

  /** Gives one use of kind {@code use} back; the last use unmaps. */
  void release(long use) {
    if ((int) uses.addAndGet(-use) == 0) {
      unmap.run();
    }
  }

  /** Exported buffers holding a use of this region now (not released yet). */
  int openExports() {
    return (int) (uses.get() >>> 32);
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

  /** Unmaps a mapping exactly once, whoever asks first. */
  private static final class UnmapOnce extends AtomicBoolean implements Runnable {
    private final transient MappedByteBuffer mapping;

    UnmapOnce(MappedByteBuffer mapping) {
      this.mapping = mapping;
    }

    @Override
    public void run() {
      if (compareAndSet(false, true)) {
        Unmapper.unmap(mapping);
      }
    }
  }
}
