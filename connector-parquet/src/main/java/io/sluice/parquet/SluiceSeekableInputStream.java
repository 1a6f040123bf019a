package io.sluice.parquet;

import io.sluice.io.NativeFile;
import io.sluice.io.Range;
import io.sluice.memory.Buffer;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
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
   * store's own vectored IO where it has one), then copies each range into a buffer of parquet's
   * allocator: parquet does not hand vectored buffers back, so they must be memory the allocator
   * (heap or direct) manages, not Sluice pool memory. Every future is complete when this returns.
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
        ByteBuffer target = allocator.allocate((int) read.size());
        read.getBytes(0, target);
        target.flip();
        ranges.get(i).setDataReadFuture(CompletableFuture.completedFuture(target));
      }
    } finally {
      buffers.forEach(Buffer::close);
    }
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
    if (ownsFile) {
      file.close();
    }
  }

  @Override
  public String toString() {
    return "SluiceSeekableInputStream(" + name + ", position " + position + ")";
  }
}
