package io.sluice.io;

import io.sluice.memory.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Objects;
import java.util.function.Function;

/**
 * The transform of {@link io.sluice.Sluice#transcodingInputStream}: decodes chunks in one character
 * set and encodes them in another, for {@link TransformInputStream}. A character split across
 * chunks is carried over to the next chunk; an empty chunk (the end of the input) flushes both
 * coders. Input that does not decode, or characters the target cannot encode, fail with an
 * {@link IOException} (thrown as {@link UncheckedIOException} inside the transform) naming the
 * character set and the byte offset in the input; nothing is replaced silently.
 */
public final class Transcoder implements Function<Buffer, Buffer> {
  private final CharsetDecoder decoder;
  private final CharsetEncoder encoder;
  /** Bytes of a character split at the end of the previous chunk. */
  private byte[] carry = new byte[0];
  /** Input bytes received so far; the carried bytes are the last of them. */
  private long consumed;
  private boolean done;

  public Transcoder(Charset from, Charset to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    this.decoder = from.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    this.encoder = to.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  @Override
  public Buffer apply(Buffer chunk) {
    try {
      return Buffer.wrap(transcode(chunk));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] transcode(Buffer chunk) throws IOException {
    if (done) {
      throw new IllegalStateException("the transcoder already saw the end of its input");
    }
    boolean end = chunk.size() == 0;
    ByteBuffer in = ByteBuffer.allocate(carry.length + (int) chunk.size());
    in.put(carry);
    chunk.getBytes(0, in);
    in.flip();
    CharBuffer chars = CharBuffer.allocate((int) (in.remaining() * (double) decoder.maxCharsPerByte()) + 4);
    long inputStart = consumed - carry.length;
    check(decoder.decode(in, chars, end), in, inputStart, decoder.charset(), "is not valid");
    if (end) {
      check(decoder.flush(chars), in, inputStart, decoder.charset(), "is not valid");
      done = true;
    }
    carry = new byte[in.remaining()];
    in.get(carry);
    consumed += chunk.size();
    chars.flip();
    return encode(chars, end, inputStart);
  }

  private byte[] encode(CharBuffer chars, boolean end, long inputStart) throws IOException {
    ByteBuffer out = ByteBuffer.allocate((int) (chars.remaining() * (double) encoder.maxBytesPerChar()) + 16);
    while (true) {
      CoderResult result = encoder.encode(chars, out, end);
      if (result.isOverflow()) {
        out = grow(out);
        continue;
      }
      if (result.isError()) {
        throw new CharacterCodingFailure(encoder.charset() + " cannot encode a character decoded from the input"
            + " (about input byte offset " + inputStart + " or later; " + describe(result) + ")");
      }
      break;
    }
    if (end) {
      while (encoder.flush(out).isOverflow()) {
        out = grow(out);
      }
    }
    out.flip();
    byte[] bytes = new byte[out.remaining()];
    out.get(bytes);
    return bytes;
  }

  private static void check(CoderResult result, ByteBuffer in, long inputStart, Charset charset, String what)
      throws IOException {
    if (result.isError()) {
      throw new CharacterCodingFailure("input " + what + " " + charset + " at byte offset "
          + (inputStart + in.position()) + " (" + describe(result) + ")");
    }
    if (result.isOverflow()) {
      throw new IllegalStateException("decoder output overflowed its worst-case size");
    }
  }

  private static String describe(CoderResult result) {
    return (result.isMalformed() ? "malformed input of " : "unmappable character of ") + result.length()
        + (result.length() == 1 ? " byte" : " bytes");
  }

  private static ByteBuffer grow(ByteBuffer out) {
    ByteBuffer bigger = ByteBuffer.allocate(out.capacity() * 2 + 16);
    out.flip();
    bigger.put(out);
    return bigger;
  }

  /** A character coding failure with a message (JDK's own {@link CharacterCodingException} has none). */
  static final class CharacterCodingFailure extends CharacterCodingException {
    private final String message;

    CharacterCodingFailure(String message) {
      this.message = message;
    }

    @Override
    public String getMessage() {
      return message;
    }
  }
}
