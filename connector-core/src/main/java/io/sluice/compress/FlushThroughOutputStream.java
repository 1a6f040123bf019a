package io.sluice.compress;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * For encoders (snappy-java's framed stream, brotli4j's) whose {@code flush()} emits the pending
 * compressed data but does not flush the stream below: flushes that one too. Bulk writes pass
 * straight through (FilterOutputStream would split them into single bytes).
 */
final class FlushThroughOutputStream extends FilterOutputStream {
  private final OutputStream compressed;

  FlushThroughOutputStream(OutputStream encoder, OutputStream compressed) {
    super(encoder);
    this.compressed = compressed;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
  }

  @Override
  public void flush() throws IOException {
    out.flush();
    compressed.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
