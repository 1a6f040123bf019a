package io.sluice.compress;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads Hadoop's block framing ({@code BlockDecompressorStream}): blocks of a 4-byte big-endian
 * raw length followed by 4-byte big-endian length-prefixed compressed chunks until the block's raw
 * bytes are complete. Stricter than Hadoop, which treats a stream cut inside a length field as a
 * clean end: here that is a truncation error. A zero raw length (Hadoop's empty stream) is an
 * empty block, so concatenated files read whole. A length field that cannot be a length is
 * corruption, never an end of data: a negative block length (such as {@code 0xFFFFFFFF}), a chunk
 * length that is not positive, or one larger than the most its block's remaining raw bytes can
 * compress to ({@link HadoopBlockFormat#maxCompressedLength}).
 *
 * <p>Memory: buffers grow only as compressed bytes actually arrive, and a chunk's output buffer is
 * bounded by what its compressed bytes can decode to; both are reused across chunks.
 */
final class HadoopBlockInputStream extends DecoderInputStream {
  /** Larger chunks than any Hadoop writer produces (its buffers are int-sized arrays). */
  private static final int MAX_CHUNK = Integer.MAX_VALUE - 64;
  /** What {@link #readLength} returns at a clean end: outside the int range, so no field can be it. */
  private static final long END_OF_INPUT = Long.MIN_VALUE;

  private final InputStream in;
  private final HadoopBlockFormat format;
  private final byte[] lengthField = new byte[4];
  private byte[] compressed = new byte[64 * 1024];
  private byte[] output = new byte[0];
  private int outputPos;
  private int outputLimit;
  private long blockRemaining; // raw bytes of the current block not yet decoded
  private long compressedOffset;
  private boolean eof;

  HadoopBlockInputStream(String codecName, InputStream in, HadoopBlockFormat format) {
    super(codecName);
    this.in = in;
    this.format = format;
  }

  @Override
  int readDecoded(byte[] b, int off, int len) throws IOException {
    while (outputPos == outputLimit) {
      if (eof || !decodeNextChunk()) {
        eof = true;
        return -1;
      }
    }
    int n = Math.min(len, outputLimit - outputPos);
    System.arraycopy(output, outputPos, b, off, n);
    outputPos += n;
    return n;
  }

  /** Decodes the next chunk into {@link #output}; false at a clean end of input. */
  private boolean decodeNextChunk() throws IOException {
    while (blockRemaining == 0) {
      long at = compressedOffset;
      long rawLength = readLength(true);
      if (rawLength == END_OF_INPUT) {
        return false;
      }
      if (rawLength < 0) {
        throw corrupt("block length field " + hex(rawLength) + " at offset " + at + " is negative");
      }
      blockRemaining = rawLength;
    }
    long at = compressedOffset;
    long field = readLength(false);
    if (field <= 0) {
      throw corrupt("chunk length field " + hex(field) + " at offset " + at + " is not positive");
    }
    int compressedLength = (int) field;
    long mostPossible = Math.min(MAX_CHUNK, format.maxCompressedLength(blockRemaining));
    if (compressedLength > mostPossible) {
      throw corrupt("chunk length " + compressedLength + " at offset " + at + " is more than " + mostPossible
          + ", the most " + blockRemaining + " raw bytes can compress to");
    }
    readChunk(compressedLength);
    long bound = Math.min(blockRemaining, format.decompressedLengthBound(compressed, 0, compressedLength));
    if (bound < 0 || bound > MAX_CHUNK) {
      throw corrupt("chunk at offset " + at + " declares an impossible decompressed length " + bound);
    }
    if (output.length < bound) {
      output = new byte[(int) Math.max(bound, Math.min(MAX_CHUNK, output.length * 2L))];
    }
    int produced;
    try {
      produced = format.decompress(compressed, 0, compressedLength, output, (int) bound);
    } catch (IOException e) {
      throw corrupt("chunk at offset " + at + ": " + e.getMessage());
    }
    if (produced > blockRemaining) {
      throw corrupt("chunk at offset " + at + " decodes to " + produced + " bytes, more than the "
          + blockRemaining + " left in its block");
    }
    blockRemaining -= produced;
    outputPos = 0;
    outputLimit = produced;
    return true;
  }

  /**
   * A big-endian signed 32-bit length field; {@link #END_OF_INPUT} (which no int can be) at a
   * clean end of input when {@code endAllowed}.
   */
  private long readLength(boolean endAllowed) throws IOException {
    int filled = readFully(lengthField, 0, 4);
    if (filled == 0 && endAllowed) {
      return END_OF_INPUT;
    }
    if (filled < 4) {
      throw truncated("input ended inside a " + (endAllowed ? "block" : "chunk")
          + " length at offset " + (compressedOffset - filled) + (endAllowed ? "" : " with " + blockRemaining
          + " bytes of the block still expected"));
    }
    return ((lengthField[0] & 0xFF) << 24) | ((lengthField[1] & 0xFF) << 16) | ((lengthField[2] & 0xFF) << 8)
        | (lengthField[3] & 0xFF);
  }

  private void readChunk(int length) throws IOException {
    // Grow with the bytes that really arrive: a hostile length alone allocates nothing.
    int filled = 0;
    while (filled < length) {
      if (filled == compressed.length) {
        compressed = Arrays.copyOf(compressed, (int) Math.min(length, compressed.length * 2L));
      }
      int n = readFully(compressed, filled, Math.min(length, compressed.length) - filled);
      filled += n;
      if (n == 0) {
        throw truncated("chunk of " + length + " bytes ends after "
            + filled + " bytes");
      }
    }
  }

  private int readFully(byte[] b, int off, int len) throws IOException {
    int filled = readUpTo(in, b, off, len);
    compressedOffset += filled;
    return filled;
  }

  private static String hex(long field) {
    return String.format("0x%08x (%d)", (int) field, (int) field);
  }

  private IOException corrupt(String detail) {
    return failure("corrupt Hadoop block stream: " + detail);
  }

  @Override
  void release() throws IOException {
    in.close();
  }
}
