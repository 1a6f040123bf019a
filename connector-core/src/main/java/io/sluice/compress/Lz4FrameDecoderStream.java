package io.sluice.compress;

import java.io.IOException;
import java.io.InputStream;
import net.jpountz.xxhash.StreamingXXHash32;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Reads LZ4 frames (the LZ4 frame format specification, v1.6) of either block mode, concatenated
 * frames and skippable frames included, with {@link Lz4BlockDecoder}. It exists for frames of
 * linked blocks (the default of liblz4, the {@code lz4} tool's {@code -BD} and PyArrow), whose
 * blocks may copy from the 64 KiB before them: lz4-java's frame reader refuses them, and
 * commons-compress' pure-Java reader decodes them some 25 times slower than native code.
 *
 * <p>Decoded blocks go into one window array that keeps the frame's last 64 KiB in front of the
 * block being decoded; when the next block would not fit, those 64 KiB move to the front (one small
 * copy every few blocks: the window holds the history plus at least two maximum-size blocks and at
 * least 1 MiB). Readers are handed bytes straight out of the window.
 *
 * <p>Checked, each failure an {@link IOException} starting with the codec name: magic numbers
 * (bytes after the last frame that are not another frame are trailing garbage), version and
 * reserved bits, the header checksum, block sizes against the frame's block maximum, block
 * checksums, content checksums, the declared content size, and every field of every block
 * ({@link Lz4BlockDecoder}). Input that ends early is an {@link java.io.EOFException}. Frames that
 * need a dictionary (a dictionary ID) are refused: no dictionary can be supplied.
 *
 * <p>Memory: per frame a window of 64 KiB + max(2 blocks, 1 MiB) and one compressed block, both
 * bounded by the largest block maximum (4 MiB), reused across frames.
 */
final class Lz4FrameDecoderStream extends DecoderInputStream {
  private static final int FRAME_MAGIC = 0x184D2204;
  private static final int SKIPPABLE_MAGIC_MASK = 0xFFFFFFF0;
  private static final int SKIPPABLE_MAGIC = 0x184D2A50;
  private static final int HISTORY = 64 * 1024;
  private static final int MIN_WINDOW_SPAN = 1 << 20;
  private static final int FLG_VERSION_SHIFT = 6;
  private static final int FLG_BLOCK_INDEPENDENCE = 0x20;
  private static final int FLG_BLOCK_CHECKSUM = 0x10;
  private static final int FLG_CONTENT_SIZE = 0x08;
  private static final int FLG_CONTENT_CHECKSUM = 0x04;
  private static final int FLG_RESERVED = 0x02;
  private static final int FLG_DICTIONARY_ID = 0x01;
  private static final int BD_RESERVED = 0x8F;

  private final InputStream in;
  private final XXHash32 blockHash = XXHashFactory.fastestInstance().hash32();
  private final StreamingXXHash32 contentHash = XXHashFactory.fastestInstance().newStreamingHash32(0);
  /** Small reads: magic numbers, headers, sizes, checksums. */
  private final byte[] field = new byte[16];
  /** One compressed block, with {@link Lz4BlockDecoder#SLACK} spare bytes. */
  private byte[] input = new byte[0];
  /** History and decoded output, with {@link Lz4BlockDecoder#SLACK} spare bytes. */
  private byte[] window = new byte[0];
  /** Decoded bytes not handed out yet: {@code window[outPos, outLimit)}. */
  private int outPos;
  private int outLimit;
  /** Where the next block decodes to, and where the current frame's output still held starts. */
  private int writePos;
  private int frameStart;
  private long compressedOffset;
  private int frames;
  private boolean inFrame;
  private boolean ended;

  // the current frame's descriptor
  private boolean independentBlocks;
  private boolean blockChecksum;
  private boolean contentChecksum;
  private long contentSize;
  private int blockMax;
  private long frameOutput;

  Lz4FrameDecoderStream(String codecName, InputStream in) {
    super(codecName);
    this.in = in;
  }

  @Override
  int readDecoded(byte[] b, int off, int len) throws IOException {
    while (outPos == outLimit) {
      if (ended) {
        return -1;
      }
      if (!inFrame) {
        if (!startFrame()) {
          ended = true;
          return -1;
        }
      } else {
        decodeNextBlock();
      }
    }
    int n = Math.min(len, outLimit - outPos);
    System.arraycopy(window, outPos, b, off, n);
    outPos += n;
    return n;
  }

  /** Reads the next frame's header, skipping skippable frames; false at a clean end of input. */
  private boolean startFrame() throws IOException {
    while (true) {
      long at = compressedOffset;
      int got = readFully(field, 0, 4);
      if (got == 0 && frames > 0) {
        return false;
      }
      if (got < 4) {
        throw truncated(got == 0 ? "empty input" : "input ended inside the magic number at offset " + at);
      }
      int magic = intLE(field, 0);
      if ((magic & SKIPPABLE_MAGIC_MASK) == SKIPPABLE_MAGIC) {
        skipFrame(at);
        continue;
      }
      if (magic != FRAME_MAGIC) {
        throw failure((frames == 0 ? "not an LZ4 frame" : "trailing garbage after frame " + frames) + ": bytes 0x"
            + String.format("%08X", Integer.reverseBytes(magic)) + " at offset " + at
            + " are not an LZ4 frame magic number");
      }
      readFrameDescriptor(at);
      return true;
    }
  }

  private void skipFrame(long at) throws IOException {
    requireFully(field, 0, 4, "the size of the skippable frame at offset " + at);
    long remaining = intLE(field, 0) & 0xFFFFFFFFL;
    byte[] scratch = new byte[(int) Math.min(remaining, 8192)];
    while (remaining > 0) {
      int n = readFully(scratch, 0, (int) Math.min(remaining, scratch.length));
      if (n == 0) {
        throw truncated("input ended inside the skippable frame at offset " + at + " with " + remaining
            + " of its bytes missing");
      }
      remaining -= n;
    }
  }

  private void readFrameDescriptor(long at) throws IOException {
    String where = "the header of frame " + (frames + 1) + " at offset " + at;
    requireFully(field, 0, 2, where);
    int flg = field[0] & 0xFF;
    int bd = field[1] & 0xFF;
    int length = 2 + ((flg & FLG_CONTENT_SIZE) != 0 ? 8 : 0) + ((flg & FLG_DICTIONARY_ID) != 0 ? 4 : 0);
    requireFully(field, 2, length - 2 + 1, where); // the optional fields and the header checksum
    int expectedChecksum = (blockHash.hash(field, 0, length, 0) >>> 8) & 0xFF;
    if ((field[length] & 0xFF) != expectedChecksum) {
      throw corruptFrame("header checksum 0x" + hex2(field[length] & 0xFF) + " of frame " + (frames + 1)
          + " at offset " + at + " does not match its header (0x" + hex2(expectedChecksum) + ")");
    }
    if (flg >>> FLG_VERSION_SHIFT != 1) {
      throw corruptFrame("frame " + (frames + 1) + " at offset " + at + " has version " + (flg >>> FLG_VERSION_SHIFT)
          + ", only version 1 exists");
    }
    if ((flg & FLG_RESERVED) != 0 || (bd & BD_RESERVED) != 0) {
      throw corruptFrame("frame " + (frames + 1) + " at offset " + at + " sets reserved bits (FLG 0x" + hex2(flg)
          + ", BD 0x" + hex2(bd) + ")");
    }
    if ((flg & FLG_DICTIONARY_ID) != 0) {
      throw failure("frame " + (frames + 1) + " at offset " + at + " needs dictionary 0x"
          + Integer.toHexString(intLE(field, length - 4)) + "; decoding with a dictionary is not supported");
    }
    int blockMaxId = (bd >>> 4) & 0x07;
    if (blockMaxId < 4) {
      throw corruptFrame("frame " + (frames + 1) + " at offset " + at + " has block maximum size code " + blockMaxId
          + " (valid: 4 to 7)");
    }
    blockMax = 1 << (8 + 2 * blockMaxId);
    independentBlocks = (flg & FLG_BLOCK_INDEPENDENCE) != 0;
    blockChecksum = (flg & FLG_BLOCK_CHECKSUM) != 0;
    contentChecksum = (flg & FLG_CONTENT_CHECKSUM) != 0;
    contentSize = (flg & FLG_CONTENT_SIZE) != 0 ? longLE(field, 2) : -1;
    if ((flg & FLG_CONTENT_SIZE) != 0 && contentSize < 0) {
      throw corruptFrame("frame " + (frames + 1) + " at offset " + at + " declares a content size over 2^63 bytes");
    }
    int windowLength = HISTORY + Math.max(2 * blockMax, MIN_WINDOW_SPAN) + Lz4BlockDecoder.SLACK;
    if (window.length < windowLength) {
      window = new byte[windowLength];
    }
    writePos = 0;
    frameStart = 0;
    frameOutput = 0;
    contentHash.reset();
    inFrame = true;
  }

  private void decodeNextBlock() throws IOException {
    long at = compressedOffset;
    requireFully(field, 0, 4, "the size of a block of frame " + (frames + 1) + " at offset " + at);
    int sizeField = intLE(field, 0);
    if (sizeField == 0) {
      endFrame();
      return;
    }
    boolean stored = sizeField < 0; // the high bit marks a block kept uncompressed
    int size = sizeField & 0x7FFFFFFF;
    if (size > blockMax) {
      throw corruptFrame("block size " + size + " at offset " + at + " is more than the frame's block maximum "
          + blockMax);
    }
    if (input.length < size + Lz4BlockDecoder.SLACK) {
      input = new byte[Math.max(size, Math.min(blockMax, 2 * input.length)) + Lz4BlockDecoder.SLACK];
    }
    requireFully(input, 0, size, "the block of " + size + " bytes at offset " + at);
    if (blockChecksum) {
      requireFully(field, 0, 4, "the checksum of the block at offset " + at);
      int expected = intLE(field, 0);
      int actual = blockHash.hash(input, 0, size, 0);
      if (expected != actual) {
        throw corruptFrame("block checksum mismatch for the block at offset " + at + ": 0x"
            + Integer.toHexString(expected) + " stored, 0x" + Integer.toHexString(actual) + " computed");
      }
    }
    if (writePos + blockMax > window.length - Lz4BlockDecoder.SLACK) {
      slideWindow();
    }
    int start = writePos;
    int end;
    if (stored) {
      System.arraycopy(input, 0, window, start, size);
      end = start + size;
    } else {
      end = Lz4BlockDecoder.decode(codecName(), input, 0, size, window, start,
          independentBlocks ? start : frameStart, start + blockMax);
    }
    if (contentChecksum) {
      contentHash.update(window, start, end - start);
    }
    frameOutput += end - start;
    if (contentSize >= 0 && frameOutput > contentSize) {
      throw corruptFrame("frame " + (frames + 1) + " decodes to more than its declared content size " + contentSize);
    }
    writePos = end;
    outPos = start;
    outLimit = end;
  }

  /** Moves the history linked blocks may copy from (the last 64 KiB of the frame) to the front. */
  private void slideWindow() {
    int keep = independentBlocks ? 0 : Math.min(HISTORY, writePos - frameStart);
    System.arraycopy(window, writePos - keep, window, 0, keep);
    frameStart = 0;
    writePos = keep;
  }

  private void endFrame() throws IOException {
    if (contentChecksum) {
      requireFully(field, 0, 4, "the content checksum of frame " + (frames + 1));
      int expected = intLE(field, 0);
      int actual = contentHash.getValue();
      if (expected != actual) {
        throw corruptFrame("content checksum mismatch in frame " + (frames + 1) + ": 0x" + Integer.toHexString(expected)
            + " stored, 0x" + Integer.toHexString(actual) + " computed");
      }
    }
    if (contentSize >= 0 && frameOutput != contentSize) {
      throw corruptFrame("frame " + (frames + 1) + " decodes to " + frameOutput + " bytes, its header declares "
          + contentSize);
    }
    inFrame = false;
    frames++;
  }

  /** Reads up to {@code len} bytes, fewer only at the end of input. */
  private int readFully(byte[] b, int off, int len) throws IOException {
    int filled = readUpTo(in, b, off, len);
    compressedOffset += filled;
    return filled;
  }

  private void requireFully(byte[] b, int off, int len, String what) throws IOException {
    int got = readFully(b, off, len);
    if (got < len) {
      throw truncated("input ended inside " + what + " (" + got + " of " + len + " bytes)");
    }
  }

  private IOException corruptFrame(String detail) {
    return failure("corrupt LZ4 frame: " + detail);
  }

  private static int intLE(byte[] b, int off) {
    return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
  }

  private static long longLE(byte[] b, int off) {
    return (intLE(b, off) & 0xFFFFFFFFL) | (long) intLE(b, off + 4) << 32;
  }

  private static String hex2(int value) {
    return String.format("%02X", value);
  }

  @Override
  void release() throws IOException {
    try {
      contentHash.close(); // the native hash frees its state now rather than at GC
    } finally {
      in.close();
    }
  }
}
