package io.sluice.compress;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Magic numbers of the formats that share a file extension, and peeking at a stream's start. */
final class MagicBytes {
  /** LZ4 frame magic 0x184D2204, little-endian on disk. */
  private static final byte[] LZ4_FRAME = {0x04, 0x22, 0x4D, 0x18};
  /** Snappy framing stream identifier chunk: type 0xFF, length 6, "sNaPpY". */
  private static final byte[] SNAPPY_FRAMED = {(byte) 0xFF, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y'};

  private MagicBytes() {}

  /** Reads up to {@code n} bytes, fewer only at end of input. */
  static byte[] peek(InputStream in, int n) throws IOException {
    byte[] head = new byte[n];
    int filled = 0;
    while (filled < n) {
      int r = in.read(head, filled, n - filled);
      if (r < 0) {
        break;
      }
      filled += r;
    }
    return filled == n ? head : Arrays.copyOf(head, filled);
  }

  /** An LZ4 frame, or an LZ4 skippable frame (magic 0x184D2A50..0x184D2A5F). */
  static boolean isLz4Frame(byte[] head) {
    if (head.length < 4) {
      return false;
    }
    if (Arrays.equals(head, 0, 4, LZ4_FRAME, 0, 4)) {
      return true;
    }
    return (head[0] & 0xF0) == 0x50 && head[1] == 0x2A && head[2] == 0x4D && head[3] == 0x18;
  }

  static boolean isSnappyFramed(byte[] head) {
    return head.length >= SNAPPY_FRAMED.length && Arrays.equals(head, 0, SNAPPY_FRAMED.length, SNAPPY_FRAMED, 0,
        SNAPPY_FRAMED.length);
  }

  static int snappyFramedMagicLength() {
    return SNAPPY_FRAMED.length;
  }
}
