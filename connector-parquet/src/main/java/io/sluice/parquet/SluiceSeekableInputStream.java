package io.sluice.parquet;

import io.sluice.io.NativeFile;
import io.sluice.io.Range;
import io.sluice.memory.Buffer;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.io.ParquetFileRange;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Parquet's stream over a Sluice file: its own position, every read a positional read of the file,
 * so streams sharing one file never disturb each other.
 *
 * <p>{@link #readVectored} exists from parquet-java 1.14 on. On 1.13 the method is simply never
 * called, and because the JVM resolves {@link ParquetFileRange} only when the method runs, the
 * class loads there as well.
 */
final class SluiceSeekableInputStream extends SeekableInputStream {
  private final NativeFile file;
  private final boolean ownsFile;
  private final String name;
  private final long size;
  private long position;
  private boolean closed;
  /** Views of the file's memory handed to parquet by {@link #readVectored}; closed with this stream. */
  private final List<Buffer> views = new ArrayList<>();

  SluiceSeekableInputStream(NativeFile file, boolean ownsFile, String name) throws IOException {
    this.file = file;
    this.ownsFile = ownsFile;
    this.name = name;
    try {
      this.size = file.size();
    } catch (IOException | RuntimeException e) {
      if (ownsFile) {
        file.close();
      }
      throw e;
    }
  }

  @Override
  public long getPos() throws IOException {
    checkOpen();
    return position;
  }

  /** Moves to {@code newPos}; past the end or negative throws {@link EOFException} (as Hadoop's streams). */
  @Override
  public void seek(long newPos) throws IOException {
    checkOpen();
    if (newPos < 0 || newPos > size) {
      throw new EOFException("cannot seek to " + newPos + " in " + name + " (size " + size + ")");
    }
    position = newPos;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return read(ByteBuffer.wrap(b, off, len));
  }

  @Override
  public void readFully(byte[] bytes) throws IOException {
    readFully(ByteBuffer.wrap(bytes));
  }

  @Override
  public void readFully(byte[] bytes, int start, int len) throws IOException {
    readFully(ByteBuffer.wrap(bytes, start, len));
  }

  /** Reads up to {@code buf.remaining()} bytes into {@code buf}; -1 at the end of the file. */
  @Override
  public int read(ByteBuffer buf) throws IOException {
    checkOpen();
    if (!buf.hasRemaining()) {
      return 0;
    }
    if (position >= size) {
      return -1;
    }
    int n = readAt(position, buf);
    position += n;
    return n;
  }

  /** Fills {@code buf}; {@link EOFException} if the file ends first (the bytes read stay in {@code buf}). */
  @Override
  public void readFully(ByteBuffer buf) throws IOException {
    checkOpen();
    int wanted = buf.remaining();
    if (position + wanted > size) {
      throw new EOFException("reached the end of " + name + " (size " + size + ") reading " + wanted
          + " bytes at " + position);
    }
    while (buf.hasRemaining()) {
      position += readAt(position, buf);
    }
  }

  @Override
  public long skip(long n) throws IOException {
    checkOpen();
    long skipped = Math.max(0, Math.min(n, size - position));
    position += skipped;
    return skipped;
  }

  @Override
  public int available() throws IOException {
    checkOpen();
    return (int) Math.min(Integer.MAX_VALUE, size - position);
  }

  /** Reads at {@code offset} straight into {@code dst}, without touching the shared file's position. */
  private int readAt(long offset, ByteBuffer dst) throws IOException {
    ByteBuffer window = dst.duplicate();
    window.limit(window.position() + (int) Math.min(dst.remaining(), size - offset));
    int n = file.readAt(offset, window);
    if (n <= 0) {
      throw new EOFException(name + " ended at " + offset + " before its size " + size);
    }
    dst.position(window.position());
    return n;
  }

  // ---------------------------------------------------------------- parquet-java 1.14+: vectored reads

  @Override
  public boolean readVectoredAvailable(ByteBufferAllocator allocator) {
    return true;
  }

  /**
   * Serves parquet's vectored read with one {@link NativeFile#readRanges} call (coalesced, and the
   * store's own vectored IO where it has one). Every future is complete when this returns.
   *
   * <p>A range the file served as a view of its own memory (inside one mapped region, or one local
   * HDFS block read short-circuit) goes to parquet as a {@link ByteBuffer} over that memory: no
   * allocator call, no copy. The ByteBuffer keeps the memory it points at alive for as long as it
   * is reachable (Sluice's memory model: a mapping is unmapped only after its last view is gone),
   * so parquet may use it after this stream, or the file, is closed; the Sluice views themselves
   * are closed with this stream. Any other range (remote, or crossing a block boundary) is pool
   * memory: it is copied into a buffer of parquet's allocator and the pool memory goes back at
   * once, because parquet never hands vectored buffers back and pool memory must not stay out.
   *
   * <p>The views are read-only and big-endian, like a buffer fresh from parquet's allocator
   * (parquet sets the order it needs; it copies out of a buffer that has no array).
   */
  @Override
  public void readVectored(List<ParquetFileRange> ranges, ByteBufferAllocator allocator) throws IOException {
    checkOpen();
    List<Range> wanted = new ArrayList<>(ranges.size());
    for (ParquetFileRange range : ranges) {
      if (range.getOffset() < 0 || range.getLength() < 0) {
        throw new IllegalArgumentException("invalid range " + range + " of " + name);
      }
      wanted.add(Range.of(range.getOffset(), range.getLength()));
    }
    List<Buffer> buffers = file.readRanges(wanted);
    try {
      for (int i = 0; i < ranges.size(); i++) {
        Buffer read = buffers.get(i);
        ByteBuffer data;
        if (isViewOfFileMemory(read)) {
          data = read.asByteBuffer().asReadOnlyBuffer().order(ByteOrder.BIG_ENDIAN);
          synchronized (this) {
            views.add(read);
          }
          buffers.set(i, null);
        } else {
          data = allocator.allocate((int) read.size());
          read.getBytes(0, data);
          data.flip();
        }
        ranges.get(i).setDataReadFuture(CompletableFuture.completedFuture(data));
      }
    } finally {
      for (Buffer buffer : buffers) {
        if (buffer != null) {
          buffer.close();
        }
      }
    }
  }

  /**
   * Whether {@code read} is a view of the file's own memory rather than pool memory of its own:
   * {@link NativeFile#readRanges} returns views (slices, which have a parent) on zero-copy kinds
   * and for ranges a zero-copy read served, and independent pool allocations (roots) otherwise.
   */
  private static boolean isViewOfFileMemory(Buffer read) {
    return read.parent() != null;
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new IOException("stream of " + name + " is closed");
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      synchronized (this) {
        // Parquet's ByteBuffers over these stay valid while reachable: closing only ends Sluice's use.
        views.forEach(Buffer::close);
        views.clear();
      }
    } finally {
      if (ownsFile) {
        file.close();
      }
    }
  }

  @Override
  public String toString() {
    return "SluiceSeekableInputStream(" + name + ", position " + position + ")";
  }
}
