package io.sluice.compress;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The decompressing stream every codec hands out: refuses empty input, opens the codec's decoder
 * lazily on the first read, and turns whatever the decoder throws on bad data (its own
 * {@link IOException}s, and the runtime exceptions some libraries throw on corrupt input) into an
 * {@link IOException} whose message starts with the codec name. Errors are sticky: once the data
 * proved bad, every later read fails the same way.
 *
 * <p>Safe under {@link #close()} racing {@link #read}: native decoders (brotli, zstd, snappy, lz4,
 * zlib) free their state in {@code close()}, and a read still inside the native call would then
 * touch freed memory (SIGSEGV). So reads are serialized by a lock, {@code close()} only marks the
 * stream closed, and the decoder (with the compressed stream under it) is closed by whoever finds
 * the lock free afterwards: the closing thread when no read is inside, otherwise the read on its
 * way out. A read that starts after {@code close()}, or whose decoder call failed because of it,
 * gets an {@link IOException} saying the stream is closed. Closing never waits for a read.
 */
final class CodecErrorInputStream extends DecoderInputStream {
  interface DecoderOpener {
    InputStream open(InputStream compressed) throws IOException;
  }

  private final InputStream compressed;
  private final DecoderOpener opener;
  private InputStream decoder;
  private IOException failure;
  /** Held by a read while it is inside the decoder; whoever releases the decoder holds it too. */
  private final ReentrantLock lock = new ReentrantLock();
  /** Whether the decoder and the compressed stream were closed; guarded by {@link #lock}. */
  private boolean released;

  CodecErrorInputStream(String codecName, InputStream compressed, DecoderOpener opener) {
    super(codecName);
    this.compressed = compressed;
    this.opener = opener;
  }

  /** The base class's checks and {@link #readDecoded}, under the lock that keeps the decoder alive. */
  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    lock.lock();
    try {
      if (failure != null && !isClosed()) {
        throw new IOException(failure.getMessage(), failure); // sticky, even for len == 0
      }
      return super.read(b, off, len);
    } finally {
      lock.unlock();
      if (isClosed()) {
        releaseIfIdle(); // close() came while this read was inside: the last one out frees
      }
    }
  }

  @Override
  int readDecoded(byte[] b, int off, int len) throws IOException {
    try {
      if (decoder == null) {
        decoder = openDecoder();
      }
      int n;
      do {
        n = decoder.read(b, off, len);
      } while (n == 0); // some decoders return 0 between frames; callers expect > 0 or -1
      return n;
    } catch (IOException | RuntimeException e) {
      if (isClosed()) {
        throw closedError(e); // what failed was the compressed stream or decoder closing under us
      }
      failure = translate(e);
      throw failure;
    }
  }

  private InputStream openDecoder() throws IOException {
    int first = compressed.read();
    if (first < 0) {
      throw failure("empty input, expected " + codecName() + " compressed data");
    }
    return opener.open(new PrefixedInputStream(new byte[] {(byte) first}, compressed));
  }

  private IOException translate(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (message.startsWith(codecName() + ":") && e instanceof IOException) {
      return (IOException) e;
    }
    return new IOException(codecName() + ": corrupt or truncated data: " + message, e);
  }

  /**
   * Called once by {@link #close()}: frees the decoder's native state and closes the compressed
   * stream, at once when no read is inside, otherwise as soon as that read returns.
   */
  @Override
  void release() throws IOException {
    IOException error = releaseIfIdle();
    if (error != null) {
      throw error;
    }
  }

  /**
   * Closes the decoder and the compressed stream if no read holds the lock; the read that holds it
   * calls this again on its way out. Returns what closing threw, for {@link #close()} to report.
   */
  private IOException releaseIfIdle() {
    if (!lock.tryLock()) {
      return null;
    }
    try {
      if (released) {
        return null;
      }
      released = true;
      try {
        if (decoder != null) {
          try {
            decoder.close();
          } finally {
            compressed.close(); // decoders close it too; closing twice is harmless
          }
        } else {
          compressed.close();
        }
        return null;
      } catch (IOException e) {
        return e;
      } catch (RuntimeException e) {
        return new IOException(codecName() + ": closing the decoder failed: " + e, e);
      }
    } finally {
      lock.unlock();
    }
  }
}
