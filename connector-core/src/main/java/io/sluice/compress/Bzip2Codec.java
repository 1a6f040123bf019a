package io.sluice.compress;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/**
 * bzip2 with commons-compress (pure Java: no native bzip2 binding is maintained for the JVM).
 * The level is the block size in units of 100 kB, as for the {@code bzip2} tool.
 */
final class Bzip2Codec extends Codec {
  private static final int BUFFER_SIZE = 64 * 1024;

  Bzip2Codec(int level) {
    super(CodecType.BZ2, level);
  }

  @Override
  OutputStream openEncoder(OutputStream compressed) {
    return new FlushableBzip2OutputStream(compressed, level());
  }

  @Override
  InputStream openDecoder(InputStream compressed) throws IOException {
    // commons-compress pulls its input one byte at a time (read()); a buffer turns that into one
    // bulk read per 64 KiB instead of a call down the whole stream stack per compressed byte.
    // true: read concatenated streams, and reject what follows the last one if it is not bzip2
    return new BZip2CompressorInputStream(new BufferedInputStream(compressed, BUFFER_SIZE), true);
  }

  /**
   * bzip2 cannot emit a partial block, so {@code flush()} ends the current bzip2 stream and the
   * next write starts another: the result is a concatenation of streams, which bzip2 readers
   * (the tool, Hadoop's BZip2Codec, ours) read as one.
   */
  private static final class FlushableBzip2OutputStream extends OutputStream {
    private final OutputStream out;
    private final int blockSize;
    private BZip2CompressorOutputStream current;
    private boolean wroteAnyStream;
    private boolean closed;

    FlushableBzip2OutputStream(OutputStream out, int blockSize) {
      // the encoder writes its output one byte at a time (write(int)): buffer it
      this.out = new BufferedOutputStream(out, BUFFER_SIZE);
      this.blockSize = blockSize;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (closed) {
        throw new IOException("bz2: stream is closed");
      }
      if (len == 0) {
        return;
      }
      if (current == null) {
        current = new BZip2CompressorOutputStream(new NonClosingOutputStream(out), blockSize);
      }
      current.write(b, off, len);
    }

    private void endStream() throws IOException {
      if (current != null) {
        current.close(); // finishes the stream; NonClosingOutputStream keeps `out` open
        current = null;
        wroteAnyStream = true;
      }
    }

    @Override
    public void flush() throws IOException {
      endStream();
      out.flush();
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try (OutputStream target = out) {
        if (current == null && !wroteAnyStream) {
          current = new BZip2CompressorOutputStream(new NonClosingOutputStream(target), blockSize); // empty input
        }
        endStream();
      }
    }
  }

  private static final class NonClosingOutputStream extends java.io.FilterOutputStream {
    NonClosingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
