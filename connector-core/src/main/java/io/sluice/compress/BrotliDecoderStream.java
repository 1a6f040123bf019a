package io.sluice.compress;

import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes brotli with brotli4j's native decoder, reading concatenated streams as one (as the
 * {@code brotli} tool and PyArrow do: two {@code .br} files appended).
 *
 * <p>Brotli has no member boundary, and the native wrapper neither reports how much of the last
 * input it consumed nor accepts bytes after the end of a stream: a push of input that holds the end
 * of one stream and the start of the next ends in its error status, exactly like corrupt data. So
 * this stream keeps the compressed bytes pushed into the current stream (up to
 * {@value #REPLAY_LIMIT} bytes), and when a push that held more than one byte fails, it replays
 * the stream into a fresh decoder, the failed push one byte at a time: the byte where the fresh
 * decoder finishes is the end of the stream, and the bytes after it start the next one; if the
 * fresh decoder fails too, the data is corrupt. The output the first decoder already handed out is
 * skipped in the replay. Only concatenated input pays for a replay (one more decode of each stream
 * but the last); a single stream ends exactly at the end of the input and never replays.
 */
final class BrotliDecoderStream extends DecoderInputStream {
  private static final int CHUNK = 64 * 1024;
  /** The most compressed bytes of one stream kept for a replay. */
  static final int REPLAY_LIMIT = 16 << 20;

  private final InputStream source;
  private DecoderJNI.Wrapper decoder;
  /** Bytes read from the source and not yet pushed (front first). */
  private final ArrayDeque<byte[]> unread = new ArrayDeque<>();
  private boolean sourceEnded;
  private ByteBuffer output;
  private boolean finished;
  private boolean pushedEmptyAtEnd;

  /** The compressed bytes pushed into the current stream's decoder, in order; null past the limit. */
  private List<byte[]> pushedInStream = new ArrayList<>();
  private long pushedInStreamBytes;
  /** Size of the last non-empty push: a failure after a one-byte push is plain corruption. */
  private int lastPushSize;
  /** Decompressed bytes of the current stream handed out so far. */
  private long streamOutput;
  /** Decompressed bytes a replay must drop: the first decoder handed them out already. */
  private long skipOutput;
  /** During a replay, the bytes of the failed push, fed one at a time; null otherwise. */
  private byte[] replayTail;
  private int replayTailPosition;

  BrotliDecoderStream(String codecName, InputStream source) throws IOException {
    super(codecName);
    this.source = source;
    this.decoder = new DecoderJNI.Wrapper(CHUNK);
  }

  @Override
  int readDecoded(byte[] b, int off, int len) throws IOException {
    while (true) {
      if (output != null && output.hasRemaining()) {
        int n = Math.min(len, output.remaining());
        output.get(b, off, n);
        streamOutput += n;
        return n;
      }
      output = null;
      if (finished) {
        return -1;
      }
      switch (decoder.getStatus()) {
        case DONE:
          if (decoder.hasOutput()) {
            takeOutput();
          } else {
            startNextStreamOrFinish();
          }
          break;
        case OK:
          decoder.push(0);
          break;
        case NEEDS_MORE_OUTPUT:
          takeOutput();
          break;
        case NEEDS_MORE_INPUT:
          if (decoder.hasOutput()) {
            takeOutput(); // hand out what is decoded before waiting for more input
          } else {
            pushMoreInput();
          }
          break;
        default:
          replayOrFail();
      }
    }
  }

  /** Pulls the decoder's output, dropping what a replay must skip. */
  private void takeOutput() {
    ByteBuffer pulled = decoder.pull();
    if (skipOutput > 0) {
      int skipped = (int) Math.min(skipOutput, pulled.remaining());
      pulled.position(pulled.position() + skipped);
      skipOutput -= skipped;
    }
    output = pulled;
  }

  private void pushMoreInput() throws IOException {
    byte[] chunk;
    if (replayTail != null) {
      if (replayTailPosition == replayTail.length) {
        // The whole failed push went in byte by byte and the stream still wants more: the
        // first decoder failed on something other than a stream end.
        throw corrupt();
      }
      chunk = new byte[] {replayTail[replayTailPosition++]};
    } else {
      chunk = nextUnread();
      if (chunk == null) {
        if (!pushedEmptyAtEnd) {
          // When a stream's output ends exactly at a 16 MiB ring-buffer boundary, the native decoder
          // asks for input it does not need: one more call without input lets it finish.
          pushedEmptyAtEnd = true;
          decoder.push(0);
          return;
        }
        throw truncated("input ended inside the brotli stream");
      }
    }
    pushedEmptyAtEnd = false;
    push(chunk);
  }

  private void push(byte[] chunk) {
    if (replayTail == null) {
      remember(chunk); // a replay's byte-wise tail ends this stream or fails: never replayed again
    }
    ByteBuffer input = decoder.getInputBuffer();
    input.clear();
    input.put(chunk);
    lastPushSize = chunk.length;
    decoder.push(chunk.length);
  }

  private void remember(byte[] chunk) {
    if (pushedInStream == null) {
      return;
    }
    if (pushedInStreamBytes + chunk.length > REPLAY_LIMIT) {
      pushedInStream = null; // too long to replay; an ambiguous failure is reported as corruption
      return;
    }
    pushedInStream.add(chunk);
    pushedInStreamBytes += chunk.length;
  }

  /** The next bytes of the source not pushed yet (at most {@value #CHUNK}), or null at its end. */
  private byte[] nextUnread() throws IOException {
    if (!unread.isEmpty()) {
      return unread.pollFirst();
    }
    if (sourceEnded) {
      return null;
    }
    byte[] buffer = new byte[CHUNK];
    int filled = 0;
    while (filled < buffer.length) {
      int n = source.read(buffer, filled, buffer.length - filled);
      if (n < 0) {
        sourceEnded = true;
        break;
      }
      filled += n;
    }
    return filled == 0 ? null : filled == buffer.length ? buffer : Arrays.copyOf(buffer, filled);
  }

  /**
   * The decoder failed. After a push of more than one byte that may be the end of this stream
   * followed by the start of another: replay the stream into a fresh decoder to find out.
   */
  private void replayOrFail() throws IOException {
    if (replayTail != null || lastPushSize <= 1 || pushedInStream == null) {
      throw corrupt();
    }
    List<byte[]> pushed = pushedInStream;
    byte[] failedPush = pushed.remove(pushed.size() - 1);
    decoder.destroy();
    decoder = new DecoderJNI.Wrapper(CHUNK);
    skipOutput = streamOutput;
    pushedInStream = new ArrayList<>();
    pushedInStreamBytes = 0;
    // Everything before the failed push went in without ending the stream: push it back in bulk.
    for (byte[] chunk : pushed) {
      while (decoder.getStatus() != DecoderJNI.Status.NEEDS_MORE_INPUT || decoder.hasOutput()) {
        if (decoder.getStatus() == DecoderJNI.Status.OK) {
          decoder.push(0);
        } else if (decoder.hasOutput() || decoder.getStatus() == DecoderJNI.Status.NEEDS_MORE_OUTPUT) {
          takeOutput();
          if (output.hasRemaining()) {
            throw corrupt(); // the replay produced more than the first decoder: not the same stream
          }
        } else {
          throw corrupt();
        }
      }
      push(chunk);
    }
    output = null;
    replayTail = failedPush;
    replayTailPosition = 0;
  }

  /** The current stream ended cleanly: what follows it in the input is the next stream. */
  private void startNextStreamOrFinish() throws IOException {
    if (replayTail != null) {
      if (replayTailPosition < replayTail.length) {
        unread.addFirst(Arrays.copyOfRange(replayTail, replayTailPosition, replayTail.length));
      }
      replayTail = null;
    }
    byte[] next = nextUnread();
    if (next == null) {
      finished = true;
      return;
    }
    unread.addFirst(next);
    decoder.destroy();
    decoder = new DecoderJNI.Wrapper(CHUNK);
    pushedInStream = new ArrayList<>();
    pushedInStreamBytes = 0;
    lastPushSize = 0;
    streamOutput = 0;
    skipOutput = 0;
    pushedEmptyAtEnd = false;
  }

  private IOException corrupt() {
    return failure("corrupt data (decoder error)");
  }

  @Override
  void release() throws IOException {
    decoder.destroy();
    source.close();
  }
}
