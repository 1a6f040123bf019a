package io.sluice.compress;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/** Replays a few bytes already read (magic-byte sniffing) before the rest of a stream. */
final class PrefixedInputStream extends InputStream {
  private final byte[] prefix;
  private int prefixPos;
  private final InputStream rest;

  PrefixedInputStream(byte[] prefix, InputStream rest) {
    this.prefix = prefix;
    this.rest = rest;
  }

  @Override
  public int read() throws IOException {
    if (prefixPos < prefix.length) {
      return prefix[prefixPos++] & 0xFF;
    }
    return rest.read();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (prefixPos < prefix.length) {
      int n = Math.min(len, prefix.length - prefixPos);
      System.arraycopy(prefix, prefixPos, b, off, n);
      prefixPos += n;
      return n;
    }
    return rest.read(b, off, len);
  }

  @Override
  public void close() throws IOException {
    rest.close();
  }
}
