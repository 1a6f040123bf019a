package io.sluice.compress;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a sequence of gzip members (RFC 1952) or zlib streams (RFC 1950) with one
 * {@link Inflater}. Unlike {@link java.util.zip.GZIPInputStream}, which silently stops at bytes
 * that are not a gzip header, anything after the last member that is not another complete member
 * is an error, as is a truncated member. The gzip trailer (CRC-32 and size) is verified; zlib's
 * Adler-32 is verified by the inflater.
 */
final class InflatingInputStream extends DecoderInputStream {
  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;
  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;
  private static final int FRESERVED = 0xE0;

  private final boolean gzip;
  private final InputStream in;
  private final Inflater inflater;
  private final byte[] input = new byte[64 * 1024];
  private int inputPos;
  private int inputLimit;
  private final CRC32 crc = new CRC32();
  private long memberOutput;
  private long compressedOffset; // bytes consumed from `in` before `input[0]`, for error messages
  private boolean inMember;
  private boolean eof;
  private int members;

  InflatingInputStream(String codecName, boolean gzip, InputStream in) {
    super(codecName);
    this.gzip = gzip;
    this.in = in;
    this.inflater = new Inflater(gzip); // gzip: raw deflate, we parse the wrapper ourselves
  }

  @Override
  int readDecoded(byte[] b, int off, int len) throws IOException {
    while (!eof) {
      if (!inMember) {
        if (!startMember()) {
          eof = true;
          break;
        }
      }
      int n;
      try {
        n = inflater.inflate(b, off, len);
      } catch (DataFormatException e) {
        throw new IOException(codecName() + ": corrupt data in member " + members + ": " + e.getMessage(), e);
      }
      if (n > 0) {
        if (gzip) {
          crc.update(b, off, n);
        }
        memberOutput += n;
        return n;
      }
      if (inflater.finished()) {
        inputPos = inputLimit - inflater.getRemaining();
        finishMember();
      } else if (inflater.needsDictionary()) {
        throw failure("stream needs a preset dictionary, which is not supported");
      } else if (inflater.needsInput()) {
        if (!fill()) {
          throw truncated("input ended inside member " + members);
        }
        inflater.setInput(input, inputPos, inputLimit - inputPos);
      } else {
        // Not expected from zlib; failing beats spinning forever on a state we do not understand.
        throw failure("inflater made no progress in member " + members);
      }
    }
    return -1;
  }

  /** Reads the next member's header; false at a clean end of input after at least one member. */
  private boolean startMember() throws IOException {
    if (inputPos == inputLimit && !fill()) {
      if (members == 0) {
        throw new EOFException(codecName() + ": empty input");
      }
      return false;
    }
    if (gzip) {
      readGzipHeader();
    }
    inflater.reset();
    inflater.setInput(input, inputPos, inputLimit - inputPos);
    crc.reset();
    memberOutput = 0;
    inMember = true;
    members++;
    return true;
  }

  private void readGzipHeader() throws IOException {
    long headerOffset = compressedOffset + inputPos;
    int magic1 = headerByte();
    int magic2 = headerByte();
    if (magic1 != GZIP_MAGIC_1 || magic2 != GZIP_MAGIC_2) {
      throw failure((members == 0 ? "not gzip data" : "trailing garbage after member " + members)
          + ": bytes 0x" + String.format("%02X%02X", magic1, magic2) + " at offset " + headerOffset
          + " are not the gzip magic 0x1F8B");
    }
    int method = headerByte();
    if (method != 8) {
      throw failure("unsupported compression method " + method + " at offset " + headerOffset);
    }
    int flags = headerByte();
    if ((flags & FRESERVED) != 0) {
      throw failure("reserved header flags set: 0x" + Integer.toHexString(flags));
    }
    skipHeaderBytes(6); // MTIME, XFL, OS
    if ((flags & FEXTRA) != 0) {
      int extraLength = headerByte() | (headerByte() << 8);
      skipHeaderBytes(extraLength);
    }
    if ((flags & FNAME) != 0) {
      while (headerByte() != 0) { /* skip file name */ }
    }
    if ((flags & FCOMMENT) != 0) {
      while (headerByte() != 0) { /* skip comment */ }
    }
    if ((flags & FHCRC) != 0) {
      skipHeaderBytes(2);
    }
  }

  private void finishMember() throws IOException {
    if (gzip) {
      long expectedCrc = headerByte() | (headerByte() << 8) | (headerByte() << 16) | ((long) headerByte() << 24);
      long expectedSize = headerByte() | (headerByte() << 8) | (headerByte() << 16) | ((long) headerByte() << 24);
      if (expectedCrc != crc.getValue()) {
        throw failure("CRC-32 mismatch in member " + members + ": trailer says 0x"
            + Long.toHexString(expectedCrc) + ", data has 0x" + Long.toHexString(crc.getValue()));
      }
      if (expectedSize != (memberOutput & 0xFFFFFFFFL)) {
        throw failure("size mismatch in member " + members + ": trailer says "
            + expectedSize + ", data has " + memberOutput + " (mod 2^32)");
      }
    }
    inMember = false;
  }

  private int headerByte() throws IOException {
    if (inputPos == inputLimit && !fill()) {
      throw truncated("input ended inside the header or trailer of member "
          + (members + (inMember ? 0 : 1)));
    }
    return input[inputPos++] & 0xFF;
  }

  private void skipHeaderBytes(int count) throws IOException {
    for (int i = 0; i < count; i++) {
      headerByte();
    }
  }

  /** Refills {@link #input} when it is used up; false at end of input. */
  private boolean fill() throws IOException {
    compressedOffset += inputLimit;
    inputPos = 0;
    inputLimit = 0;
    int n;
    do {
      n = in.read(input, 0, input.length);
    } while (n == 0);
    if (n < 0) {
      return false;
    }
    inputLimit = n;
    return true;
  }

  @Override
  void release() throws IOException {
    inflater.end(); // frees native memory now rather than at GC
    in.close();
  }
}
