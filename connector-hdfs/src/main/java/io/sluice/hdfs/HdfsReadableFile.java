package io.sluice.hdfs;

import io.sluice.io.IoThreadPool;
import io.sluice.io.FileMode;
import io.sluice.io.NativeFile;
import io.sluice.io.Range;
import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPool;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import io.sluice.memory.ScopedByteBuffer;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.ByteBufferPositionedReadable;
import org.apache.hadoop.fs.ByteBufferReadable;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.StreamCapabilities;
import org.apache.hadoop.hdfs.DFSInputStream;
import org.apache.hadoop.hdfs.ReadStatistics;
import org.apache.hadoop.hdfs.client.HdfsDataInputStream;

/**
 * The reading {@link HdfsFile} ({@code "rb"}): seekable ({@link FileMode#READ}) with the length the
 * file had when it was opened, or a sequential stream ({@link FileMode#READ_STREAM}). See
 * {@link HdfsFile} for the read paths (byte-buffer reads, concurrent and vectored range reads,
 * zero-copy views of mapped local blocks). Made by {@link HadoopFileSystem#openInputFile} and
 * {@link HadoopFileSystem#openInputStream}.
 */
public final class HdfsReadableFile extends HdfsFile {
  /** Sluice's permission for scoped views of buffers during one IO call. */
  private static final ScopedByteBuffer.Access SCOPES = ScopedByteBuffer.access();

  private final FSDataInputStream in;
  private final boolean seekable;
  /** Length of a reader's file at open time. */
  private final long length;
  private final boolean byteBufferReads;
  private final boolean byteBufferPositionalReads;
  private final MappedLocalBlocks localBlocks;
  /** Bytes read from streams that keep no HDFS read statistics. */
  private final AtomicLong otherBytesRead = new AtomicLong();
  private final MemoryPool pool;
  /**
   * Whether remote ranges are read concurrently on the IO pool: HDFS's own {@code readVectored}
   * (the default of {@code PositionedReadable}) reads one range after another, while its
   * positional reads are independent and thread-safe.
   */
  private final boolean concurrentRangeReads;
  /** Test seam: told when each remote range read starts and ends. */
  private volatile RemoteReadObserver remoteReadObserver = RemoteReadObserver.NONE;

  /** Told about remote range reads, so a test can see them overlap without timing anything. */
  interface RemoteReadObserver {
    RemoteReadObserver NONE = new RemoteReadObserver() {
      @Override
      public void started(long offset, long length) {}

      @Override
      public void finished(long offset, long length) {}
    };

    void started(long offset, long length) throws IOException;

    void finished(long offset, long length);
  }


  /**
   * A reader over an open Hadoop stream of a file of {@code length} bytes; {@code seekable} false
   * makes it a sequential stream. {@code localBlocks} (may be null) enables the zero-copy path. The
   * file owns the stream.
   */
  HdfsReadableFile(String path, FSDataInputStream in, boolean seekable, long length, MappedLocalBlocks localBlocks,
      MemoryPool pool) {
    super(seekable ? FileMode.READ : FileMode.READ_STREAM, path);
    this.in = Objects.requireNonNull(in, "in");
    this.seekable = seekable;
    this.length = length;
    this.localBlocks = localBlocks;
    this.pool = pool;
    this.byteBufferReads = in.hasCapability(StreamCapabilities.READBYTEBUFFER)
        || in.getWrappedStream() instanceof ByteBufferReadable;
    this.byteBufferPositionalReads = in.hasCapability(StreamCapabilities.PREADBYTEBUFFER)
        || in.getWrappedStream() instanceof ByteBufferPositionedReadable;
    this.concurrentRangeReads = in.getWrappedStream() instanceof DFSInputStream;
  }

  /** Installs the test seam that watches remote range reads. */
  void observeRemoteReads(RemoteReadObserver observer) {
    this.remoteReadObserver = Objects.requireNonNull(observer, "observer");
  }

  /** The zero-copy block mappings (null when short-circuit reads are off), for tests. */
  MappedLocalBlocks localBlocks() {
    return localBlocks;
  }

  /** The HDFS stream underneath a reader, for tests; null for writers and non-HDFS streams. */
  HdfsDataInputStream hadoopStream() {
    return in instanceof HdfsDataInputStream hdfs ? hdfs : null;
  }

  // ---------------------------------------------------------------- reading

  @Override
  protected int readImpl(ByteBuffer dst) throws IOException {
    if (byteBufferReads) {
      try {
        int n;
        do {
          n = in.read(dst);
        } while (n == 0 && dst.hasRemaining());
        return n;
      } catch (ChecksumException e) {
        return rereadAfterChecksumError(dst, e);
      }
    }
    byte[] chunk = new byte[Math.min(dst.remaining(), COPY_CHUNK)];
    int n = in.read(chunk, 0, chunk.length);
    if (n > 0) {
      dst.put(chunk, 0, n);
      otherBytesRead.addAndGet(n);
    }
    return n;
  }

  /**
   * HDFS's sequential reader gives up on a checksum error when it cannot switch its block reader
   * to another replica; its positional read picks a replica afresh for every request and skips
   * the ones it found corrupt. So the failed range is read once more positionally (the stream's
   * position and {@code dst} are unchanged by the failed read), and the stream moves past it.
   */
  private int rereadAfterChecksumError(ByteBuffer dst, ChecksumException error) throws IOException {
    long position = in.getPos();
    int n;
    try {
      n = readAtImpl(position, dst);
    } catch (IOException retryError) {
      retryError.addSuppressed(error);
      throw retryError;
    }
    if (n > 0) {
      in.seek(position + n);
    }
    return n;
  }

  @Override
  protected int readAtImpl(long position, ByteBuffer dst) throws IOException {
    if (position >= length) {
      return -1;
    }
    if (byteBufferPositionalReads) {
      int n;
      do {
        n = in.read(position, dst);
      } while (n == 0 && dst.hasRemaining());
      return n;
    }
    byte[] chunk = new byte[(int) Math.min(dst.remaining(), Math.min(COPY_CHUNK, length - position))];
    int n = in.read(position, chunk, 0, chunk.length);
    if (n > 0) {
      dst.put(chunk, 0, n);
      otherBytesRead.addAndGet(n);
    }
    return n;
  }

  @Override
  protected Buffer readBufferAtImpl(long position, long nbytes) throws IOException {
    if (localBlocks != null) {
      Buffer view = localBlocks.read(position, nbytes);
      if (view != null) {
        return view;
      }
    }
    return readRemote(position, nbytes);
  }

  /** A positional read into pool memory through the DataNodes (no local view serves it). */
  private Buffer readRemote(long position, long nbytes) throws IOException {
    RemoteReadObserver observer = remoteReadObserver;
    observer.started(position, nbytes);
    try {
      return super.readBufferAtImpl(position, nbytes);
    } finally {
      observer.finished(position, nbytes);
    }
  }

  /**
   * Sequential buffer reads: a zero-copy view where a mapped local block serves the range,
   * otherwise pool memory filled through the stream's sequential reader, which keeps its DataNode
   * connection from call to call (a positional read would set up a new one every time).
   */
  @Override
  protected Buffer readBufferImpl(long nbytes) throws IOException {
    if (!seekable) {
      return super.readBufferImpl(nbytes);
    }
    long position = in.getPos();
    long count = Math.min(nbytes, Math.max(0, length - position));
    if (localBlocks != null) {
      Buffer view = localBlocks.read(position, count);
      if (view != null) {
        in.seek(position + count);
        return view;
      }
    }
    MutableBuffer buffer = memoryPool().allocate(count);
    try {
      long filled = 0;
      while (filled < count) {
        int n;
        try (ScopedByteBuffer scope = ScopedByteBuffer.of(SCOPES, buffer, filled, (int) Math.min(count - filled, 1 << 30))) {
          n = readImpl(scope.view());
        }
        if (n < 0) {
          throw new EOFException(path + " ended at " + (position + filled) + ", before its length " + length
              + " at open (was it truncated?)");
        }
        filled += n;
      }
      return buffer;
    } catch (Throwable e) {
      buffer.close();
      throw e;
    }
  }

  /**
   * The vectored read: zero-copy views for ranges a mapped local block serves, Hadoop's
   * {@code readVectored} for the rest, into buffers from the pool. Ranges are sorted, disjoint and
   * inside the file (the base class's coalescing plan).
   */
  @Override
  protected List<Buffer> readCoalescedImpl(List<Range> ranges) throws IOException {
    Buffer[] results = new Buffer[ranges.size()];
    List<Range> remote = new ArrayList<>();
    List<Integer> remoteIndexes = new ArrayList<>();
    boolean success = false;
    try {
      for (int i = 0; i < ranges.size(); i++) {
        Range range = ranges.get(i);
        Buffer view = localBlocks == null ? null : localBlocks.read(range.offset(), range.length());
        if (view != null) {
          results[i] = view;
        } else if (range.length() > Integer.MAX_VALUE) {
          results[i] = super.readBufferAtImpl(range.offset(), range.length());
        } else {
          remote.add(range);
          remoteIndexes.add(i);
        }
      }
      Buffer[] read;
      if (remote.isEmpty()) {
        read = new Buffer[0];
      } else if (remote.size() > 1 && (concurrentRangeReads || !HadoopVectoredReads.AVAILABLE)
          && !IoThreadPool.isIoThread()) {
        read = readConcurrently(remote);
      } else if (HadoopVectoredReads.AVAILABLE && !concurrentRangeReads) {
        read = HadoopVectoredReads.read(in, remote, memoryPool(), path, length);
      } else {
        read = readOneAfterAnother(remote);
      }
      for (int k = 0; k < read.length; k++) {
        results[remoteIndexes.get(k)] = read[k];
      }
      success = true;
      return List.of(results);
    } finally {
      if (!success) {
        for (Buffer result : results) {
          if (result != null) {
            result.close();
          }
        }
      }
    }
  }

  /** Positional reads one after another (one range, or on an IO thread, where waiting for the pool could deadlock). */
  private Buffer[] readOneAfterAnother(List<Range> ranges) throws IOException {
    Buffer[] buffers = new Buffer[ranges.size()];
    try {
      for (int k = 0; k < ranges.size(); k++) {
        buffers[k] = readRemote(ranges.get(k).offset(), (int) ranges.get(k).length());
      }
      return buffers;
    } catch (IOException | RuntimeException | Error e) {
      for (Buffer buffer : buffers) {
        if (buffer != null) {
          buffer.close();
        }
      }
      throw e;
    }
  }

  /**
   * Reads the ranges at the same time, one positional read each on the IO pool ({@code readRanges}
   * on HDFS would otherwise wait for one DataNode round trip after another). Waits for every read
   * even after a failure, so no buffer is left behind; then throws the first failure.
   */
  private Buffer[] readConcurrently(List<Range> ranges) throws IOException {
    List<CompletableFuture<Buffer>> reads = new ArrayList<>(ranges.size());
    for (Range range : ranges) {
      reads.add(CompletableFuture.supplyAsync(() -> {
        try {
          return readRemote(range.offset(), (int) range.length());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, IoThreadPool.executor()));
    }
    Buffer[] buffers = new Buffer[ranges.size()];
    Throwable failure = null;
    boolean interrupted = false;
    for (int k = 0; k < reads.size(); k++) {
      while (true) {
        try {
          buffers[k] = reads.get(k).get();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // keep waiting: the read still lands in a buffer someone must close
        } catch (ExecutionException e) {
          Throwable cause = e.getCause() instanceof UncheckedIOException unchecked ? unchecked.getCause() : e.getCause();
          if (failure == null) {
            failure = cause;
          } else {
            failure.addSuppressed(cause);
          }
          break;
        }
      }
    }
    if (interrupted && failure == null) {
      failure = new InterruptedIOException("interrupted while reading " + ranges.size() + " ranges of " + path);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      for (Buffer buffer : buffers) {
        if (buffer != null) {
          buffer.close();
        }
      }
      if (failure instanceof IOException io) {
        throw io;
      }
      if (failure instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (failure instanceof Error error) {
        throw error;
      }
      throw new IOException("range read of " + path + " failed", failure);
    }
    return buffers;
  }

  /** Where reads that are not zero-copy get their memory. */
  @Override
  protected MemoryPool memoryPool() {
    return pool;
  }


  // ---------------------------------------------------------------- position and size

  @Override
  protected long tellImpl() throws IOException {
    return in.getPos();
  }

  @Override
  protected void seekImpl(long position) throws IOException {
    if (position > length) {
      throw new EOFException("cannot seek to " + position + " past the end of " + path + " (size " + length + ")");
    }
    in.seek(position);
  }

  @Override
  protected long sizeImpl() {
    return length;
  }

  /**
   * The file's size. A reader's stays readable after {@link #close()}, as Hadoop's own stream
   * allows ({@code DFSInputStream.getFileLength()}, behind {@code HdfsDataInputStream.getVisibleLength()},
   * answers from what it learned at open and does not check for close): it is the length fixed at
   * open. A closed writer throws the closed-file error, like every other operation on it.
   */
  @Override
  public long size() throws IOException {
    if (isClosed()) {
      return length;
    }
    return super.size();
  }

  // ---------------------------------------------------------------- statistics, close

  @Override
  public HdfsReadStatistics statistics() {
    long zeroCopy = localBlocks == null ? 0 : localBlocks.zeroCopyBytesRead();
    if (in instanceof HdfsDataInputStream hdfs) {
      ReadStatistics stats = hdfs.getReadStatistics();
      long shortCircuit = stats.getTotalShortCircuitBytesRead();
      long tcp = stats.getTotalBytesRead() - shortCircuit;
      return new HdfsReadStatistics(stats.getTotalBytesRead() + zeroCopy, tcp, shortCircuit + zeroCopy, zeroCopy);
    }
    long other = otherBytesRead.get();
    return new HdfsReadStatistics(other, other, 0, 0);
  }


  @Override
  protected void closeImpl() throws IOException {
    try {
      in.close();
    } finally {
      if (localBlocks != null) {
        localBlocks.close();
      }
    }
  }
}
