package io.sluice.local;

import io.sluice.io.NativeFile;
import io.sluice.memory.Buffer;
import io.sluice.memory.MutableBuffer;
import java.io.EOFException;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileChannel.MapMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

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
 * after this file is closed, and even after the file is deleted. A mapping is unmapped once neither
 * this file nor any buffer viewing it is reachable: the JDK frees {@link java.nio.MappedByteBuffer}s
 * when they are garbage collected, and closing a buffer does not unmap early (that would turn a
 * forgotten {@code ByteBuffer} view into a crash).
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
  private final String mode;
  private final FileChannel channel;
  private final MapMode mapMode;
  private final long windowStep;
  private final long windowLength;
  /** Longest range given its own mapping; longer single buffers are copied (JDK 17 maps at most 2 GiB - 1). */
  private final long maxMappingLength;
  /** Root buffers handed out, to know whether a shrinking resize would pull pages from under them. */
  private final List<WeakReference<Buffer>> exported = new ArrayList<>();
  private int pruneAt = 64;
  private volatile long size;
  /** Lazily mapped windows for the current size; replaced (not unmapped) by resize, dropped by close. */
  private volatile MappedRegion[] windows;
  private long position;

  private MemoryMappedFile(Path path, String mode, FileChannel channel, long windowStep, long maxMappingLength)
      throws IOException {
    this.path = path;
    this.mode = mode;
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
   * ({@code "rb+"}). The file is sparse where the file system allows.
   *
   * @throws IllegalArgumentException for a negative size
   */
  public static MemoryMappedFile create(String path, long size) throws IOException {
    Objects.requireNonNull(path, "path");
    if (size < 0) {
      throw new IllegalArgumentException("memory map size must not be negative: " + size);
    }
    Path file = Path.of(path);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    try {
      setLength(channel, size);
      return new MemoryMappedFile(file, "rb+", channel, DEFAULT_WINDOW_STEP, Integer.MAX_VALUE);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
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
    long current = channel.size();
    if (newSize < current) {
      channel.truncate(newSize);
    } else if (newSize > current) {
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

  @Override
  public String mode() {
    return mode;
  }

  @Override
  public boolean readable() {
    return !mode.equals("wb");
  }

  @Override
  public boolean writable() {
    return !mode.equals("rb");
  }

  @Override
  public boolean seekable() {
    return true;
  }

  // ---------------------------------------------------------------- resize

  /**
   * Changes the file's size to {@code newSize} and remaps it; new bytes are zero. A position past
   * the new end moves to the end. Buffers read before stay valid: growing never disturbs them, and
   * shrinking is refused while any of them is still open and reachable.
   *
   * @throws UnsupportedOperationException on a read-only map
   * @throws IllegalArgumentException for a negative size
   * @throws IllegalStateException when shrinking while read buffers are still in use
   */
  public synchronized void resize(long newSize) throws IOException {
    checkOpen();
    if (!writable()) {
      throw new UnsupportedOperationException("cannot resize a memory map opened in mode '" + mode + "'");
    }
    if (newSize < 0) {
      throw new IllegalArgumentException("memory map size must not be negative: " + newSize);
    }
    if (newSize < size) {
      int live = liveExports();
      if (live > 0) {
        throw new IllegalStateException("cannot shrink memory map of " + path + " from " + size + " to " + newSize
            + " bytes while " + live + " buffer(s) read from it are still open");
      }
    }
    setLength(channel, newSize);
    windows = newWindowTable(newSize);
    size = newSize;
    position = Math.min(position, newSize);
  }

  /** Exported buffers neither closed nor collected. */
  private int liveExports() {
    synchronized (exported) {
      int live = 0;
      for (Iterator<WeakReference<Buffer>> it = exported.iterator(); it.hasNext(); ) {
        Buffer buffer = it.next().get();
        if (buffer == null || buffer.isReleased()) {
          it.remove();
        } else {
          live++;
        }
      }
      return live;
    }
  }

  private void track(Buffer buffer) {
    synchronized (exported) {
      // Prune dead entries when the list doubles past what was live last time: amortised O(1) per read.
      if (exported.size() >= pruneAt) {
        exported.removeIf(ref -> ref.get() == null || ref.get().isReleased());
        pruneAt = Math.max(64, 2 * exported.size());
      }
      exported.add(new WeakReference<>(buffer));
    }
  }

  // ---------------------------------------------------------------- mapping

  /** The window holding every range of at most {@link #windowStep} bytes that starts at {@code position}. */
  private MappedRegion windowFor(long position) throws IOException {
    MappedRegion[] table = windows;
    if (table == null) {
      throw new IOException("I/O operation on closed file " + path);
    }
    int index = (int) (position / windowStep);
    MappedRegion window = table[index];
    if (window == null) {
      synchronized (table) {
        window = table[index];
        if (window == null) {
          long start = index * windowStep;
          long length = Math.min(windowLength, size - start);
          window = new MappedRegion(start, channel.map(mapMode, start, length), mapMode == MapMode.READ_WRITE);
          table[index] = window;
        }
      }
    }
    return window;
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

  @Override
  protected int readAtImpl(long at, ByteBuffer dst) throws IOException {
    long available = size - at;
    if (available <= 0) {
      return dst.hasRemaining() ? -1 : 0;
    }
    int total = (int) Math.min(dst.remaining(), available);
    int done = 0;
    while (done < total) {
      int chunk = (int) Math.min(total - done, windowStep);
      dst.put(windowFor(at + done).view(at + done, chunk));
      done += chunk;
    }
    return total;
  }

  /** A zero-copy view of the mapping (see the class comment for ranges over 2 GiB). */
  @Override
  protected Buffer readBufferAtImpl(long at, long nbytes) throws IOException {
    if (nbytes == 0) {
      return Buffer.wrap(new byte[0]);
    }
    MappedRegion region = nbytes <= windowStep ? windowFor(at) : null;
    if (region == null || !region.contains(at, nbytes)) {
      region = nbytes <= maxMappingLength ? new MappedRegion(at, channel.map(mapMode, at, nbytes), mapMode == MapMode.READ_WRITE) : null;
    }
    if (region == null) {
      return copyToPool(at, nbytes);
    }
    Buffer view = region.slice(at, nbytes);
    track(view);
    return view;
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
    int done = 0;
    while (done < total) {
      int chunk = (int) Math.min(total - done, windowStep);
      ByteBuffer piece = src.slice(src.position(), chunk);
      windowFor(position + done).view(position + done, chunk).put(piece);
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
      for (MappedRegion window : table) {
        if (window != null) {
          window.force();
        }
      }
    }
  }

  @Override
  protected void closeImpl() throws IOException {
    // Dropping the windows lets the GC unmap them once no exported buffer references them.
    windows = null;
    channel.close();
  }

  @Override
  public String toString() {
    return "MemoryMappedFile(" + path + ", " + mode + ", size " + size + (isClosed() ? ", closed" : "") + ")";
  }
}
