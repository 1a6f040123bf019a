package io.sluice.compress;

import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Decodes one brotli stream with brotli4j's native decoder and rejects anything after it.
 *
 * <p>Brotli has no magic number and no member boundary, so many byte strings start with a valid
 * (often empty) brotli stream. The native wrapper does not report how much of the last input it
 * consumed, so to tell "ends exactly here" from "trailing bytes" this stream holds back the last
 * {@value #TAIL} bytes of its source and feeds those one byte at a time: if the decoder finishes
 * while bulk input was pushed, held-back bytes are left over (trailing data); if it finishes during
 * the byte-wise tail, the leftover count is exact. That costs at most {@value #TAIL} single-byte
 * native calls per stream.
 */
final class BrotliDecoderStream extends InputStream {
  private static final int CHUNK = 64 * 1024;
  private static final int TAIL = 4096;

  private final String codecName;
  private final InputStream source;
  private final DecoderJNI.Wrapper decoder;
  private final byte[] pending = new byte[CHUNK + TAIL];
  private int pendingLength;
  private boolean sourceEnded;
  private ByteBuffer output;
  private boolean finished;
  private boolean pushedEmptyAtEnd;
  private boolean closed;
  private final byte[] single = new byte[1];

  BrotliDecoderStream(String codecName, InputStream source) throws IOException {
    this.codecName = codecName;
    this.source = source;
    this.decoder = new DecoderJNI.Wrapper(CHUNK);
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
    if (len == 0) {
      return 0;
    }
    while (true) {
      if (output != null && output.hasRemaining()) {
        int n = Math.min(len, output.remaining());
        output.get(b, off, n);
        return n;
      }
      output = null;
      if (finished) {
        return -1;
      }
      switch (decoder.getStatus()) {
        case DONE:
          if (decoder.hasOutput()) {
            output = decoder.pull();
          } else {
            checkNothingFollows();
            finished = true;
          }
          break;
        case OK:
          decoder.push(0);
          break;
        case NEEDS_MORE_OUTPUT:
          output = decoder.pull();
          break;
        case NEEDS_MORE_INPUT:
          if (decoder.hasOutput()) {
            output = decoder.pull(); // hand out what is decoded before waiting for more input
          } else {
            pushMoreInput();
          }
          break;
        default:
          throw new IOException(codecName + ": corrupt data (decoder error)");
      }
    }
  }

  private void pushMoreInput() throws IOException {
    fillPending();
    if (pendingLength == 0) {
      if (!pushedEmptyAtEnd) {
        // When a stream's output ends exactly at a 16 MiB ring-buffer boundary, the native decoder
        // asks for input it does not need: one more call without input lets it finish.
        pushedEmptyAtEnd = true;
        decoder.push(0);
        return;
      }
      throw new EOFException(codecName + ": truncated data: input ended inside the brotli stream");
    }
    int count = pendingLength > TAIL ? Math.min(CHUNK, pendingLength - TAIL) : 1;
    ByteBuffer input = decoder.getInputBuffer();
    input.clear();
    input.put(pending, 0, count);
    System.arraycopy(pending, count, pending, 0, pendingLength - count);
    pendingLength -= count;
    decoder.push(count);
  }

  private void fillPending() throws IOException {
    while (!sourceEnded && pendingLength < pending.length) {
      int n = source.read(pending, pendingLength, pending.length - pendingLength);
      if (n < 0) {
        sourceEnded = true;
      } else {
        pendingLength += n;
      }
    }
  }

  private void checkNothingFollows() throws IOException {
    fillPending();
    if (pendingLength > 0) {
      throw new IOException(codecName + ": trailing data after the end of the brotli stream (at least "
          + pendingLength + " bytes; brotli files hold a single stream)");
    }
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      decoder.destroy();
      source.close();
    }
  }
}
