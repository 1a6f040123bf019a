package io.sluice.local;

import io.sluice.io.FileMode;
import io.sluice.io.NativeFile;
import io.sluice.memory.Buffer;
import io.sluice.memory.MutableBuffer;
import io.sluice.memory.ScopedByteBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A local file read or written through the operating system (PyArrow's {@code OSFile}).
 *
 * <h2>Modes</h2>
 * <ul>
 *   <li>{@code "r"}/{@code "rb"}: read, seekable; the file must exist
 *       ({@link java.nio.file.NoSuchFileException} otherwise).</li>
 *   <li>{@code "w"}/{@code "wb"}: write, seekable; creates the file (umask permissions) or truncates it.</li>
 *   <li>{@code "a"}/{@code "ab"}: append, not seekable; creates the file if missing; every write goes to the end.</li>
 * </ul>
 * {@link #mode()} reports the binary spelling ({@code "rb"}, {@code "wb"}, {@code "ab"}).
 *
 * <h2>Reading</h2>
 * Reads go through a {@link FileChannel} straight into the destination: the caller's direct
 * {@link ByteBuffer} or {@code MutableBuffer}, or pool memory for {@code readBuffer}. Reads into
 * heap arrays go through a reused page-aligned staging buffer (the JDK's own bounce buffer is
 * misaligned, which slows the kernel's copy). Positional reads ({@code readAt}, {@code readBufferAt},
 * {@code readRanges}) are {@code pread}s: thread-safe and leaving the position alone. Seeking past
 * the end is allowed; reads there return nothing, and a write there leaves a hole of zeros.
 */
public class OSFile extends NativeFile {
  private final Path path;
  /** {@code readBuffer(n)} and {@code readBufferAt(.., n)} up to this size read straight into a new pool buffer (see {@link #readIntoNewBuffer}). */
  static final long SMALL_BUFFER_READ = StagingBuffers.SIZE;

  private final FileChannel channel;
  /** Sluice's permission for scoped views of pool buffers during one read (see {@link #readIntoNewBuffer}). */
  private static final ScopedByteBuffer.Access SCOPES = ScopedByteBuffer.access();

  /**
   * Opens {@code path} in {@code mode} ({@code r, rb, w, wb, a, ab}).
   *
   * @throws IllegalArgumentException for any other mode
   * @throws java.nio.file.NoSuchFileException when reading a missing file (or writing into a missing directory)
   * @throws IOException when the path is a directory or cannot be opened
   */
  public OSFile(String path, String mode) throws IOException {
    this(Path.of(Objects.requireNonNull(path, "path")), mode);
  }

  /** Like {@link #OSFile(String, String)} for a {@link Path}. */
  public OSFile(Path path, String mode) throws IOException {
    super(parseMode(mode));
    this.path = Objects.requireNonNull(path, "path");
    if (Files.isDirectory(path)) {
      throw new IOException("cannot open " + path + " as a file: it is a directory");
    }
    this.channel = FileChannel.open(path, openOptions(fileMode()));
  }

  /**
   * Over a channel already opened (by a confined directory handle or an atomic output) for
   * {@code mode}; {@code path} is what {@link #path()} reports. The file owns the channel.
   */
  OSFile(Path path, String mode, FileChannel channel) {
    super(parseMode(mode));
    this.path = Objects.requireNonNull(path, "path");
    this.channel = Objects.requireNonNull(channel, "channel");
  }

  /** {@code r}/{@code rb} read (seekable), {@code w}/{@code wb} write (seekable), {@code a}/{@code ab} append. */
  static FileMode parseMode(String mode) {
    Objects.requireNonNull(mode, "mode");
    switch (mode.toLowerCase(Locale.ROOT)) {
      case "r", "rb":
        return FileMode.READ;
      case "w", "wb":
        return FileMode.WRITE;
      case "a", "ab":
        return FileMode.APPEND;
      default:
        throw new IllegalArgumentException("unknown OSFile mode '" + mode + "'; use r, rb, w, wb, a or ab");
    }
  }

  private static Set<OpenOption> openOptions(FileMode mode) {
    switch (mode) {
      case READ:
        return Set.of(StandardOpenOption.READ);
      case WRITE:
        return Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
      default:
        return Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
  }

  /** The file's path. */
  public Path path() {
    return path;
  }

  // ---------------------------------------------------------------- hooks

  @Override
  protected int readImpl(ByteBuffer dst) throws IOException {
    try {
      if (dst.isDirect()) {
        return channel.read(dst);
      }
      ByteBuffer staging = StagingBuffers.take();
      try {
        staging.limit(Math.min(dst.remaining(), staging.capacity()));
        return moveInto(dst, staging, channel.read(staging));
      } finally {
        StagingBuffers.give(staging);
      }
    } catch (ClosedChannelException e) {
      throw closedUnderUs(e);
    }
  }

  /** A {@code pread}; reads into heap memory go through an aligned staging buffer (see {@link StagingBuffers}). */
  @Override
  protected int readAtImpl(long position, ByteBuffer dst) throws IOException {
    try {
      if (dst.isDirect()) {
        return channel.read(dst, position);
      }
      ByteBuffer staging = StagingBuffers.take();
      try {
        staging.limit(Math.min(dst.remaining(), staging.capacity()));
        return moveInto(dst, staging, channel.read(staging, position));
      } finally {
        StagingBuffers.give(staging);
      }
    } catch (ClosedChannelException e) {
      throw closedUnderUs(e);
    }
  }

  /** Copies the {@code n} bytes a read put into {@code staging} on to {@code dst}; returns {@code n}. */
  private static int moveInto(ByteBuffer dst, ByteBuffer staging, int n) {
    if (n > 0) {
      dst.put(staging.flip());
    }
    return n;
  }

  /**
   * Same contract as {@link NativeFile#readAt(long, int)}, without asking the file's size first
   * when {@code nbytes} fits one staging buffer: the {@code pread}s say where the file ends (a
   * short read is the end, as it is for the general path when the file shrinks during the read),
   * and the array is allocated at the size actually read, so nothing is copied twice. Larger
   * requests take the general path, which clamps to the file's size before allocating the array.
   */
  @Override
  public byte[] readAt(long offset, int nbytes) throws IOException {
    if (nbytes > StagingBuffers.SIZE) {
      return super.readAt(offset, nbytes);
    }
    checkReadable();
    requireNotNegative(offset, "offset");
    requireNotNegative(nbytes, "nbytes");
    ByteBuffer staging = StagingBuffers.take();
    try {
      staging.limit(nbytes);
      while (staging.hasRemaining()) {
        int n = channel.read(staging, offset + staging.position());
        if (n < 0) {
          break;
        }
        if (n == 0) {
          throw new IOException("OSFile read 0 bytes into a non-empty buffer (not EOF) at offset "
              + (offset + staging.position()) + " of " + path);
        }
      }
      byte[] bytes = new byte[staging.position()];
      staging.flip().get(bytes);
      return bytes;
    } catch (ClosedChannelException e) {
      throw closedUnderUs(e);
    } finally {
      StagingBuffers.give(staging);
    }
  }

  /**
   * Sequential buffer read. Up to {@link #SMALL_BUFFER_READ} bytes are read with {@code read}
   * calls, which advance the file position themselves: one system call for a full chunk, instead
   * of asking the position, the size, reading and setting the position (four). See
   * {@link #readIntoNewBuffer} for where the bytes go. Larger requests take the general path,
   * which clamps to the file's size before allocating.
   */
  @Override
  protected Buffer readBufferImpl(long nbytes) throws IOException {
    if (nbytes > SMALL_BUFFER_READ) {
      return super.readBufferImpl(nbytes);
    }
    return readIntoNewBuffer(-1, (int) nbytes);
  }

  /** Positional buffer read; up to {@link #SMALL_BUFFER_READ} bytes through {@link #readIntoNewBuffer}. */
  @Override
  protected Buffer readBufferAtImpl(long position, long nbytes) throws IOException {
    if (nbytes > SMALL_BUFFER_READ) {
      return super.readBufferAtImpl(position, nbytes);
    }
    return readIntoNewBuffer(position, (int) nbytes);
  }

  /**
   * Reads up to {@code nbytes} (at most {@link #SMALL_BUFFER_READ}) at {@code position}, or at the
   * file position when it is -1, straight into a new pool buffer of {@code nbytes}: one
   * {@code read}/{@code pread} per full chunk, no {@code fstat} and no copy. The channel writes
   * through a {@link ScopedByteBuffer}, which pins the block for the call only, so closing the
   * result gives the memory back at once (a {@code ByteBuffer} view from {@code asByteBuffer()}
   * would hold it until the garbage collector found the view unreachable, and a loop of
   * {@code readBuffer} calls would then never reuse memory). A short read (the end of the file,
   * also of a file that shrank since it was opened) is copied into a buffer of the size read, so
   * the result never carries unread bytes; that copy happens once per file, not per chunk.
   */
  private Buffer readIntoNewBuffer(long position, int nbytes) throws IOException {
    MutableBuffer buffer = memoryPool().allocate(nbytes);
    try {
      int filled;
      try (ScopedByteBuffer scope = ScopedByteBuffer.of(SCOPES, buffer, 0, nbytes)) {
        ByteBuffer dst = scope.view();
        while (dst.hasRemaining()) {
          int n = position < 0 ? channel.read(dst) : channel.read(dst, position + dst.position());
          if (n < 0) {
            break;
          }
          if (n == 0) {
            throw new IOException("OSFile read 0 bytes into a non-empty buffer (not EOF) from " + path);
          }
        }
        filled = dst.position();
      }
      if (filled == nbytes) {
        return buffer;
      }
      try (buffer) {
        MutableBuffer exact = memoryPool().allocate(filled);
        exact.setBytes(0, buffer, 0, filled);
        return exact;
      }
    } catch (ClosedChannelException e) {
      buffer.close();
      throw closedUnderUs(e);
    } catch (Throwable e) {
      buffer.close();
      throw e;
    }
  }

  private static void requireNotNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative: " + value);
    }
  }

  /** A local file may grow: like a seek past the end, a positional read there returns nothing (PyArrow {@code read_at}). */
  @Override
  protected boolean positionalReadsPastEndAreEmpty() {
    return true;
  }

  @Override
  protected void writeImpl(ByteBuffer src) throws IOException {
    try {
      while (src.hasRemaining()) {
        channel.write(src);
      }
    } catch (ClosedChannelException e) {
      throw closedUnderUs(e);
    }
  }

  @Override
  protected long tellImpl() throws IOException {
    try {
      return channel.position();
    } catch (ClosedChannelException e) {
      throw closedUnderUs(e);
    }
  }

  @Override
  protected void seekImpl(long position) throws IOException {
    try {
      channel.position(position);
    } catch (ClosedChannelException e) {
      throw closedUnderUs(e);
    }
  }

  @Override
  protected long sizeImpl() throws IOException {
    try {
      return channel.size();
    } catch (ClosedChannelException e) {
      throw closedUnderUs(e);
    }
  }

  @Override
  protected void closeImpl() throws IOException {
    channel.close();
  }

  /** Forces written bytes to the storage device ({@code fsync}), beyond what {@code flush()} promises. */
  public void sync() throws IOException {
    checkOpen();
    forceToDisk();
  }

  /** {@code fsync} without the open check, for subclasses finishing a close. */
  void forceToDisk() throws IOException {
    channel.force(true);
  }

  /**
   * The channel says "closed" only by its exception type, with a null message: a {@code close()}
   * on another thread during (or just before) this call, or this thread's interrupt, which closes
   * a {@link FileChannel}. Say so, naming the file.
   */
  private IOException closedUnderUs(ClosedChannelException e) {
    String why = e instanceof ClosedByInterruptException ? "closed because this thread was interrupted during I/O"
        : "closed by another thread during I/O";
    return new IOException("I/O operation on closed file " + path + " (" + why + ")", e);
  }

  @Override
  protected String describeForErrors() {
    return path.toString();
  }

  @Override
  public String toString() {
    return "OSFile(" + path + ", " + mode() + (isClosed() ? ", closed" : "") + ")";
  }
}
