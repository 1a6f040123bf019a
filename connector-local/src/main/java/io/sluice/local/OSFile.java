package io.sluice.local;

import io.sluice.io.NativeFile;
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
 * Reads go through a {@link FileChannel} straight into the destination: the caller's
 * {@link ByteBuffer} or {@code MutableBuffer}, or pool memory for {@code readBuffer}; the JDK itself
 * bounces only reads into heap arrays. Positional reads ({@code readAt}, {@code readBufferAt},
 * {@code readRanges}) are {@code pread}s: thread-safe and leaving the position alone. Seeking past
 * the end is allowed; reads there return nothing, and a write there leaves a hole of zeros.
 */
public class OSFile extends NativeFile {
  private final Path path;
  private final String mode;
  private final FileChannel channel;

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
    this.path = Objects.requireNonNull(path, "path");
    this.mode = canonicalMode(Objects.requireNonNull(mode, "mode"));
    if (Files.isDirectory(path)) {
      throw new IOException("cannot open " + path + " as a file: it is a directory");
    }
    this.channel = FileChannel.open(path, openOptions(this.mode));
  }

  /**
   * Over a channel already opened (by a confined directory handle or an atomic output) for
   * {@code mode}; {@code path} is what {@link #path()} reports. The file owns the channel.
   */
  OSFile(Path path, String mode, FileChannel channel) {
    this.path = Objects.requireNonNull(path, "path");
    this.mode = canonicalMode(Objects.requireNonNull(mode, "mode"));
    this.channel = Objects.requireNonNull(channel, "channel");
  }

  static String canonicalMode(String mode) {
    switch (mode.toLowerCase(Locale.ROOT)) {
      case "r", "rb":
        return "rb";
      case "w", "wb":
        return "wb";
      case "a", "ab":
        return "ab";
      default:
        throw new IllegalArgumentException("unknown OSFile mode '" + mode + "'; use r, rb, w, wb, a or ab");
    }
  }

  private static Set<OpenOption> openOptions(String mode) {
    switch (mode) {
      case "rb":
        return Set.of(StandardOpenOption.READ);
      case "wb":
        return Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
      default:
        return Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
  }

  /** The file's path. */
  public Path path() {
    return path;
  }

  @Override
  public String mode() {
    return mode;
  }

  @Override
  public boolean readable() {
    return mode.equals("rb");
  }

  @Override
  public boolean writable() {
    return !readable();
  }

  @Override
  public boolean seekable() {
    return !mode.equals("ab");
  }

  // ---------------------------------------------------------------- hooks

  @Override
  protected int readImpl(ByteBuffer dst) throws IOException {
    try {
      return channel.read(dst);
    } catch (ClosedChannelException e) {
      throw closedUnderUs(e);
    }
  }

  @Override
  protected int readAtImpl(long position, ByteBuffer dst) throws IOException {
    try {
      return channel.read(dst, position);
    } catch (ClosedChannelException e) {
      throw closedUnderUs(e);
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
    return "OSFile(" + path + ", " + mode + (isClosed() ? ", closed" : "") + ")";
  }
}
