package io.sluice.hdfs;

import io.sluice.fs.Abortable;
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
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.ByteBufferPositionedReadable;
import org.apache.hadoop.fs.ByteBufferReadable;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.StreamCapabilities;
import org.apache.hadoop.hdfs.DFSInputStream;
import org.apache.hadoop.hdfs.ReadStatistics;
import org.apache.hadoop.hdfs.client.HdfsDataInputStream;

/**
 * A file on HDFS (or any Hadoop filesystem) as a {@link NativeFile}; made by
 * {@link HadoopFileSystem#openInputFile}, {@link HadoopFileSystem#openInputStream} and the
 * {@code openOutputStream}/{@code openAppendStream} methods.
 *
 * <p>Readers ({@code "rb"}) are seekable, with the length the file had when it was opened; a seek
 * past that end throws {@link EOFException}. Reads go straight into pool memory through Hadoop's
 * {@link ByteBufferReadable} and {@link ByteBufferPositionedReadable} (no {@code byte[]} in
 * between when the stream supports them, as HDFS does). Positional reads are thread-safe.
 * {@link #readRanges} reads the ranges HDFS serves remotely concurrently on the IO thread pool
 * (HDFS's own {@code readVectored} reads them one after another); other Hadoop file systems use
 * their {@code readVectored} with pool-backed buffers where the client has it (Hadoop 3.4+), and
 * concurrent positional reads on older clients such as Spark 3.5's 3.3.4 ({@link HadoopVectoredReads}).
 * When the file was opened with short-circuit reads allowed and a block's replica is on this host,
 * {@code readBuffer}/{@code readBufferAt}/{@code readRanges} return zero-copy views of the mapped
 * block file (checksums verified from the block's meta file unless disabled), falling back to the
 * normal path whenever that is not possible. {@link #statistics()} tells which path served the bytes.
 *
 * <p>Writers ({@code "wb"}, {@code "ab"}) are not seekable; {@link #tell()} and {@link #size()}
 * count the bytes of the file so far. {@link #flush()} pushes Hadoop's client buffer,
 * {@link #hflush()} makes the bytes visible to new readers and {@link #hsync()} also forces them to
 * the DataNodes' disks. An atomic writer publishes the file under its name only when
 * {@link #close()} succeeds; {@link #abort()} (or a failed write) discards it.
 */
public final class HdfsFile extends NativeFile implements Abortable {
  /** Sluice's permission for scoped views of buffers during one IO call. */
  private static final ScopedByteBuffer.Access SCOPES = ScopedByteBuffer.access();

  private static final int COPY_CHUNK = 64 * 1024;

  private final String path;
  private final FSDataInputStream in;
  private final FSDataOutputStream out;
  private final boolean seekable;
  /** Length of a reader's file at open time. */
  private final long length;
  private final boolean byteBufferReads;
  private final boolean byteBufferPositionalReads;
  private final MappedLocalBlocks localBlocks;
  /** Bytes read from streams that keep no HDFS read statistics. */
  private final AtomicLong otherBytesRead = new AtomicLong();
  private final OutputCompletion completion;
  private final MemoryPool pool;
  private byte[] writeScratch;
  private volatile boolean writeFailed;
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

  /** What closing a writer does after its stream closed: nothing, or publish/discard an atomic file. */
  interface OutputCompletion {
    OutputCompletion NONE = new OutputCompletion() {
      @Override
      public void commit() {}

      @Override
      public void abort() {}
    };

    void commit() throws IOException;

    void abort() throws IOException;
  }

  private HdfsFile(String path, String mode, FSDataInputStream in, FSDataOutputStream out, boolean seekable,
      long length, MappedLocalBlocks localBlocks, OutputCompletion completion, MemoryPool pool) {
    super(in != null ? (seekable ? FileMode.READ : FileMode.READ_STREAM)
        : mode.equals("ab") ? FileMode.APPEND : FileMode.WRITE_STREAM);
    this.path = path;
    this.in = in;
    this.out = out;
    this.seekable = seekable;
    this.length = length;
    this.localBlocks = localBlocks;
    this.completion = completion;
    this.pool = pool;
    this.byteBufferReads = in != null
        && (in.hasCapability(StreamCapabilities.READBYTEBUFFER) || in.getWrappedStream() instanceof ByteBufferReadable);
    this.byteBufferPositionalReads = in != null
        && (in.hasCapability(StreamCapabilities.PREADBYTEBUFFER)
            || in.getWrappedStream() instanceof ByteBufferPositionedReadable);
    this.concurrentRangeReads = in != null && in.getWrappedStream() instanceof DFSInputStream;
  }

  /** Installs the test seam that watches remote range reads. */
  void observeRemoteReads(RemoteReadObserver observer) {
    this.remoteReadObserver = Objects.requireNonNull(observer, "observer");
  }

  /**
   * A reader over an open Hadoop stream of a file of {@code length} bytes; {@code seekable} false
   * makes it a sequential stream. {@code localBlocks} (may be null) enables the zero-copy path. The
   * file owns the stream.
   */
  static HdfsFile reader(String path, FSDataInputStream in, boolean seekable, long length,
      MappedLocalBlocks localBlocks, MemoryPool pool) {
    return new HdfsFile(path, "rb", Objects.requireNonNull(in, "in"), null, seekable, length, localBlocks, null, pool);
  }

  /** A writer over an open Hadoop output stream; {@code completion} runs after the stream closed. */
  static HdfsFile writer(String path, String mode, FSDataOutputStream out, OutputCompletion completion) {
    return new HdfsFile(path, mode, null, Objects.requireNonNull(out, "out"), false, -1, null, completion,
        MemoryPools.defaultPool());
  }

  /** The zero-copy block mappings (null when short-circuit reads are off), for tests. */
  MappedLocalBlocks localBlocks() {
    return localBlocks;
  }

  /** The HDFS stream underneath a reader, for tests; null for writers and non-HDFS streams. */
  HdfsDataInputStream hadoopStream() {
    return in instanceof HdfsDataInputStream hdfs ? hdfs : null;
  }

  /** The path this file was opened with. */
  public String path() {
    return path;
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
    return in != null ? in.getPos() : out.getPos();
  }

  @Override
  protected void seekImpl(long position) throws IOException {
    if (position > length) {
      throw new EOFException("cannot seek to " + position + " past the end of " + path + " (size " + length + ")");
    }
    in.seek(position);
  }

  @Override
  protected long sizeImpl() throws IOException {
    return in != null ? length : out.getPos();
  }

  /**
   * The file's size. A reader's stays readable after {@link #close()}, as Hadoop's own stream
   * allows ({@code DFSInputStream.getFileLength()}, behind {@code HdfsDataInputStream.getVisibleLength()},
   * answers from what it learned at open and does not check for close): it is the length fixed at
   * open. A closed writer throws the closed-file error, like every other operation on it.
   */
  @Override
  public long size() throws IOException {
    if (in != null && isClosed()) {
      return length;
    }
    return super.size();
  }

  // ---------------------------------------------------------------- writing

  @Override
  protected void writeImpl(ByteBuffer src) throws IOException {
    try {
      if (src.hasArray()) {
        out.write(src.array(), src.arrayOffset() + src.position(), src.remaining());
        src.position(src.limit());
        return;
      }
      // Hadoop's output streams only take byte[]: copy direct memory through one reusable chunk.
      if (writeScratch == null) {
        writeScratch = new byte[COPY_CHUNK];
      }
      while (src.hasRemaining()) {
        int n = Math.min(src.remaining(), writeScratch.length);
        src.get(writeScratch, 0, n);
        out.write(writeScratch, 0, n);
      }
    } catch (IOException | RuntimeException e) {
      writeFailed = true;
      throw e;
    }
  }

  @Override
  protected void flushImpl() throws IOException {
    try {
      out.flush();
    } catch (IOException | RuntimeException e) {
      writeFailed = true;
      throw e;
    }
  }

  /** Makes everything written so far visible to new readers (Hadoop {@code hflush}). */
  public void hflush() throws IOException {
    checkWritable();
    out.hflush();
  }

  /** Like {@link #hflush()}, and also has the DataNodes force the bytes to disk (Hadoop {@code hsync}). */
  public void hsync() throws IOException {
    checkWritable();
    out.hsync();
  }



  /**
   * Closes a writer without publishing what it wrote: an atomic writer's temporary file is
   * deleted and nothing appears under the target name. A plain writer is simply closed (HDFS
   * cannot take back bytes already written). Does nothing on a closed file.
   */
  public void abort() throws IOException {
    if (out != null && !isClosed()) {
      writeFailed = true;
    }
    close();
  }

  // ---------------------------------------------------------------- statistics, metadata, close

  /** Which read paths served this file's reads so far (all zero for writers). */
  public HdfsReadStatistics statistics() {
    if (in == null) {
      return HdfsReadStatistics.EMPTY;
    }
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
  protected Map<String, String> metadataImpl() {
    return Map.of("path", path);
  }

  @Override
  protected void closeImpl() throws IOException {
    if (in != null) {
      try {
        in.close();
      } finally {
        if (localBlocks != null) {
          localBlocks.close();
        }
      }
      return;
    }
    boolean publish = !writeFailed;
    try {
      out.close();
    } catch (IOException | RuntimeException e) {
      completion.abort();
      throw e;
    }
    if (publish) {
      completion.commit();
    } else {
      completion.abort();
      if (completion != OutputCompletion.NONE) {
        throw new IOException(path + " was not published: the write was aborted or an earlier write failed");
      }
    }
  }

  @Override
  public String toString() {
    return "HdfsFile(" + path + ", " + mode() + ")";
  }
}
