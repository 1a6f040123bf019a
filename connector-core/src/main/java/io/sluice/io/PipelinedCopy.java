package io.sluice.io;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * A copy loop split over two threads, as PyArrow's {@code download}/{@code upload} do: one side
 * fills chunks, the other drains them, two chunks in flight, one side on the caller's thread and
 * the other on the {@link IoThreadPool}. A failure on either side stops both and is thrown to the
 * caller; the call returns only once the pool side has finished, so the file is never used by two
 * threads at once. Called on an IO pool thread it runs both sides itself (waiting for the pool from
 * inside the pool could wait forever).
 */
final class PipelinedCopy {
  static final int CHUNK_SIZE = NativeFile.CHUNK_SIZE;

  /** Fills {@code chunk} from the start; returns the bytes filled, 0 only at the end of the data. */
  interface Source {
    int fill(byte[] chunk) throws IOException;
  }

  interface Sink {
    void write(byte[] chunk, int length) throws IOException;
  }

  /** A filled chunk, the end of the data ({@code length} 0), or the source's failure. */
  private record Filled(byte[] chunk, int length, Throwable failure) {}

  private static final byte[] STOP = new byte[0];

  private PipelinedCopy() {}

  /** Copies everything; {@code sourceOnPool} says which side runs on the pool. Returns the bytes copied. */
  static long run(Source source, Sink sink, boolean sourceOnPool) throws IOException {
    if (IoThreadPool.isIoThread()) {
      return serial(source, sink);
    }
    BlockingQueue<byte[]> empty = new ArrayBlockingQueue<>(3);
    BlockingQueue<Filled> full = new ArrayBlockingQueue<>(3);
    empty.add(new byte[CHUNK_SIZE]);
    empty.add(new byte[CHUNK_SIZE]);
    long[] copied = new long[1];
    Future<?> background = IoThreadPool.executor().submit(() -> {
      if (sourceOnPool) {
        produce(source, empty, full);
        return null;
      }
      copied[0] = consume(sink, empty, full);
      return null;
    });
    Throwable failure = null;
    try {
      if (sourceOnPool) {
        copied[0] = consume(sink, empty, full);
      } else {
        produce(source, empty, full);
      }
    } catch (Throwable e) {
      failure = e;
    }
    Throwable backgroundFailure = awaitUninterruptibly(background);
    failure = unwrap(failure);
    backgroundFailure = unwrap(backgroundFailure);
    if (failure == null) {
      failure = backgroundFailure;
    } else if (backgroundFailure != null && backgroundFailure != failure) {
      failure.addSuppressed(backgroundFailure);
    }
    if (failure != null) {
      throw rethrow(failure);
    }
    return copied[0];
  }

  /**
   * The filling side: until the source ends or the other side stops it. A failure here is handed
   * to the draining side (which stops and passes it on) and thrown here too.
   */
  private static void produce(Source source, BlockingQueue<byte[]> empty, BlockingQueue<Filled> full)
      throws Exception {
    try {
      while (true) {
        byte[] chunk = empty.take();
        if (chunk == STOP) {
          return;
        }
        int n = source.fill(chunk);
        full.put(new Filled(chunk, n, null));
        if (n == 0) {
          return;
        }
      }
    } catch (Throwable e) { // the source failed, or this thread was interrupted: stop the draining side
      full.offer(new Filled(null, 0, e)); // always room: two chunks and one end or failure at most
      throw e;
    }
  }

  /** The draining side: until the end of the data; on a failure it stops the filling side first. */
  private static long consume(Sink sink, BlockingQueue<byte[]> empty, BlockingQueue<Filled> full) throws Exception {
    long total = 0;
    try {
      while (true) {
        Filled filled = full.take();
        if (filled.failure() != null) {
          throw new SourceFailed(filled.failure());
        }
        if (filled.length() == 0) {
          return total;
        }
        sink.write(filled.chunk(), filled.length());
        total += filled.length();
        empty.put(filled.chunk());
      }
    } catch (SourceFailed e) {
      throw e; // the filling side has stopped already
    } catch (Throwable e) {
      empty.clear();
      empty.put(STOP);
      throw e;
    }
  }

  /** Marks a failure the filling side already reported, so it is not reported twice. */
  private static final class SourceFailed extends Exception {
    SourceFailed(Throwable cause) {
      super(cause);
    }
  }

  private static long serial(Source source, Sink sink) throws IOException {
    byte[] chunk = new byte[CHUNK_SIZE];
    long total = 0;
    for (int n = source.fill(chunk); n > 0; n = source.fill(chunk)) {
      sink.write(chunk, n);
      total += n;
    }
    return total;
  }

  /** Waits for the pool side even if interrupted (the file must be free when we return); its failure or null. */
  private static Throwable awaitUninterruptibly(Future<?> background) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          background.get();
          return null;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          return e.getCause();
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The source's own failure for one the draining side passed on; anything else as is. */
  private static Throwable unwrap(Throwable failure) {
    return failure instanceof SourceFailed sourceFailed ? sourceFailed.getCause() : failure;
  }

  private static IOException rethrow(Throwable failure) {
    if (failure instanceof IOException io) {
      return io;
    }
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    if (failure instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return new InterruptedIOException("interrupted while copying");
    }
    return new IOException(failure);
  }
}
