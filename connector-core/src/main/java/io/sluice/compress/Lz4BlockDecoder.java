package io.sluice.compress;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Decodes one LZ4 block (the sequence format of the LZ4 block specification) into a byte array
 * that may already hold the bytes the block refers back to: the previous blocks of a frame with
 * linked blocks, which lz4-java cannot be given. Every field is checked before it is used, so
 * hostile input ends in an {@link IOException} naming the codec and the problem, never in an
 * array index error or in output outside {@code [outputStart, outputLimit)}.
 *
 * <p>Speed comes from copying 8 or 16 bytes at a time (byte-array long views) rather than byte by
 * byte. Those wide copies may read up to {@link #SLACK} bytes past the end of the input block and
 * write up to {@link #SLACK} bytes past {@code outputLimit}, so both arrays must have that much
 * room after the block; the bytes written there are garbage that later output overwrites.
 */
final class Lz4BlockDecoder {
  /** Spare bytes both arrays must have after the block for the wide copies. */
  static final int SLACK = 32;
  /** How far back a match can reach: offsets are 16-bit. */
  static final int MAX_OFFSET = 65535;
  private static final int MIN_MATCH = 4;
  /** The largest block the frame format has (4 MiB); length fields of such a block cannot overflow an int. */
  static final int MAX_BLOCK = 4 << 20;
  /** Literal bytes the fast path copies at once, and match bytes (the longest match without a length extension). */
  private static final int FAST_LITERALS = 16;
  private static final int FAST_MATCH = 18;
  /** Literal runs up to this long are copied 16 bytes at a time; longer ones by System.arraycopy. */
  private static final int WILD_COPY_MAX = 64;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  private Lz4BlockDecoder() {}

  /**
   * Decodes the block {@code src[srcStart, srcEnd)} to {@code dst} from {@code outputStart}.
   *
   * @param historyStart the first byte of {@code dst} a match may copy from (the start of the
   *     frame's output still held for linked blocks, {@code outputStart} for independent ones)
   * @param outputLimit the block may not decode past this index (its frame's block maximum)
   * @return the index after the last decoded byte
   * @throws IOException naming {@code codecName} when the block is malformed
   */
  static int decode(String codecName, byte[] src, int srcStart, int srcEnd, byte[] dst, int outputStart,
      int historyStart, int outputLimit) throws IOException {
    if (srcEnd + SLACK > src.length || outputLimit + SLACK > dst.length || historyStart > outputStart
        || srcEnd - srcStart > MAX_BLOCK) {
      throw new IllegalArgumentException("block over " + MAX_BLOCK + " bytes, arrays without slack, or history after"
          + " the output start");
    }
    int sp = srcStart;
    int dp = outputStart;
    // Sequences far enough from both ends take the fast path: short literal runs and short matches
    // at offsets >= 8 are copied 16 and 18 bytes wide with one bounds test each, as liblz4 does.
    int fastSrcEnd = srcEnd - FAST_LITERALS - 2;
    int fastDstEnd = outputLimit - FAST_LITERALS - FAST_MATCH;
    while (true) {
      if (sp >= srcEnd) {
        throw corrupt(codecName, "block ends where a sequence token was expected", outputStart, dp);
      }
      int token = src[sp++] & 0xFF;

      int literals = token >>> 4;
      if (literals != 15 && sp <= fastSrcEnd && dp <= fastDstEnd) {
        // < 15 literals, followed by at least an offset: not the last sequence
        LONGS.set(dst, dp, (long) LONGS.get(src, sp));
        LONGS.set(dst, dp + 8, (long) LONGS.get(src, sp + 8));
        sp += literals;
        dp += literals;
      } else {
        if (literals == 15) {
          int more;
          do {
            if (sp >= srcEnd) {
              throw corrupt(codecName, "block ends inside a literal length", outputStart, dp);
            }
            more = src[sp++] & 0xFF;
            literals += more;
          } while (more == 255); // no overflow: a block of at most 4 MiB cannot sum past 2^31
        }
        if (literals > srcEnd - sp) {
          throw overrun(codecName, "literal run", literals, "the block's " + (srcEnd - sp) + " remaining input bytes",
              outputStart, dp);
        }
        if (literals > outputLimit - dp) {
          throw overrun(codecName, "literal run", literals, "the block maximum by " + (literals - (outputLimit - dp))
              + " bytes", outputStart, dp);
        }
        if (literals <= WILD_COPY_MAX) {
          // 16 bytes at a time; the last step may run up to 15 bytes into the slack
          int end = dp + literals;
          int s = sp;
          int d = dp;
          do {
            LONGS.set(dst, d, (long) LONGS.get(src, s));
            LONGS.set(dst, d + 8, (long) LONGS.get(src, s + 8));
            s += 16;
            d += 16;
          } while (d < end);
        } else {
          System.arraycopy(src, sp, dst, dp, literals);
        }
        sp += literals;
        dp += literals;
        if (sp == srcEnd) {
          return dp; // the last sequence has literals only
        }
        if (srcEnd - sp < 2) {
          throw corrupt(codecName, "block ends inside a match offset", outputStart, dp);
        }
      }

      int offset = (short) SHORTS.get(src, sp) & 0xFFFF;
      sp += 2;
      int matchLength = token & 0x0F;
      int from = dp - offset;
      if (matchLength != 15 && offset >= 8 && from >= historyStart && dp <= outputLimit - FAST_MATCH) {
        // 4..18 bytes, none of them overlapping what they copy: two longs and a short
        LONGS.set(dst, dp, (long) LONGS.get(dst, from));
        LONGS.set(dst, dp + 8, (long) LONGS.get(dst, from + 8));
        SHORTS.set(dst, dp + 16, (short) SHORTS.get(dst, from + 16));
        dp += matchLength + MIN_MATCH;
        continue;
      }
      if (matchLength == 15) {
        int more;
        do {
          if (sp >= srcEnd) {
            throw corrupt(codecName, "block ends inside a match length", outputStart, dp);
          }
          more = src[sp++] & 0xFF;
          matchLength += more;
        } while (more == 255);
      }
      matchLength += MIN_MATCH;
      if (offset == 0) {
        throw corrupt(codecName, "match offset 0 (not a valid offset)", outputStart, dp);
      }
      if (from < historyStart) {
        throw corrupt(codecName, "match offset " + offset + " reaches before the window ("
            + (dp - historyStart) + " bytes of history)", outputStart, dp);
      }
      if (matchLength > outputLimit - dp) {
        throw overrun(codecName, "match", matchLength, "the block maximum by " + (matchLength - (outputLimit - dp))
            + " bytes", outputStart, dp);
      }
      dp = copyMatch(dst, from, dp, matchLength, offset);
    }
  }

  /**
   * Copies {@code length} bytes from {@code from} to {@code dp} in {@code dst}, where the source may
   * overlap the destination (a short offset repeats a pattern). Returns {@code dp + length}.
   */
  private static int copyMatch(byte[] dst, int from, int dp, int length, int offset) {
    int end = dp + length;
    if (offset >= 16) {
      do {
        LONGS.set(dst, dp, (long) LONGS.get(dst, from));
        LONGS.set(dst, dp + 8, (long) LONGS.get(dst, from + 8));
        dp += 16;
        from += 16;
      } while (dp < end);
      return end;
    }
    if (offset >= 8) {
      do {
        LONGS.set(dst, dp, (long) LONGS.get(dst, from));
        dp += 8;
        from += 8;
      } while (dp < end);
      return end;
    }
    // Offsets 1..7 repeat a pattern of `offset` bytes. Copy the first 8 bytes one at a time; after
    // that every byte equals the one `step` bytes back, a multiple of the offset >= 8, so the rest
    // can go 8 bytes at a time.
    int bytewise = Math.min(length, 8);
    for (int i = 0; i < bytewise; i++) {
      dst[dp + i] = dst[from + i];
    }
    if (length > 8) {
      int step = offset * ((8 + offset - 1) / offset);
      int at = dp + 8;
      do {
        LONGS.set(dst, at, (long) LONGS.get(dst, at - step));
        at += 8;
      } while (at < end);
    }
    return end;
  }

  private static IOException overrun(String codecName, String what, int length, String overruns, int outputStart,
      int dp) {
    return corrupt(codecName, what + " of " + length + " bytes overruns " + overruns, outputStart, dp);
  }

  private static IOException corrupt(String codecName, String detail, int outputStart, int dp) {
    return new IOException(codecName + ": corrupt LZ4 block: " + detail + " (at output byte " + (dp - outputStart)
        + " of the block)");
  }
}
