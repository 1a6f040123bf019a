package io.sluice.local;

import io.sluice.io.FileMode;
import io.sluice.io.NativeFile;
import io.sluice.io.Range;
import io.sluice.memory.Buffer;
import io.sluice.memory.MutableBuffer;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileChannel.MapMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * A local file mapped into memory (PyArrow's {@code MemoryMappedFile}): reads of a buffer are
 * zero-copy views of the mapping, and writes land in the file's pages.
 *
 * <h2>Modes</h2>
 * {@link #open(String, String)} with {@code "r"} (read only, {@link #mode()} {@code "rb"}),
 * {@code "r+"} (read and write, {@code "rb+"}) or {@code "w"} (write only, {@code "wb"}; reading
 * throws {@link UnsupportedOperationException}). The file must exist; {@code "w"} does not truncate
 * it. {@link #create(String, long)} makes a new file of a given size and maps it {@code "r+"}. Maps
 * are shared: two maps of the same file see each other's writes.
 *
 * <h2>Size and position</h2>
 * The map has a fixed size ({@link #size()}) until {@link #resize(long)}. Seeking past the end and
 * writing past the end throw {@link EOFException} with the position unchanged and nothing written.
 *
 * <h2>Zero-copy buffers and their lifetime</h2>
 * {@code readBuffer} and {@code readBufferAt} return views of the mapped pages (a {@link MutableBuffer}
 * in {@code "r+"} mode, whose writes go to the file), with no pool memory involved. They stay valid
 * after this file is closed, and even after the file is deleted, until they are closed. A mapped
 * region is unmapped as soon as this file is closed and every buffer read from it is closed and
 * no {@code ByteBuffer} view ({@code asByteBuffer()}) of such a buffer is reachable any more, so
 * opening, reading and closing maps in a loop does not pile up mappings until a garbage collection
 * (the kernel allows about 65,530 per process). A buffer that is never closed keeps its region
 * mapped until the garbage collector finds the region and everything read from it unreachable,
 * and keeps a shrinking {@link #resize} refused while this map is open (a buffer of a window a
 * growing resize retired stops counting once it and its region were garbage collected). Buffers returned by
 * {@link #readRanges} are slices that share one region's use: their region goes back when they
 * are garbage collected.
 *
 * <h2>When someone else truncates the file</h2>
 * Pages of a mapping past the file's new end cannot be read. Every read of this class
 * ({@code read}, {@code readAt}, {@code readInto}, {@code readBuffer}, {@code readBufferAt},
 * {@code readRanges}, {@code readLine}, the stream and channel views) and every write then throws
 * an {@link IOException} naming the file instead of crashing: copying reads use {@code pread}
 * (which returns fewer bytes instead of faulting), and {@code readBuffer} and writes check the
 * file's size before they touch the mapping. Writes trust a size seen within the last
 * millisecond; zero-copy reads ({@code readBuffer}, {@code readBufferAt}, {@code readRanges}) read
 * the clock only every 16th time (reading it per read cost a quarter of the read), so they trust a
 * size for a millisecond and at most 16 reads more, and always ask again when the range lies past
 * the size last seen. So a truncation not
 * seen yet (or racing the check) can still surface as the JVM's {@link InternalError} when the
 * pages are touched, never as a crash. A buffer obtained before the truncation
 * is plain memory to the JVM: its accessors ({@code getLong} ...) then throw the JVM's
 * {@link InternalError} ("a fault occurred in an unsafe memory access operation"), and a
 * {@code ByteBuffer} view of it handed to JDK intrinsics (CRC32 over a direct buffer) may crash the
 * JVM as any truncated {@link java.nio.MappedByteBuffer} does (the one exception API.md names).
 *
 * <h2>Files over 2 GiB</h2>
 * One Java mapping holds at most 2 GiB, so the file is mapped lazily in overlapping windows: window
 * {@code k} starts at {@code k} GiB and is 2 GiB - 1 long. Any range of up to 1 GiB therefore lies
 * wholly inside one window and is returned as a view of it, wherever it sits (across the 2 GiB or
 * 4 GiB points included). A longer range that fits no window gets its own mapping of exactly that
 * range; only a single buffer longer than 2 GiB - 1 (which one JDK 17 mapping cannot hold) is copied
 * into pool memory. Copying reads and writes walk the windows piece by piece.
 */
public final class MemoryMappedFile extends NativeFile {
  /** Distance between window starts; every range of at most this many bytes fits in one window. */
  static final long DEFAULT_WINDOW_STEP = 1L << 30;

  private final Path path;
  private final FileChannel channel;
  private final MapMode mapMode;
  private final long windowStep;
  private final long windowLength;
  /** Longest range given its own mapping; longer single buffers are copied (JDK 17 maps at most 2 GiB - 1). */
  private final long maxMappingLength;
  /**
   * Every region this map made that is still reachable, so a shrinking resize can count the
   * buffers read from them and not yet released ({@link MappedRegion#openExports}). Weak: a region
   * nothing references any more (its exports included) has none to count.
   */
  private final Set<MappedRegion> regions = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
  private volatile long size;
  /**
   * Lazily mapped windows for the current size, each holding one use of its region; resize and
   * close retire the table (give those uses back, so regions nobody else uses are unmapped).
   */
  private volatile MappedRegion[] windows;
  /** How long a file size seen by {@code fstat} is trusted by {@link #checkNotTruncated} (writes). */
  static final long SIZE_RECHECK_NANOS = 1_000_000;
  /**
   * Zero-copy views read the clock only every this many views ({@link #checkViewNotTruncated}): a
   * clock read per view cost a quarter of a whole readBuffer. A truncation is therefore noticed
   * once {@link #SIZE_RECHECK_NANOS} have passed, within this many more views.
   */
  static final int CLOCK_READ_EVERY_VIEWS = 16;
  /** The file's size when last checked (-1: never), and when (System.nanoTime); racy on purpose. */
  private volatile long checkedFileSize = -1;
  private volatile long checkedAt;
  /** Views handed out since the clock was last read; a plain field, racy on purpose (a lost count only delays a check). */
  private int viewsSinceClockRead;
  private long position;

  private MemoryMappedFile(Path path, String mode, FileChannel channel, long windowStep, long maxMappingLength)
      throws IOException {
    super(fileModeOf(mode));
    this.path = path;
    this.channel = channel;
    this.mapMode = mode.equals("rb") ? MapMode.READ_ONLY : MapMode.READ_WRITE;
    this.windowStep = windowStep;
    this.windowLength = Math.min(Integer.MAX_VALUE, 2 * windowStep - 1);
    this.maxMappingLength = maxMappingLength;
    this.size = channel.size();
    this.windows = newWindowTable(size);
  }

  /**
   * Maps an existing file: {@code "r"}, {@code "r+"} or {@code "w"} (also spelled {@code "rb"},
   * {@code "rb+"}/{@code "r+b"}, {@code "wb"}).
   *
   * @throws IllegalArgumentException for another mode
   * @throws java.nio.file.NoSuchFileException when the file does not exist
   */
  public static MemoryMappedFile open(String path, String mode) throws IOException {
    return open(path, mode, DEFAULT_WINDOW_STEP, Integer.MAX_VALUE);
  }

  /** {@link #open(String, String)} with another window step: lets tests cross window boundaries in small files. */
  static MemoryMappedFile open(String path, String mode, long windowStep) throws IOException {
    return open(path, mode, windowStep, Integer.MAX_VALUE);
  }

  /** ... and a smaller limit for one mapping, so tests reach the copying case without 2 GiB buffers. */
  static MemoryMappedFile open(String path, String mode, long windowStep, long maxMappingLength) throws IOException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(mode, "mode");
    String canonical = canonicalMode(mode);
    Path file = Path.of(path);
    if (Files.isDirectory(file)) {
      throw new IOException("cannot memory-map " + path + ": it is a directory");
    }
    FileChannel channel = canonical.equals("rb")
        ? FileChannel.open(file, StandardOpenOption.READ)
        : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      return new MemoryMappedFile(file, canonical, channel, windowStep, maxMappingLength);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Creates (or truncates) {@code path} as a file of {@code size} zero bytes and maps it read-write
   * ({@code "rb+"}). The file is sparse where the file system allows. When the file system cannot
   * hold {@code size} bytes, or anything else fails, nothing is left behind: a file this call
   * created is deleted, and an existing file keeps its content (its size is tried before it is
   * truncated).
   *
   * @throws IllegalArgumentException for a negative size
   * @throws IOException naming the path and the size when the file cannot be made that large
   */
  public static MemoryMappedFile create(String path, long size) throws IOException {
    Objects.requireNonNull(path, "path");
    if (size < 0) {
      throw new IllegalArgumentException("memory map size must not be negative: " + size);
    }
    Path file = Path.of(path);
    boolean created = true;
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
          StandardOpenOption.CREATE_NEW);
    } catch (FileAlreadyExistsException e) {
      created = false;
      channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
    try {
      if (!created && size > channel.size()) {
        // Try the size past the current end first: a file system that cannot hold it fails here,
        // before the existing content is truncated away.
        growTo(channel, size);
      }
      channel.truncate(0);
      growTo(channel, size);
      return new MemoryMappedFile(file, "rb+", channel, DEFAULT_WINDOW_STEP, Integer.MAX_VALUE);
    } catch (IOException | RuntimeException e) {
      channel.close();
      if (created) {
        Files.deleteIfExists(file);
      }
      if (e instanceof IOException) {
        throw new IOException("cannot create a memory map of " + size + " bytes at " + path + ": " + e.getMessage(), e);
      }
      throw e;
    }
  }

  /** The mode of a canonical mode string ({@link #canonicalMode}). */
  private static FileMode fileModeOf(String canonicalMode) {
    return switch (canonicalMode) {
      case "rb" -> FileMode.READ;
      case "rb+" -> FileMode.READ_WRITE;
      default -> FileMode.WRITE;
    };
  }

  static String canonicalMode(String mode) {
    switch (mode.toLowerCase(Locale.ROOT)) {
      case "r", "rb":
        return "rb";
      case "r+", "rb+", "r+b":
        return "rb+";
      case "w", "wb":
        return "wb";
      default:
        throw new IllegalArgumentException("unknown memory map mode '" + mode + "'; use r, r+ or w");
    }
  }

  private static void setLength(FileChannel channel, long newSize) throws IOException {
    if (newSize < channel.size()) {
      channel.truncate(newSize);
    } else {
      growTo(channel, newSize);
    }
  }

  /** Grows the file to {@code newSize} if it is shorter. */
  private static void growTo(FileChannel channel, long newSize) throws IOException {
    if (newSize > channel.size()) {
      // One zero byte at the new last position grows the file; everything before it stays a hole.
      ByteBuffer zero = ByteBuffer.allocate(1);
      while (zero.hasRemaining()) {
        channel.write(zero, newSize - 1);
      }
    }
  }

  private MappedRegion[] newWindowTable(long fileSize) {
    return new MappedRegion[(int) Math.max(1, (fileSize + windowStep - 1) / windowStep)];
  }

  // ---------------------------------------------------------------- identity

  public Path path() {
    return path;
  }

  // ---------------------------------------------------------------- resize

  /**
   * Changes the file's size to {@code newSize} and remaps it; new bytes are zero. A position past
   * the new end moves to the end. Buffers read before stay valid: growing never disturbs them, and
   * shrinking is refused while any of them is still open and reachable (or closed with a
   * {@code ByteBuffer} view still reachable).
   *
   * @throws UnsupportedOperationException on a read-only map
   * @throws IllegalArgumentException for a negative size
   * @throws IllegalStateException when shrinking while read buffers are still in use
   */
  public synchronized void resize(long newSize) throws IOException {
    checkOpen();
    if (!writable()) {
      throw new UnsupportedOperationException("cannot resize a memory map opened in mode '" + mode() + "'");
    }
    if (newSize < 0) {
      throw new IllegalArgumentException("memory map size must not be negative: " + newSize);
    }
    if (newSize < size) {
      int live = 0;
      synchronized (regions) {
        for (MappedRegion region : regions) {
          live += region.openExports();
        }
      }
      if (live > 0) {
        throw new IllegalStateException("cannot shrink memory map of " + path + " from " + size + " to " + newSize
            + " bytes while " + live + " buffer(s) read from it are still open");
      }
    }
    setLength(channel, newSize);
    MappedRegion[] old = windows;
    windows = newWindowTable(newSize);
    size = newSize;
    retire(old);
    position = Math.min(position, newSize);
  }

  /** Gives back the uses a window table holds; regions nobody else uses are unmapped now. */
  private static void retire(MappedRegion[] table) {
    synchronized (table) {
      for (int i = 0; i < table.length; i++) {
        if (table[i] != null) {
          table[i].release();
          table[i] = null;
        }
      }
    }
  }

  // ---------------------------------------------------------------- mapping

  /**
   * The window holding every range of at most {@link #windowStep} bytes that starts at
   * {@code position}, with a use taken for the caller, who must {@link MappedRegion#release()} it.
   */
  private MappedRegion acquireWindow(long position) throws IOException {
    return acquireWindow(position, MappedRegion.USE);
  }

  /** As {@link #acquireWindow(long)}, taking a use of kind {@code use} ({@link MappedRegion#EXPORT} for a view). */
  private MappedRegion acquireWindow(long position, long use) throws IOException {
    while (true) {
      MappedRegion[] table = windows;
      if (table == null) {
        throw new IOException("I/O operation on closed file " + path);
      }
      int index = (int) (position / windowStep);
      if (index >= table.length) {
        throw new EOFException("position " + position + " is past the end of the memory map of " + path
            + " (size " + size + ")");
      }
      MappedRegion window = table[index];
      if (window == null) {
        synchronized (table) {
          if (windows != table) {
            continue; // closed or resized meanwhile: look again
          }
          window = table[index];
          if (window == null) {
            long start = index * windowStep;
            long length = Math.min(windowLength, size - start);
            window = newRegion(start, length, MappedRegion.USE); // the table's use
            table[index] = window;
          }
        }
      }
      try {
        window.acquire(use);
        return window;
      } catch (IOException retired) {
        if (windows == null) {
          throw retired;
        }
        // A resize retired this window after we found it: look again in the new table.
      }
    }
  }

  /** Maps {@code [start, start + length)} as a new region holding {@code creatorsUse}, counted in {@link #regions}. */
  private MappedRegion newRegion(long start, long length, long creatorsUse) throws IOException {
    MappedRegion region = new MappedRegion(path, start, map(start, length), mapMode == MapMode.READ_WRITE, creatorsUse);
    regions.add(region);
    return region;
  }

  /** Maps a range; a close racing this call is reported as the contract's closed-file IOException. */
  private java.nio.MappedByteBuffer map(long start, long length) throws IOException {
    try {
      return channel.map(mapMode, start, length);
    } catch (ClosedChannelException e) {
      throw new IOException("I/O operation on closed file " + path, e);
    }
  }

  /** The IOException for a read or write past the file's real end: it shrank under the map. */
  private IOException truncated(String what, long at, long nbytes) {
    return new IOException(what + " of " + nbytes + " bytes at " + at + " of the memory map of " + path
        + " failed: the file is shorter than the map (truncated by someone else?)");
  }

  // ---------------------------------------------------------------- hooks

  @Override
  protected int readImpl(ByteBuffer dst) throws IOException {
    int n = readAtImpl(position, dst);
    if (n > 0) {
      position += n;
    }
    return n;
  }

  /**
   * Copying reads go through {@code pread}, not through the mapping: a bulk copy from a mapping
   * whose file was truncated faults, and the JVM reports that fault late (an {@link InternalError}
   * thrown at some later point of the thread, possibly in the caller's code), so it cannot be
   * turned into an IOException here. {@code pread} of a shorter file simply returns fewer bytes.
   */
  @Override
  protected int readAtImpl(long at, ByteBuffer dst) throws IOException {
    long available = size - at;
    if (available <= 0) {
      return dst.hasRemaining() ? -1 : 0;
    }
    int total = (int) Math.min(dst.remaining(), available);
    ByteBuffer target = dst.duplicate().limit(dst.position() + total);
    try {
      while (target.hasRemaining()) {
        if (channel.read(target, at + target.position() - dst.position()) < 0) {
          throw truncated("read", at, total);
        }
      }
    } catch (ClosedChannelException e) {
      throw new IOException("I/O operation on closed file " + path, e);
    }
    dst.position(dst.position() + total);
    return total;
  }

  /**
   * Throws when the file no longer holds {@code [at, at + nbytes)}, before the mapping is touched
   * there. {@code fstat} costs several times a whole zero-copy {@code readBuffer}, so a size seen
   * less than {@link #SIZE_RECHECK_NANOS} ago that covers the range is trusted: a truncation in
   * that window (or racing the check) is noticed only by the next check, and touching the pages
   * then gives the JVM's InternalError, never a crash.
   */
  private void checkNotTruncated(String what, long at, long nbytes) throws IOException {
    long now = System.nanoTime();
    long known = checkedFileSize;
    if (known < at + nbytes || now - checkedAt > SIZE_RECHECK_NANOS) {
      known = checkFileSize(now);
    }
    if (known < at + nbytes) {
      throw truncated(what, at, nbytes);
    }
  }

  /**
   * {@link #checkNotTruncated} for zero-copy views, which do not touch the mapping themselves: the
   * clock is read every {@link #CLOCK_READ_EVERY_VIEWS} views rather than per view, so a size seen
   * by {@code fstat} is trusted for {@link #SIZE_RECHECK_NANOS} and at most that many views more.
   * A view of pages a truncation (not seen yet) removed is still safe: its accessors raise the
   * JVM's InternalError when they touch those pages, never a crash; the check turns the common
   * case (the truncation happened before this read and was seen) into an IOException naming the
   * file, and bounds how long after a truncation views of lost pages are still handed out.
   */
  private void checkViewNotTruncated(long at, long nbytes) throws IOException {
    long known = checkedFileSize;
    if (known < at + nbytes) {
      known = checkFileSize(System.nanoTime());
    } else if (++viewsSinceClockRead >= CLOCK_READ_EVERY_VIEWS) {
      viewsSinceClockRead = 0;
      long now = System.nanoTime();
      if (now - checkedAt > SIZE_RECHECK_NANOS) {
        known = checkFileSize(now);
      }
    }
    if (known < at + nbytes) {
      throw truncated("readBuffer", at, nbytes);
    }
  }

  /** The file's size now ({@code fstat}), remembered with the time {@code now} it was asked at. */
  private long checkFileSize(long now) throws IOException {
    long known;
    try {
      known = channel.size();
    } catch (ClosedChannelException e) {
      throw new IOException("I/O operation on closed file " + path, e);
    }
    checkedAt = now;
    checkedFileSize = known;
    return known;
  }

  /**
   * A zero-copy view of the mapping (see the class comment for ranges over 2 GiB) that holds a
   * use of its region until it is released.
   */
  @Override
  protected Buffer readBufferAtImpl(long at, long nbytes) throws IOException {
    if (nbytes == 0) {
      return Buffer.wrap(new byte[0]);
    }
    Buffer view = mappedView(at, nbytes, false);
    return view != null ? view : copyToPool(at, nbytes);
  }

  /**
   * Coalesced reads for {@link #readRanges}: zero-copy slices, which the caller's ranges are cut
   * from. Their regions go back when the slices are garbage collected.
   */
  @Override
  protected List<Buffer> readCoalescedImpl(List<Range> ranges) throws IOException {
    List<Buffer> reads = new ArrayList<>(ranges.size());
    for (Range range : ranges) {
      Buffer view = range.length() == 0 ? null : mappedView(range.offset(), range.length(), true);
      reads.add(view != null ? view.slice(0, view.size()) : readBufferAtImpl(range.offset(), range.length()));
    }
    return reads;
  }

  /**
   * A view of {@code [at, at + nbytes)} (nbytes > 0), or null when no single mapping may hold it.
   * {@code releasedWhenCollected}: for views the caller never gets to close (readRanges cuts its
   * buffers from them), see {@link MappedRegion#export}.
   */
  private Buffer mappedView(long at, long nbytes, boolean releasedWhenCollected) throws IOException {
    // A view of pages past the file's real end would fault in the caller's hands: refuse it now.
    checkViewNotTruncated(at, nbytes);
    // An EXPORT use (one atomic update), which the view takes over: no second update per view.
    MappedRegion region = nbytes <= windowStep ? acquireWindow(at, MappedRegion.EXPORT) : null;
    if (region != null && !region.contains(at, nbytes)) {
      region.release(MappedRegion.EXPORT);
      region = null;
    }
    if (region == null && nbytes <= maxMappingLength) {
      region = newRegion(at, nbytes, MappedRegion.EXPORT);
    }
    if (region == null) {
      return null;
    }
    return region.export(at, nbytes, releasedWhenCollected); // the export takes over our use
  }

  /** The one case that copies: a single buffer larger than one JDK 17 mapping can be. */
  private Buffer copyToPool(long at, long nbytes) throws IOException {
    MutableBuffer buffer = memoryPool().allocate(nbytes);
    try {
      for (ByteBuffer chunk : buffer.asByteBuffers()) {
        long chunkAt = at;
        at += chunk.remaining();
        while (chunk.hasRemaining()) {
          readAtImpl(chunkAt + chunk.position(), chunk);
        }
      }
      return buffer;
    } catch (IOException | RuntimeException e) {
      buffer.close();
      throw e;
    }
  }

  @Override
  protected void writeImpl(ByteBuffer src) throws IOException {
    int total = src.remaining();
    if (total > size - position) {
      throw new EOFException("write of " + total + " bytes at position " + position
          + " goes past the end of the memory map of " + path + " (size " + size + ")");
    }
    // Writing into pages past the file's real end would fault (late, see readAtImpl): check first.
    // A truncation racing this write can still surface as the JVM's InternalError.
    checkNotTruncated("write", position, total);
    int done = 0;
    while (done < total) {
      int chunk = (int) Math.min(total - done, windowStep);
      ByteBuffer piece = src.slice(src.position(), chunk);
      MappedRegion window = acquireWindow(position + done);
      try {
        window.view(position + done, chunk).put(piece);
      } finally {
        window.release();
      }
      src.position(src.position() + chunk);
      done += chunk;
    }
    position += total;
  }

  @Override
  protected long tellImpl() {
    return position;
  }

  @Override
  protected void seekImpl(long newPosition) throws IOException {
    if (newPosition > size) {
      throw new EOFException("cannot seek to " + newPosition + " past the end of the memory map of " + path
          + " (size " + size + ")");
    }
    position = newPosition;
  }

  @Override
  protected long sizeImpl() {
    return size;
  }

  /** Writes dirty pages of a writable map back to the file ({@code msync}). */
  @Override
  protected void flushImpl() {
    MappedRegion[] table = windows;
    if (table != null && mapMode == MapMode.READ_WRITE) {
      for (int i = 0; i < table.length; i++) {
        MappedRegion window = table[i];
        if (window != null) {
          try {
            window.acquire();
          } catch (IOException retired) {
            continue; // closed or resized meanwhile; retiring does not lose written pages
          }
          try {
            window.force();
          } finally {
            window.release();
          }
        }
      }
    }
  }

  @Override
  protected void closeImpl() throws IOException {
    // Regions no buffer uses are unmapped now; the others when their last buffer is released.
    MappedRegion[] table = windows;
    windows = null;
    if (table != null) {
      retire(table);
    }
    channel.close();
  }

  @Override
  public String toString() {
    return "MemoryMappedFile(" + path + ", " + mode() + ", size " + size + (isClosed() ? ", closed" : "") + ")";
  }
}
