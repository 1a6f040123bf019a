package io.sluice.compress;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes Hadoop's block framing ({@code BlockCompressorStream}), as Hadoop's {@code Lz4Codec}
 * and {@code SnappyCodec} do: each block is a 4-byte big-endian raw length followed by one
 * 4-byte big-endian length-prefixed compressed chunk. Blocks hold at most as many raw bytes as
 * Hadoop's own writer puts in one, so Hadoop's fixed-size decompressor buffers fit every chunk.
 * An empty stream is written as Hadoop writes it: a single zero raw length.
 */
final class HadoopBlockOutputStream extends OutputStream {
  private final OutputStream out;
  private final HadoopBlockFormat format;
  private final byte[] raw;
  private int rawFill;
  private final byte[] compressed;
  private boolean wroteBlock;
  private boolean closed;

  HadoopBlockOutputStream(OutputStream out, HadoopBlockFormat format, int blockSize) {
    this.out = out;
    this.format = format;
    this.raw = new byte[blockSize];
    this.compressed = new byte[8 + format.maxCompressedLength(blockSize)];
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    ensureOpen();
    while (len > 0) {
      int n = Math.min(len, raw.length - rawFill);
      System.arraycopy(b, off, raw, rawFill, n);
      rawFill += n;
      off += n;
      len -= n;
      if (rawFill == raw.length) {
        writeBlock();
      }
    }
  }

  private void writeBlock() throws IOException {
    int compressedLength = format.compress(raw, 0, rawFill, compressed, 8);
    putInt(compressed, 0, rawFill);
    putInt(compressed, 4, compressedLength);
    out.write(compressed, 0, 8 + compressedLength);
    rawFill = 0;
    wroteBlock = true;
  }

  private static void putInt(byte[] b, int at, int value) {
    b[at] = (byte) (value >>> 24);
    b[at + 1] = (byte) (value >>> 16);
    b[at + 2] = (byte) (value >>> 8);
    b[at + 3] = (byte) value;
  }

  /** Ends the current block early so everything written so far is decodable, then flushes. */
  @Override
  public void flush() throws IOException {
    ensureOpen();
    if (rawFill > 0) {
      writeBlock();
    }
    out.flush();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (OutputStream target = out) {
      if (rawFill > 0) {
        writeBlock();
      } else if (!wroteBlock) {
        target.write(new byte[4]); // Hadoop's empty stream: raw length 0
      }
    }
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("Hadoop block stream is closed");
    }
  }
}
