package io.sluice.hdfs;

import io.sluice.io.Range;
import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPool;
import io.sluice.memory.MutableBuffer;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileRange;

/**
 * Hadoop's own vectored read ({@code readVectored} with a release callback, Hadoop 3.4+), for
 * Hadoop file systems that implement it better than positional reads (object stores).
 *
 * <p>Kept out of {@link HdfsFile} so that older clients load: Spark 3.5 puts Hadoop 3.3.4 first on
 * the class path, which has no {@link FileRange}. {@link #AVAILABLE} says whether this client has
 * it; when it does not, HdfsFile reads ranges with positional reads instead and this class is never
 * initialized, so the missing classes are never resolved.
 */
final class HadoopVectoredReads {
  /** Whether the Hadoop client on the class path has {@code readVectored(ranges, allocate, release)}. */
  static final boolean AVAILABLE = probe();

  private HadoopVectoredReads() {}

  private static boolean probe() {
    try {
      Class.forName("org.apache.hadoop.fs.FileRange", false, HadoopVectoredReads.class.getClassLoader());
      FSDataInputStream.class.getMethod("readVectored", List.class, IntFunction.class, Consumer.class);
      return true;
    } catch (ReflectiveOperationException | LinkageError e) {
      return false;
    }
  }

  /**
   * Reads sorted, disjoint ranges inside the file into buffers from {@code pool}, one per range in
   * order; on failure nothing stays allocated.
   */
  static Buffer[] read(FSDataInputStream in, List<Range> ranges, MemoryPool pool, String path, long length)
      throws IOException {
    List<FileRange> vectored = new ArrayList<>(ranges.size());
    for (Range range : ranges) {
      vectored.add(FileRange.createFileRange(range.offset(), (int) range.length()));
    }
    Map<ByteBuffer, MutableBuffer> allocations = new IdentityHashMap<>();
    Buffer[] results = new Buffer[ranges.size()];
    boolean success = false;
    try {
      in.readVectored(vectored, size -> allocate(pool, allocations, size), released -> release(allocations, released));
      for (int k = 0; k < vectored.size(); k++) {
        results[k] = takeResult(pool, allocations, vectored.get(k), path, length);
      }
      success = true;
      return results;
    } finally {
      // Buffers Hadoop allocated but did not hand back as a range result go back to the pool.
      synchronized (allocations) {
        allocations.values().forEach(Buffer::close);
      }
      if (!success) {
        for (Buffer result : results) {
          if (result != null) {
            result.close();
          }
        }
      }
    }
  }

  private static ByteBuffer allocate(MemoryPool pool, Map<ByteBuffer, MutableBuffer> allocations, int size) {
    MutableBuffer buffer = pool.allocate(size);
    // Sluice views are little-endian; Hadoop expects a fresh ByteBuffer's big-endian order (its
    // checksummed file systems read the checksums they fetch into these buffers with getInt).
    ByteBuffer view = buffer.asByteBuffer().order(ByteOrder.BIG_ENDIAN);
    synchronized (allocations) {
      allocations.put(view, buffer);
    }
    return view;
  }

  private static void release(Map<ByteBuffer, MutableBuffer> allocations, ByteBuffer released) {
    MutableBuffer buffer;
    synchronized (allocations) {
      buffer = allocations.remove(released);
    }
    if (buffer != null) {
      buffer.close();
    }
  }

  /**
   * The pool buffer holding a finished range. Usually Hadoop fills exactly the buffer it allocated
   * for the range; if it returned anything else (a slice of a merged read) the bytes are copied
   * into a buffer of their own, so every result can be closed independently.
   */
  private static Buffer takeResult(MemoryPool pool, Map<ByteBuffer, MutableBuffer> allocations, FileRange range,
      String path, long length) throws IOException {
    ByteBuffer data = await(range, path);
    if (data.remaining() != range.getLength()) {
      throw new EOFException("vectored read of " + path + " returned " + data.remaining() + " bytes for "
          + range + " (file size " + length + ")");
    }
    MutableBuffer own;
    synchronized (allocations) {
      own = allocations.get(data);
      if (own != null && data.position() == 0 && own.size() == data.remaining()) {
        allocations.remove(data);
        return own;
      }
    }
    MutableBuffer copy = pool.allocate(data.remaining());
    copy.setBytes(0, data.duplicate());
    return copy;
  }

  private static ByteBuffer await(FileRange range, String path) throws IOException {
    try {
      return range.getData().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading " + range + " of " + path);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException("vectored read of " + range + " of " + path + " failed", cause);
    }
  }
}
