package io.sluice.hadoop;

import io.sluice.hdfs.HdfsFile;
import io.sluice.hdfs.HdfsReadStatistics;
import io.sluice.io.Range;
import io.sluice.memory.Buffer;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import org.apache.hadoop.fs.ByteBufferPositionedReadable;
import org.apache.hadoop.fs.ByteBufferReadable;
import org.apache.hadoop.fs.CanUnbuffer;
import org.apache.hadoop.fs.FSInputStream;
import org.apache.hadoop.fs.FileRange;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.StreamCapabilities;
import org.apache.hadoop.fs.statistics.IOStatistics;
import org.apache.hadoop.fs.statistics.IOStatisticsSource;

/**
 * The stream {@link SluiceHdfsFileSystem#open} hands out: Hadoop's stream interfaces over a Sluice
 * {@link HdfsFile}. Sequential reads move the position; positional reads ({@code read(long, ...)},
 * {@link #readVectored}) never do and are safe from several threads, as Hadoop's are.
 *
 * <p>{@link #readVectored} exists from Hadoop 3.3.5 on; on older clients (Spark 3.5's 3.3.4) it is
 * never called, and the JVM resolves {@link FileRange} only when it runs.
 */
final class SluiceFsInputStream extends FSInputStream
    implements ByteBufferReadable, ByteBufferPositionedReadable, CanUnbuffer, StreamCapabilities, IOStatisticsSource {
  private final HdfsFile file;
  private final BiConsumer<SluiceFsInputStream, HdfsReadStatistics> onClose;
  /** The file system's per-scheme statistics, which job counters ("HDFS: Number of bytes read") report; may be null. */
  private final FileSystem.Statistics fileSystemStatistics;
  private volatile boolean closed;

  SluiceFsInputStream(HdfsFile file, FileSystem.Statistics fileSystemStatistics,
      BiConsumer<SluiceFsInputStream, HdfsReadStatistics> onClose) {
    this.file = file;
    this.fileSystemStatistics = fileSystemStatistics;
    this.onClose = onClose;
  }

  private int counted(int bytesRead) {
    if (bytesRead > 0 && fileSystemStatistics != null) {
      fileSystemStatistics.incrementBytesRead(bytesRead);
    }
    return bytesRead;
  }

  HdfsReadStatistics readStatistics() {
    return file.statistics();
  }

  @Override
  public void seek(long pos) throws IOException {
    long size = file.size();
    if (pos < 0 || pos > size) {
      throw new EOFException("cannot seek to " + pos + " in " + file.path() + " (size " + size + ")");
    }
    file.seek(pos);
  }

  @Override
  public long getPos() throws IOException {
    return file.tell();
  }

  @Override
  public boolean seekToNewSource(long targetPos) {
    return false;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    int n = file.readInto(b, off, len);
    return n == 0 ? -1 : counted(n);
  }

  @Override
  public int read(ByteBuffer buf) throws IOException {
    if (!buf.hasRemaining()) {
      return 0;
    }
    int n = file.readInto(buf);
    return n == 0 ? -1 : counted(n);
  }

  /** Positional read: up to {@code length} bytes at {@code position}; -1 at or past the end. */
  @Override
  public int read(long position, byte[] buffer, int offset, int length) throws IOException {
    java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
    return read(position, ByteBuffer.wrap(buffer, offset, length));
  }

  @Override
  public int read(long position, ByteBuffer buf) throws IOException {
    if (position < 0) {
      throw new EOFException("negative position " + position + " in " + file.path());
    }
    if (!buf.hasRemaining()) {
      return 0;
    }
    int n = file.readAt(position, buf);
    return n < 0 ? -1 : counted(n);
  }

  @Override
  public void readFully(long position, ByteBuffer buf) throws IOException {
    long size = file.size();
    if (position < 0 || position + buf.remaining() > size) {
      throw new EOFException("reading " + buf.remaining() + " bytes at " + position + " passes the end of "
          + file.path() + " (size " + size + ")");
    }
    while (buf.hasRemaining()) {
      if (read(position, buf) < 0) {
        throw new EOFException(file.path() + " ended early at " + position);
      }
    }
  }

  /**
   * Hadoop's vectored read through {@link HdfsFile#readRanges}: coalesced, zero-copy from mapped
   * local blocks, each range then copied into a buffer from {@code allocate} (Hadoop's contract:
   * the caller owns those buffers). Every future is complete when this returns.
   */
  @Override
  public void readVectored(List<? extends FileRange> ranges, IntFunction<ByteBuffer> allocate) throws IOException {
    List<Range> wanted = new ArrayList<>(ranges.size());
    for (FileRange range : ranges) {
      wanted.add(Range.of(range.getOffset(), range.getLength()));
    }
    List<Buffer> buffers = file.readRanges(wanted);
    try {
      for (int i = 0; i < ranges.size(); i++) {
        Buffer read = buffers.get(i);
        ByteBuffer target = allocate.apply((int) read.size());
        int start = target.position();
        read.getBytes(0, target);
        target.position(start);
        target.limit(start + (int) read.size());
        counted((int) read.size());
        ranges.get(i).setData(CompletableFuture.completedFuture(target));
      }
    } finally {
      buffers.forEach(Buffer::close);
    }
  }

  @Override
  public int available() throws IOException {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, file.size() - file.tell()));
  }

  /** Nothing to release between reads: Sluice keeps no read-ahead buffer per stream. */
  @Override
  public void unbuffer() {}

  @Override
  public boolean hasCapability(String capability) {
    switch (capability.toLowerCase(Locale.ROOT)) {
      case StreamCapabilities.READBYTEBUFFER:
      case StreamCapabilities.PREADBYTEBUFFER:
      case StreamCapabilities.UNBUFFER:
      case StreamCapabilities.IOSTATISTICS:
      case StreamCapabilities.VECTOREDIO:
        return true;
      default:
        return false;
    }
  }

  @Override
  public IOStatistics getIOStatistics() {
    return SluiceIoStatistics.of(file.statistics());
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    HdfsReadStatistics finalCounts = file.statistics();
    try {
      file.close();
    } finally {
      onClose.accept(this, finalCounts);
    }
  }

  @Override
  public String toString() {
    return "SluiceFsInputStream(" + file.path() + ")";
  }
}
