package io.sluice.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The compressed side of a {@link CompressedInputStream}: reads the raw file through one reused
 * 64 KiB array. Decoders that read single bytes (bzip2's bit reader, header parsers) are served
 * from the array without a {@link NativeFile} call per byte, and without the per-call lock of
 * {@link java.io.BufferedInputStream} (one thread reads a stream); reads at least as large as the
 * array go straight to the raw file. Closing it closes the raw file. Counts the bytes it hands to
 * the decoder, for the decompression bomb guard's ratio.
 */
final class RawFileInput extends InputStream {
  private final NativeFile raw;
  private final byte[] buffer;
  private int position;
  private int limit;
  private long consumed;

  RawFileInput(NativeFile raw, int bufferSize) {
    this.raw = raw;
    this.buffer = new byte[bufferSize];
  }

  @Override
  public int read() throws IOException {
    if (position == limit && !fill()) {
      return -1;
    }
    consumed++;
    return buffer[position++] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (position == limit) {
      if (len >= buffer.length) {
        int n = raw.readInto(b, off, len);
        consumed += n;
        return n == 0 ? -1 : n;
      }
      if (!fill()) {
        return -1;
      }
    }
    int n = Math.min(len, limit - position);
    System.arraycopy(buffer, position, b, off, n);
    position += n;
    consumed += n;
    return n;
  }

  /** The compressed bytes handed to the decoder so far. */
  long bytesConsumed() {
    return consumed;
  }

  private boolean fill() throws IOException {
    int n = raw.readInto(buffer, 0, buffer.length);
    position = 0;
    limit = n;
    return n > 0;
  }

  @Override
  public void close() throws IOException {
    raw.close();
  }
}
