package io.sluice.compress;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The decompressing stream every codec hands out: refuses empty input, opens the codec's decoder
 * lazily on the first read, and turns whatever the decoder throws on bad data (its own
 * {@link IOException}s, and the runtime exceptions some libraries throw on corrupt input) into an
 * {@link IOException} whose message starts with the codec name. Errors are sticky: once the data
 * proved bad, every later read fails the same way.
 */
final class CodecErrorInputStream extends InputStream {
  interface DecoderOpener {
    InputStream open(InputStream compressed) throws IOException;
  }

  private final String codecName;
  private final InputStream compressed;
  private final DecoderOpener opener;
  private InputStream decoder;
  private IOException failure;
  private boolean closed;
  private final byte[] single = new byte[1];

  CodecErrorInputStream(String codecName, InputStream compressed, DecoderOpener opener) {
    this.codecName = codecName;
    this.compressed = compressed;
    this.opener = opener;
  }

  @Override
  public int read() throws IOException {
    int n = read(single, 0, 1);
    return n < 0 ? -1 : single[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (closed) {
      throw new IOException(codecName + ": stream is closed");
    }
    if (failure != null) {
      throw new IOException(failure.getMessage(), failure);
    }
    if (len == 0) {
      return 0;
    }
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
      failure = translate(e);
      throw failure;
    }
  }

  private InputStream openDecoder() throws IOException {
    int first = compressed.read();
    if (first < 0) {
      throw new IOException(codecName + ": empty input, expected " + codecName + " compressed data");
    }
    return opener.open(new PrefixedInputStream(new byte[] {(byte) first}, compressed));
  }

  private IOException translate(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (message.startsWith(codecName + ":") && e instanceof IOException) {
      return (IOException) e;
    }
    return new IOException(codecName + ": corrupt or truncated data: " + message, e);
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (decoder != null) {
      try {
        decoder.close();
      } finally {
        compressed.close(); // decoders close it too; closing twice is harmless
      }
    } else {
      compressed.close();
    }
  }
}
