package io.sluice.io;

import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPool;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import io.sluice.memory.ResizableBuffer;
import io.sluice.memory.ScopedByteBuffer;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one file API of Sluice, like PyArrow's {@code NativeFile}: every kind of file (in memory,
 * local, memory-mapped, HDFS, compressed, any Java stream) is one of these, and
 * {@link #readable()}, {@link #writable()} and {@link #seekable()} say what a kind can do.
 *
 * <h2>Contract (every kind)</h2>
 * <ul>
 *   <li>Every operation on a closed file throws {@link IOException} whose message contains
 *       "closed"; {@link #close()} is idempotent. Closing a writer flushes it first.</li>
 *   <li>An operation the mode does not allow (reading a writer, writing a reader, seeking or a
 *       positional read on a stream) throws {@link UnsupportedOperationException}. The closed
 *       check comes first.</li>
 *   <li>A null argument throws {@link NullPointerException} naming it; a negative size, offset or
 *       position throws {@link IllegalArgumentException} carrying the value; a bad array range
 *       throws {@link IndexOutOfBoundsException}.</li>
 *   <li>Sequential reads return what is left when fewer bytes remain: {@code read(n)} returns a
 *       short (at EOF empty) array, {@code readInto} returns 0 at EOF. Positional reads
 *       ({@link #readAt}, {@link #readBufferAt}, {@link #getStream}) are clamped to the end of
 *       the file the same way, but an offset beyond the end throws {@link EOFException};
 *       {@link #readRanges} throws {@link EOFException} for any range that ends past the end.</li>
 *   <li>Positional reads never move the position and are safe to call from many threads at once.
 *       Everything else is meant for one thread at a time.</li>
 *   <li>Seeking past the end is a property of the kind: files that may grow (local files) allow
 *       it and then read nothing; in-memory readers throw {@link EOFException}, position unchanged.</li>
 *   <li>Buffers returned by reads belong to the caller: zero-copy kinds return views of their
 *       memory, all other kinds return pool memory ({@link #memoryPool()}) that the caller
 *       should close.</li>
 * </ul>
 *
 * <h2>For implementers</h2>
 * Start from a skeleton, which fixes the {@link FileMode} and asks only for its hooks:
 * {@link ReadOnlyStream} (one read hook), {@link RandomAccessReader} (read-at and size; position
 * and sequential reads derived), {@link WriteOnlyStream} (write, tell, optionally flush), or
 * {@link ForwardingNativeFile} for a decorator. A kind whose mode is chosen when it is opened
 * extends {@code NativeFile} and passes its {@link FileMode} to the constructor. Decorators and
 * views in other packages build on the public single reads {@link #readSome} and
 * {@link #readSomeAt}. A subclass implements the hooks for what its kind supports; the base class
 * does argument checks, closed-file and mode checks, EOF clamping, loops, pool allocation and the
 * Java views on top of them.
 * Hooks are only called on an open file whose mode allows the operation, with valid arguments:
 * <ul>
 *   <li>{@link #readImpl(ByteBuffer)}: sequential read at the current position; returns bytes read
 *       (at least 1 when {@code dst} has room and the file is not at EOF), or -1 at EOF.</li>
 *   <li>{@link #readAtImpl(long, ByteBuffer)}: positional read, thread-safe, position untouched;
 *       same return rule. Every seekable kind must support it (the base class builds
 *       {@code readBuffer}, {@code readLine} and {@code readRanges} of seekable files on it).</li>
 *   <li>{@link #readBufferAtImpl(long, long)}: override for zero-copy kinds (memory, mmap, HDFS
 *       short-circuit) to return views; the default allocates pool memory and fills it with
 *       {@code readAtImpl}. Called with a range already clamped to the file.</li>
 *   <li>{@link #readBufferImpl(long)}: sequential buffer read of a non-seekable kind.</li>
 *   <li>{@link #readCoalescedImpl(List)}: the store's own vectored read, if it has one.</li>
 *   <li>{@link #writeImpl(ByteBuffer)}: writes all remaining bytes of {@code src} (its position
 *       afterwards does not matter; the base class moves it to the limit). A kind with a fixed
 *       size throws {@link EOFException} with its position unchanged when the bytes do not fit.</li>
 *   <li>{@link #tellImpl()}, {@link #seekImpl(long)} (decides whether a position past the end is
 *       allowed), {@link #sizeImpl()} (thread-safe), {@link #flushImpl()}, {@link #closeImpl()},
 *       {@link #metadataImpl()}.</li>
 * </ul>
 */
public abstract class NativeFile implements Closeable {
  /** Sluice's permission for scoped views of buffers during one IO call. */
  private static final ScopedByteBuffer.Access SCOPES = ScopedByteBuffer.access();

  /** Largest array a JVM reliably allocates. */
  static final int MAX_ARRAY_SIZE = Integer.MAX_VALUE - 8;
  /** Chunk size for copy loops and for reads whose final size is not known in advance. */
  static final int CHUNK_SIZE = 64 * 1024;

  private final AtomicBoolean closed = new AtomicBoolean();
  private final FileMode fileMode;

  /**
   * A file whose mode is fixed for its lifetime. Implementers usually extend a skeleton that
   * passes it ({@link ReadOnlyStream}, {@link RandomAccessReader}, {@link WriteOnlyStream},
   * {@link ForwardingNativeFile}) and pass it here only for kinds whose mode is chosen when they
   * are opened (a local file opened "rb", "wb" or "ab").
   */
  protected NativeFile(FileMode fileMode) {
    this.fileMode = Objects.requireNonNull(fileMode, "fileMode");
  }

  // ---------------------------------------------------------------- identity

  /** What this file can do, as given at construction. */
  public final FileMode fileMode() {
    return fileMode;
  }

  /** {@code "rb"}, {@code "wb"}, {@code "rb+"} or {@code "ab"}, like PyArrow. */
  public final String mode() {
    return fileMode.mode();
  }

  public final boolean readable() {
    return fileMode.readable();
  }

  public final boolean writable() {
    return fileMode.writable();
  }

  public final boolean seekable() {
    return fileMode.seekable();
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed.get();
  }

  // ---------------------------------------------------------------- hooks for implementers

  protected int readImpl(ByteBuffer dst) throws IOException {
    throw new UnsupportedOperationException("read is not supported by " + getClass().getSimpleName());
  }

  protected int readAtImpl(long position, ByteBuffer dst) throws IOException {
    throw new UnsupportedOperationException("positional read is not supported by " + getClass().getSimpleName());
  }

  /**
   * {@code nbytes} bytes at {@code position}, a range inside the file. The default reads them into
   * a new buffer from {@link #memoryPool()} through {@link #readAtImpl}; zero-copy kinds return a
   * view instead. The caller owns the result: closing it must not affect the file.
   */
  protected Buffer readBufferAtImpl(long position, long nbytes) throws IOException {
    MutableBuffer buffer = memoryPool().allocate(nbytes);
    try {
      long filled = fill(buffer, (at, dst) -> readAtImpl(position + at, dst));
      return filled == nbytes ? buffer : shrink(buffer, filled);
    } catch (Throwable e) {
      buffer.close();
      throw e;
    }
  }

  /**
   * Sequential read of up to {@code nbytes} (short only at EOF) into a buffer the caller owns.
   * Seekable files go through {@link #readBufferAtImpl} (so zero-copy kinds stay zero-copy); the
   * default for streams fills pool memory that grows as data arrives.
   */
  protected Buffer readBufferImpl(long nbytes) throws IOException {
    if (seekable()) {
      long position = tellImpl();
      long length = Math.min(nbytes, Math.max(0, sizeImpl() - position));
      Buffer buffer = readBufferAtImpl(position, length);
      seekImpl(position + buffer.size());
      return buffer;
    }
    ResizableBuffer buffer = memoryPool().allocateResizable(Math.min(nbytes, CHUNK_SIZE));
    try {
      long filled = 0;
      while (filled < nbytes) {
        if (filled == buffer.size()) {
          buffer.resize(Math.min(nbytes, Math.max(CHUNK_SIZE, buffer.size() * 2)), false);
        }
        long room = buffer.size() - filled;
        int n;
        // Scoped views (not asByteBuffer) so the buffer is not deferred to the GC when closed.
        try (ScopedByteBuffer scope = ScopedByteBuffer.of(SCOPES, buffer, filled, (int) Math.min(room, CHUNK_SIZE))) {
          ByteBuffer dst = scope.view();
          n = checkedRead(readImpl(dst), dst);
        }
        if (n < 0) {
          break;
        }
        filled += n;
      }
      if (filled != buffer.size()) {
        buffer.resize(filled, true);
      }
      return buffer;
    } catch (Throwable e) {
      buffer.close();
      throw e;
    }
  }

  /**
   * Reads the given sorted, non-overlapping ranges (all inside the file), one buffer per range in
   * the same order. Override where the store has its own vectored read; the default calls
   * {@link #readBufferAtImpl} for each range.
   */
  protected List<Buffer> readCoalescedImpl(List<Range> ranges) throws IOException {
    List<Buffer> buffers = new ArrayList<>(ranges.size());
    try {
      for (Range range : ranges) {
        buffers.add(readBufferAtImpl(range.offset(), range.length()));
      }
      return buffers;
    } catch (Throwable e) {
      buffers.forEach(Buffer::close);
      throw e;
    }
  }

  protected void writeImpl(ByteBuffer src) throws IOException {
    throw new UnsupportedOperationException("write is not supported by " + getClass().getSimpleName());
  }

  protected long tellImpl() throws IOException {
    throw new UnsupportedOperationException("tell is not supported by " + getClass().getSimpleName());
  }

  protected void seekImpl(long position) throws IOException {
    throw new UnsupportedOperationException("seek is not supported by " + getClass().getSimpleName());
  }

  protected long sizeImpl() throws IOException {
    throw new UnsupportedOperationException("size is not supported by " + getClass().getSimpleName());
  }

  protected void flushImpl() throws IOException {}

  protected abstract void closeImpl() throws IOException;

  protected Map<String, String> metadataImpl() throws IOException {
    return Map.of();
  }

  /**
   * Whether a positional read starting past the end returns nothing (true: kinds that allow seeking
   * past the end, such as local files, whose size may grow) instead of throwing
   * {@link EOFException} (false, the default: in-memory and mapped kinds, fixed in size).
   */
  protected boolean positionalReadsPastEndAreEmpty() {
    return false;
  }

  /** Where reads that cannot be zero-copy get their memory: the default pool unless a kind says otherwise. */
  protected MemoryPool memoryPool() {
    return MemoryPools.defaultPool();
  }

  /**
   * {@link #readRanges} merges two ranges into one read when the gap between them is at most this
   * many bytes (Arrow's {@code CacheOptions.hole_size_limit}).
   */
  protected long rangeHoleLimit() {
    return 8 * 1024;
  }

  /** {@link #readRanges} does not merge ranges into a read larger than this (Arrow's {@code range_size_limit}). */
  protected long rangeSizeLimit() {
    return 32L * 1024 * 1024;
  }

  // ---------------------------------------------------------------- checks for the base class and subclasses

  /** Throws the closed-file {@link IOException} of the contract if this file is closed. */
  protected final void checkOpen() throws IOException {
    if (isClosed()) {
      throw new IOException("I/O operation on closed file " + describeForErrors());
    }
  }

  /** What error messages call this file: its path where it has one; by default the kind of file. */
  protected String describeForErrors() {
    return getClass().getSimpleName();
  }

  protected final void checkReadable() throws IOException {
    checkOpen();
    if (!readable()) {
      throw new UnsupportedOperationException(
          getClass().getSimpleName() + " in mode '" + mode() + "' is not readable");
    }
  }

  protected final void checkWritable() throws IOException {
    checkOpen();
    if (!writable()) {
      throw new UnsupportedOperationException(
          getClass().getSimpleName() + " in mode '" + mode() + "' is not writable");
    }
  }

  protected final void checkSeekable() throws IOException {
    checkOpen();
    if (!seekable()) {
      throw new UnsupportedOperationException(getClass().getSimpleName() + " is not seekable");
    }
  }

  private void checkPositionalRead() throws IOException {
    checkReadable();
    if (!seekable()) {
      throw new UnsupportedOperationException(
          "positional reads need a seekable file; " + getClass().getSimpleName() + " is a stream");
    }
  }

  static long requireNonNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative: " + value);
    }
    return value;
  }

  /**
   * The number of bytes from {@code offset} to the end; past the end 0 for kinds whose positional
   * reads there return nothing, EOFException for the others.
   */
  private long availableFrom(long offset, long size) throws EOFException {
    if (offset > size) {
      if (positionalReadsPastEndAreEmpty()) {
        return 0;
      }
      throw new EOFException("offset " + offset + " is past the end of the file (size " + size + ")");
    }
    return size - offset;
  }

  // ---------------------------------------------------------------- position

  /** The current position: bytes from the start (for an output stream: bytes written so far). */
  public long tell() throws IOException {
    checkOpen();
    return tellImpl();
  }

  /** Moves to {@code position} and returns it. Past the end: see the class contract. */
  public long seek(long position) throws IOException {
    checkSeekable();
    requireNonNegative(position, "position");
    seekImpl(position);
    return position;
  }

  /** Moves relative to the start, the current position or the end; returns the new position. */
  public long seek(long offset, Whence whence) throws IOException {
    Objects.requireNonNull(whence, "whence");
    checkSeekable();
    long base = switch (whence) {
      case SET -> 0;
      case CURRENT -> tellImpl();
      case END -> sizeImpl();
    };
    long target = base + offset;
    if (((base ^ target) & (offset ^ target)) < 0) {
      throw new IllegalArgumentException("seek offset " + offset + " from " + whence + " (" + base + ") overflows");
    }
    if (target < 0) {
      throw new IllegalArgumentException(
          "seek to negative position " + target + " (offset " + offset + " from " + whence + " at " + base + ")");
    }
    seekImpl(target);
    return target;
  }

  /** Size of the file in bytes (for a writer: bytes written so far). */
  public long size() throws IOException {
    checkOpen();
    return sizeImpl();
  }

  // ---------------------------------------------------------------- sequential reads

  /** All bytes from the position to the end. */
  public byte[] read() throws IOException {
    checkReadable();
    return readBytes(Long.MAX_VALUE);
  }

  /** Up to {@code nbytes} bytes from the position; fewer only at the end, empty at EOF. */
  public byte[] read(long nbytes) throws IOException {
    checkReadable();
    requireNonNegative(nbytes, "nbytes");
    return readBytes(nbytes);
  }

  private byte[] readBytes(long nbytes) throws IOException {
    if (seekable()) {
      long wanted = Math.min(nbytes, Math.max(0, sizeImpl() - tellImpl()));
      if (wanted > MAX_ARRAY_SIZE) {
        throw tooLargeForArray(wanted);
      }
      byte[] bytes = new byte[(int) wanted];
      int n = readFully(ByteBuffer.wrap(bytes));
      return n == bytes.length ? bytes : Arrays.copyOf(bytes, n);
    }
    // A stream: grow as data arrives rather than trusting nbytes.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[(int) Math.min(nbytes, CHUNK_SIZE)];
    long remaining = nbytes;
    while (remaining > 0) {
      ByteBuffer dst = ByteBuffer.wrap(chunk, 0, (int) Math.min(remaining, chunk.length));
      int n = checkedRead(readImpl(dst), dst);
      if (n < 0) {
        break;
      }
      if (out.size() > MAX_ARRAY_SIZE - n) {
        throw tooLargeForArray((long) out.size() + n);
      }
      out.write(chunk, 0, n);
      remaining -= n;
    }
    return out.toByteArray();
  }

  private static UnsupportedOperationException tooLargeForArray(long bytes) {
    return new UnsupportedOperationException(
        bytes + " bytes do not fit in a byte[] (at most " + MAX_ARRAY_SIZE + "); use readBuffer");
  }

  /** All bytes from the position to the end as a buffer (zero-copy where the file is memory). */
  public Buffer readBuffer() throws IOException {
    checkReadable();
    return readBufferImpl(Long.MAX_VALUE);
  }

  /** Up to {@code nbytes} bytes as a buffer (zero-copy where the file is memory); short only at EOF. */
  public Buffer readBuffer(long nbytes) throws IOException {
    checkReadable();
    requireNonNegative(nbytes, "nbytes");
    return readBufferImpl(nbytes);
  }

  /** Reads up to {@code len} bytes into {@code dst[off...]}; fewer only at EOF; 0 at EOF. */
  public int readInto(byte[] dst, int off, int len) throws IOException {
    Objects.requireNonNull(dst, "dst");
    Objects.checkFromIndexSize(off, len, dst.length);
    checkReadable();
    return readFully(ByteBuffer.wrap(dst, off, len));
  }

  /** Reads up to {@code dst.remaining()} bytes, advancing its position; fewer only at EOF; 0 at EOF. */
  public int readInto(ByteBuffer dst) throws IOException {
    Objects.requireNonNull(dst, "dst");
    if (dst.isReadOnly()) {
      throw new ReadOnlyBufferException();
    }
    checkReadable();
    return readFully(dst);
  }

  /** Reads up to {@code dst.size()} bytes into {@code dst} from index 0; fewer only at EOF. */
  public long readInto(MutableBuffer dst) throws IOException {
    Objects.requireNonNull(dst, "dst");
    checkReadable();
    long total = 0;
    // Scoped views: the channel's use of dst ends with the call, so closing dst frees it at once.
    // At least one (maybe empty) view, so a closed dst fails as before.
    do {
      int length = (int) Math.min(dst.size() - total, MAX_ARRAY_SIZE);
      int n;
      try (ScopedByteBuffer scope = ScopedByteBuffer.of(SCOPES, dst, total, length)) {
        n = readFully(scope.view());
      }
      total += n;
      if (n < length) {
        break;
      }
    } while (total < dst.size());
    return total;
  }

  /** Reads until {@code dst} is full or EOF; returns the bytes read (0 at EOF). */
  private int readFully(ByteBuffer dst) throws IOException {
    int total = 0;
    while (dst.hasRemaining()) {
      int n = checkedRead(readImpl(dst), dst);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  /** Guards the loops against an implementation that returns 0 forever instead of -1. */
  private int checkedRead(int n, ByteBuffer dst) throws IOException {
    if (n == 0 && dst.hasRemaining()) {
      throw new IOException(getClass().getSimpleName() + " read 0 bytes into a non-empty buffer (not EOF)");
    }
    return n;
  }

  /** The default line-length guard of {@link #readLine()}: 64 MiB. */
  public static final long DEFAULT_MAX_LINE_BYTES = 64L << 20;

  /**
   * The bytes up to and including the next {@code '\n'} (or to EOF); an empty array at EOF. A line
   * longer than {@link #DEFAULT_MAX_LINE_BYTES} fails as {@link #readLine(long)} describes.
   */
  public byte[] readLine() throws IOException {
    return readLine(DEFAULT_MAX_LINE_BYTES);
  }

  /**
   * The bytes up to and including the next {@code '\n'} (or to EOF); an empty array at EOF. A line
   * of more than {@code maxBytes} bytes (its {@code '\n'} included) fails with an
   * {@link IOException} naming the limit, instead of exhausting memory. After that failure a
   * seekable file is where it was before the call; a stream, which cannot give bytes back, has
   * consumed {@code maxBytes + 1} bytes of the line.
   *
   * @throws IllegalArgumentException if {@code maxBytes} is not positive
   */
  public byte[] readLine(long maxBytes) throws IOException {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be > 0: " + maxBytes);
    }
    checkReadable();
    long limit = Math.min(maxBytes, MAX_ARRAY_SIZE);
    if (seekable()) {
      return readLineSeekable(maxBytes, limit);
    }
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    // A stream cannot give bytes back, so it is read one byte at a time (buffered streams make that cheap).
    long start = tellOrMinusOne();
    ByteBuffer one = ByteBuffer.allocate(1);
    while (true) {
      one.clear();
      if (checkedRead(readImpl(one), one) < 0) {
        break;
      }
      if (line.size() == limit) {
        throw lineTooLong(maxBytes, start);
      }
      byte b = one.get(0);
      line.write(b);
      if (b == '\n') {
        break;
      }
    }
    return line.toByteArray();
  }

  /**
   * Finds the line's end with positional reads, then reads exactly the line: a long line costs
   * one array of its size (not a growing copy), and nothing moves when the guard fails.
   */
  private byte[] readLineSeekable(long maxBytes, long limit) throws IOException {
    long position = tellImpl();
    long size = sizeImpl();
    byte[] chunk = new byte[8192];
    long at = position;
    while (at < size) {
      ByteBuffer dst = ByteBuffer.wrap(chunk, 0, (int) Math.min(chunk.length, size - at));
      int n = readAtImpl(at, dst);
      if (n <= 0) {
        break;
      }
      int newline = 0;
      while (newline < n && chunk[newline] != '\n') {
        newline++;
      }
      boolean found = newline < n;
      long end = at + (found ? newline + 1 : n);
      if (end - position > limit) {
        throw lineTooLong(maxBytes, position); // nothing moved yet
      }
      if (found && at == position) {
        seekImpl(end);
        return Arrays.copyOf(chunk, newline + 1); // the usual short line: one read
      }
      at = end;
      if (found) {
        break;
      }
    }
    byte[] line = new byte[(int) (at - position)];
    ByteBuffer dst = ByteBuffer.wrap(line);
    while (dst.hasRemaining()) {
      if (readAtImpl(position + dst.position(), dst) <= 0) {
        throw new EOFException("the file shrank while readLine read it: " + dst.position() + " of "
            + line.length + " bytes of the line at position " + position);
      }
    }
    seekImpl(at);
    return line;
  }

  private long tellOrMinusOne() throws IOException {
    try {
      return tellImpl();
    } catch (UnsupportedOperationException e) {
      return -1;
    }
  }

  /** The line-length guard's failure; {@code start} is where the line began, -1 if unknown. */
  static IOException lineTooLong(long maxBytes, long start) {
    return new IOException("readLine: no '\\n' within the line-length limit of " + maxBytes + " bytes"
        + (start >= 0 ? " from position " + start : "") + "; read longer lines with readLine(long maxBytes)");
  }

  /** All remaining lines, each with its {@code '\n'} (the last one may lack it). */
  public List<byte[]> readLines() throws IOException {
    checkReadable();
    List<byte[]> lines = new ArrayList<>();
    for (byte[] line = readLine(); line.length > 0; line = readLine()) {
      lines.add(line);
    }
    return lines;
  }

  // ---------------------------------------------------------------- positional reads

  /**
   * Up to {@code nbytes} bytes at {@code offset} without moving the position; short when the file
   * ends first. Thread-safe. An offset past the end returns an empty array on kinds that may seek
   * past the end (local files, as PyArrow's {@code read_at}) and throws {@link EOFException} on
   * the others (in-memory and mapped files).
   */
  public byte[] readAt(long offset, int nbytes) throws IOException {
    checkPositionalRead();
    requireNonNegative(offset, "offset");
    requireNonNegative(nbytes, "nbytes");
    int length = (int) Math.min(nbytes, availableFrom(offset, sizeImpl()));
    byte[] bytes = new byte[length];
    ByteBuffer dst = ByteBuffer.wrap(bytes);
    while (dst.hasRemaining()) {
      int n = checkedRead(readAtImpl(offset + dst.position(), dst), dst);
      if (n < 0) {
        break;
      }
    }
    return dst.position() == length ? bytes : Arrays.copyOf(bytes, dst.position());
  }

  /** Like {@link #readAt} but into a buffer: zero-copy where the file is memory. Thread-safe. */
  public Buffer readBufferAt(long offset, long nbytes) throws IOException {
    checkPositionalRead();
    requireNonNegative(offset, "offset");
    requireNonNegative(nbytes, "nbytes");
    long length = Math.min(nbytes, availableFrom(offset, sizeImpl()));
    return readBufferAtImpl(offset, length);
  }

  /**
   * Vectored read: one buffer per range, in the caller's order. Ranges may come in any order and
   * overlap. Ranges closer than {@link #rangeHoleLimit()} are read together; zero-copy kinds
   * return views of those reads, other kinds copy each range out of the shared read so every
   * returned buffer is an independent allocation the caller can close. A range that ends past the
   * end of the file throws {@link EOFException}. Does not move the position.
   */
  public List<Buffer> readRanges(List<Range> ranges) throws IOException {
    return readRanges(ranges, rangeHoleLimit(), rangeSizeLimit());
  }

  /**
   * {@link #readRanges(List)} with the coalescing limits of {@code options}
   * ({@link CacheOptions#holeSizeLimit()}, {@link CacheOptions#rangeSizeLimit()}); every range is
   * returned, so {@code lazy} and {@code prefetchLimit} play no part here.
   */
  public List<Buffer> readRanges(List<Range> ranges, CacheOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    return readRanges(ranges, options.holeSizeLimit(), options.rangeSizeLimit());
  }

  private List<Buffer> readRanges(List<Range> ranges, long holeLimit, long sizeLimit) throws IOException {
    checkRanges(ranges);
    RangeCoalescer plan = new RangeCoalescer(ranges, holeLimit, sizeLimit);
    List<Buffer> reads = new ArrayList<>(readCoalescedImpl(plan.reads()));
    try {
      return plan.split(reads, memoryPool());
    } finally {
      for (Buffer read : reads) {
        if (read != null) {
          read.close();
        }
      }
    }
  }

  /** The checks of every vectored read: no nulls, a positional-read file, every range inside it. */
  private void checkRanges(List<Range> ranges) throws IOException {
    Objects.requireNonNull(ranges, "ranges");
    for (int i = 0; i < ranges.size(); i++) {
      Objects.requireNonNull(ranges.get(i), "ranges[" + i + "]");
    }
    checkPositionalRead();
    long size = sizeImpl();
    for (Range range : ranges) {
      if (range.end() > size) {
        throw new EOFException("range " + range + " ends past the end of the file (size " + size + ")");
      }
    }
  }

  // ---------------------------------------------------------------- (v0.2) positional reads into the caller's memory

  /**
   * Reads up to {@code dst.remaining()} bytes at {@code offset} into {@code dst}, advancing its
   * position; fewer only when the file ends first. Returns the bytes read, or -1 when
   * {@code offset} is at or past the end and {@code dst} has room (as
   * {@link java.nio.channels.FileChannel#read(ByteBuffer, long)}); 0 when {@code dst} is full.
   * Past the end, kinds that may not seek there (in-memory, mapped) throw {@link EOFException}.
   * Thread-safe; the file's position does not move. Reads straight into {@code dst} where the
   * kind can (a {@code pread} into a direct buffer, a copy from mapped memory).
   *
   * @throws java.nio.ReadOnlyBufferException if {@code dst} is read-only
   */
  public int readAt(long offset, ByteBuffer dst) throws IOException {
    int start = startPositionalRead(offset, dst);
    if (start <= 0) {
      return start;
    }
    int total = 0;
    while (dst.hasRemaining()) {
      int n = checkedRead(readAtImpl(offset + total, dst), dst);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total == 0 ? -1 : total;
  }

  /**
   * The checks and end rules of {@link #readAt(long, ByteBuffer)} and {@link #readSomeAt}: returns
   * 0 when {@code dst} is full, -1 at or past the end (where the kind allows it), 1 to go on.
   */
  private int startPositionalRead(long offset, ByteBuffer dst) throws IOException {
    Objects.requireNonNull(dst, "dst");
    if (dst.isReadOnly()) {
      throw new ReadOnlyBufferException();
    }
    checkPositionalRead();
    requireNonNegative(offset, "offset");
    long available = availableFrom(offset, sizeImpl());
    if (!dst.hasRemaining()) {
      return 0;
    }
    return available == 0 ? -1 : 1;
  }

  /**
   * Reads up to {@code len} bytes at {@code offset} into {@code dst[off, off + len)}; same
   * contract as {@link #readAt(long, ByteBuffer)} (-1 at or past the end, 0 for {@code len} 0).
   *
   * @throws IndexOutOfBoundsException for a bad array range
   */
  public int readAt(long offset, byte[] dst, int off, int len) throws IOException {
    Objects.requireNonNull(dst, "dst");
    Objects.checkFromIndexSize(off, len, dst.length);
    return readAt(offset, ByteBuffer.wrap(dst, off, len));
  }

  /**
   * Fills {@code dst} from {@code offset} (Hadoop's {@code readFully(position, buffer)}).
   * Thread-safe; the file's position does not move.
   *
   * @throws EOFException if the file ends before {@code dst} is full; nothing is read then
   *     ({@code dst} unchanged), unless the file shrank during the read
   */
  public void readFully(long offset, ByteBuffer dst) throws IOException {
    Objects.requireNonNull(dst, "dst");
    if (dst.isReadOnly()) {
      throw new ReadOnlyBufferException();
    }
    checkPositionalRead();
    requireNonNegative(offset, "offset");
    long size = sizeImpl();
    int wanted = dst.remaining();
    if (offset > size || size - offset < wanted) {
      throw new EOFException("readFully of " + wanted + " bytes at offset " + offset
          + " goes past the end of the file (size " + size + ")");
    }
    int total = 0;
    while (dst.hasRemaining()) {
      int n = checkedRead(readAtImpl(offset + total, dst), dst);
      if (n < 0) {
        throw new EOFException("file ended at " + (offset + total) + " during readFully of " + wanted
            + " bytes at offset " + offset + " (size was " + size + ": did it shrink?)");
      }
      total += n;
    }
  }

  /**
   * Up to {@code nbytes} bytes from the current position without consuming them (PyArrow's
   * {@code peek}); fewer only at the end, empty at EOF. Works on every seekable kind (a positional
   * read at {@link #tell()}) and on {@link BufferedInputStream} (from its buffer, at most
   * {@link BufferedInputStream#bufferSize()} bytes).
   *
   * @throws UnsupportedOperationException on other streams: wrap them in a {@link BufferedInputStream}
   */
  public byte[] peek(int nbytes) throws IOException {
    checkReadable();
    requireNonNegative(nbytes, "nbytes");
    if (!seekable()) {
      throw new UnsupportedOperationException("peek needs a seekable file or a BufferedInputStream; "
          + getClass().getSimpleName() + " is a stream (wrap it in a BufferedInputStream)");
    }
    long position = tellImpl();
    long size = sizeImpl();
    int length = (int) Math.min(nbytes, Math.max(0, size - position));
    byte[] bytes = new byte[length];
    ByteBuffer dst = ByteBuffer.wrap(bytes);
    while (dst.hasRemaining()) {
      int n = checkedRead(readAtImpl(position + dst.position(), dst), dst);
      if (n < 0) {
        break;
      }
    }
    return dst.position() == length ? bytes : Arrays.copyOf(bytes, dst.position());
  }

  // ---------------------------------------------------------------- (v0.2) asynchronous reads

  /**
   * Starts a positional read of up to {@code nbytes} bytes at {@code offset} (clamped to the end,
   * as {@link #readBufferAt}) on the IO thread pool ({@link IoThreadPool}) and returns its future.
   * Argument, mode and closed-file errors, and an offset past the end, are thrown here; errors of
   * the read itself complete the future exceptionally. The buffer belongs to the caller.
   */
  public CompletableFuture<Buffer> readAsync(long offset, long nbytes) throws IOException {
    checkPositionalRead();
    requireNonNegative(offset, "offset");
    requireNonNegative(nbytes, "nbytes");
    long length = Math.min(nbytes, availableFrom(offset, sizeImpl()));
    return AsyncRangeReads.readOnPool(this, offset, length);
  }

  /**
   * The vectored read of {@link #readRanges(List, CacheOptions)} on the IO thread pool: one future
   * per range, in the caller's order. Ranges are coalesced by {@code options}; each merged read is
   * one pool task (so reads overlap on every kind), started at once or, with
   * {@link CacheOptions#lazy()}, when a result is asked for. The same checks as {@code readRanges}
   * are thrown here; errors of a read complete the futures of the ranges it serves exceptionally.
   * Each buffer belongs to the caller; a future cancelled before its read finished closes the
   * buffer it would have returned.
   */
  public List<CompletableFuture<Buffer>> readRangesAsync(List<Range> ranges, CacheOptions options)
      throws IOException {
    Objects.requireNonNull(options, "options");
    checkRanges(ranges);
    RangeCoalescer plan = new RangeCoalescer(ranges, options.holeSizeLimit(), options.rangeSizeLimit());
    return AsyncRangeReads.start(this, plan, options, memoryPool());
  }

  /**
   * A read-only, seekable window over {@code [offset, offset + nbytes)} of this file (clamped to
   * its end) with its own position, reading through positional reads so it never disturbs this
   * file or other windows. Closing the window does not close this file; closing this file makes
   * the window fail as closed.
   */
  public NativeFile getStream(long offset, long nbytes) throws IOException {
    checkPositionalRead();
    requireNonNegative(offset, "offset");
    requireNonNegative(nbytes, "nbytes");
    long length = Math.min(nbytes, availableFrom(offset, sizeImpl()));
    return new FileWindow(this, offset, length);
  }

  // ---------------------------------------------------------------- writes

  /** Writes all of {@code data} at the position; returns its length. */
  public int write(byte[] data) throws IOException {
    Objects.requireNonNull(data, "data");
    return write(data, 0, data.length);
  }

  /** Writes {@code data[off, off + len)}; returns {@code len}. A bad range throws IndexOutOfBoundsException. */
  public int write(byte[] data, int off, int len) throws IOException {
    Objects.requireNonNull(data, "data");
    Objects.checkFromIndexSize(off, len, data.length);
    checkWritable();
    writeImpl(ByteBuffer.wrap(data, off, len));
    return len;
  }

  /** Writes all bytes of {@code data} (any size, also over 2 GiB); returns its size. */
  public long write(Buffer data) throws IOException {
    Objects.requireNonNull(data, "data");
    checkWritable();
    long at = 0;
    do { // at least one (maybe empty) scoped view, so a closed buffer fails as before
      try (ScopedByteBuffer scope = ScopedByteBuffer.of(SCOPES, data, at, (int) Math.min(data.size() - at, MAX_ARRAY_SIZE))) {
        writeImpl(scope.view());
      }
      at += MAX_ARRAY_SIZE;
    } while (at < data.size());
    return data.size();
  }

  /** Writes {@code data}'s remaining bytes, advancing its position to its limit. */
  public int write(ByteBuffer data) throws IOException {
    Objects.requireNonNull(data, "data");
    checkWritable();
    int length = data.remaining();
    writeImpl(data);
    data.position(data.limit());
    return length;
  }

  /** Pushes buffered output on; a no-op on readers (as in PyArrow). */
  public void flush() throws IOException {
    checkOpen();
    if (writable()) {
      flushImpl();
    }
  }

  // ---------------------------------------------------------------- bulk copies

  /**
   * Copies the file to {@code out} and returns the byte count. A seekable file is copied from its
   * start (it is rewound first, as PyArrow does); a stream copies what remains of it. The file is
   * read on the IO thread pool ({@link IoThreadPool}) while the caller's thread writes to
   * {@code out}; the call returns only after the pool is done with the file.
   */
  public long download(OutputStream out) throws IOException {
    Objects.requireNonNull(out, "out");
    checkReadable();
    if (seekable()) {
      seekImpl(0);
    }
    // The file is read on the IO pool while the caller's thread writes the previous chunk (as PyArrow).
    return PipelinedCopy.run(chunk -> readFully(ByteBuffer.wrap(chunk)), (chunk, n) -> out.write(chunk, 0, n), true);
  }

  /**
   * Writes everything {@code in} has left to this file and returns the byte count. The caller's
   * thread reads {@code in} while the IO thread pool writes the previous chunk to this file (as
   * PyArrow); the call returns only after the pool is done with the file.
   */
  public long upload(InputStream in) throws IOException {
    Objects.requireNonNull(in, "in");
    checkWritable();
    return PipelinedCopy.run(chunk -> in.readNBytes(chunk, 0, chunk.length),
        (chunk, n) -> writeImpl(ByteBuffer.wrap(chunk, 0, n)), false);
  }

  // ---------------------------------------------------------------- Java views

  /**
   * An {@link InputStream} reading from the current position, with {@code java.io} semantics
   * (-1 at EOF, {@code read(b, off, 0)} returns 0). Closing it closes this file.
   *
   * @throws UnsupportedOperationException if this file is not readable
   */
  public InputStream asInputStream() {
    if (!readable()) {
      throw new UnsupportedOperationException(getClass().getSimpleName() + " in mode '" + mode() + "' is not readable");
    }
    return new NativeFileInputStream(this);
  }

  /**
   * An {@link OutputStream} writing at the current position. Closing it closes this file.
   *
   * @throws UnsupportedOperationException if this file is not writable
   */
  public OutputStream asOutputStream() {
    if (!writable()) {
      throw new UnsupportedOperationException(getClass().getSimpleName() + " in mode '" + mode() + "' is not writable");
    }
    return new NativeFileOutputStream(this);
  }

  /**
   * A {@link SeekableByteChannel} with {@code java.nio} semantics: -1 at EOF,
   * {@link java.nio.channels.ClosedChannelException} once closed,
   * {@link java.nio.channels.NonReadableChannelException} /
   * {@link java.nio.channels.NonWritableChannelException} for the wrong mode. Setting the position
   * past the end is allowed (reads then return -1) even for kinds that refuse to seek there; on
   * a stream that cannot seek, {@code position(long)} throws {@link UnsupportedOperationException}
   * and {@code truncate} below the current size is not possible on any kind (also
   * {@link UnsupportedOperationException}). Closing it closes this file.
   */
  public SeekableByteChannel asChannel() {
    return new NativeFileChannel(this);
  }

  /** Key/value metadata of the file (empty where the kind has none). */
  public Map<String, String> metadata() throws IOException {
    checkOpen();
    return metadataImpl();
  }

  // ---------------------------------------------------------------- lifetime

  /** Closes the file, flushing a writer first. Idempotent: later calls do nothing. */
  @Override
  public void close() throws IOException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      if (writable()) {
        flushImpl();
      }
    } finally {
      closeImpl();
    }
  }

  // ---------------------------------------------------------------- (v0.2) single reads, for decorators and views

  /**
   * One sequential read, as {@link InputStream#read(byte[], int, int)}: reads at least one and at
   * most {@code dst.remaining()} bytes at the position, advancing it and {@code dst}'s position.
   * It may return fewer bytes than are left in the file (whatever the kind's one read gives: a
   * network packet, a decompressed block); loop, or use {@link #readInto(ByteBuffer)}, to fill
   * {@code dst}. This is what buffering and channel views build on.
   *
   * @return the bytes read; -1 at EOF; 0 only when {@code dst} has no room
   * @throws NullPointerException if {@code dst} is null
   * @throws java.nio.ReadOnlyBufferException if {@code dst} is read-only
   * @throws IOException (message contains "closed") if this file is closed, or from the read
   * @throws UnsupportedOperationException if this file is not readable
   */
  public int readSome(ByteBuffer dst) throws IOException {
    Objects.requireNonNull(dst, "dst");
    if (dst.isReadOnly()) {
      throw new ReadOnlyBufferException();
    }
    checkReadable();
    if (!dst.hasRemaining()) {
      return 0;
    }
    return checkedRead(readImpl(dst), dst);
  }

  /**
   * One positional read: at least one and at most {@code dst.remaining()} bytes at
   * {@code offset}, advancing {@code dst}'s position; possibly fewer than the file has there (see
   * {@link #readSome}). Thread-safe; the file's position does not move. Same checks and end rules
   * as {@link #readAt(long, ByteBuffer)}: -1 at or past the end on kinds that may seek past it,
   * {@link EOFException} past the end on the others (in-memory, mapped).
   *
   * @return the bytes read; -1 at the end; 0 only when {@code dst} has no room
   * @throws UnsupportedOperationException if this file is not readable or not seekable
   */
  public int readSomeAt(long offset, ByteBuffer dst) throws IOException {
    int start = startPositionalRead(offset, dst);
    if (start <= 0) {
      return start;
    }
    return checkedRead(readAtImpl(offset, dst), dst);
  }

  interface PositionalReader {
    int read(long at, ByteBuffer dst) throws IOException;
  }

  /** Fills {@code buffer} from index 0 by positional reads; returns the bytes filled (short at EOF). */
  private long fill(MutableBuffer buffer, PositionalReader reader) throws IOException {
    long filled = 0;
    while (filled < buffer.size()) {
      try (ScopedByteBuffer scope =
          ScopedByteBuffer.of(SCOPES, buffer, filled, (int) Math.min(buffer.size() - filled, MAX_ARRAY_SIZE))) {
        ByteBuffer dst = scope.view();
        while (dst.hasRemaining()) {
          int n = checkedRead(reader.read(filled, dst), dst);
          if (n < 0) {
            return filled;
          }
          filled += n;
        }
      }
    }
    return filled;
  }

  /** A right-sized copy of the first {@code length} bytes; closes the original. */
  private MutableBuffer shrink(MutableBuffer buffer, long length) {
    try (buffer) {
      MutableBuffer exact = memoryPool().allocate(length);
      exact.setBytes(0, buffer, 0, length);
      return exact;
    }
  }
}
