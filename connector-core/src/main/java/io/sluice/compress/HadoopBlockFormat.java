package io.sluice.compress;

import java.io.IOException;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.xerial.snappy.Snappy;

/** The raw block compression inside Hadoop's block framing: LZ4 blocks or raw Snappy. */
abstract class HadoopBlockFormat {
  /**
   * Hadoop's default codec buffer ({@code io.compression.codec.lz4.buffersize} and
   * {@code io.compression.codec.snappy.buffersize}): its decompressors hold one chunk's input and
   * output in buffers of this size.
   */
  static final int HADOOP_BUFFER_SIZE = 256 * 1024;
  /** Raw bytes per chunk Hadoop's Lz4Codec writes: buffer minus its worst-case overhead (size/255 + 16). */
  static final int LZ4_MAX_INPUT = HADOOP_BUFFER_SIZE - (HADOOP_BUFFER_SIZE / 255 + 16);
  /** Raw bytes per chunk Hadoop's SnappyCodec writes: buffer minus overhead (size/6 + 32). */
  static final int SNAPPY_MAX_INPUT = HADOOP_BUFFER_SIZE - (HADOOP_BUFFER_SIZE / 6 + 32);

  static final HadoopBlockFormat LZ4 = lz4Compressor(1);
  static final HadoopBlockFormat SNAPPY = new SnappyBlocks();

  static HadoopBlockFormat lz4Compressor(int level) {
    return new Lz4Blocks(Lz4FrameCodec.compressor(level));
  }

  abstract int maxCompressedLength(int rawLength);

  /**
   * The most {@code rawLength} bytes can compress to, for any {@code rawLength} a block field can
   * hold (the int bound formulas would overflow past about 2 GB).
   */
  abstract long maxCompressedLength(long rawLength);

  abstract int compress(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff) throws IOException;

  /**
   * An upper bound of what {@code src} decompresses to. Derived from bytes actually read, so a
   * hostile length field cannot make the reader allocate more than a fixed multiple of its input.
   */
  abstract long decompressedLengthBound(byte[] src, int off, int len) throws IOException;

  /** Decompresses one chunk into {@code dst}; returns the bytes produced. */
  abstract int decompress(byte[] src, int off, int len, byte[] dst, int maxDstLen) throws IOException;

  private static final class Lz4Blocks extends HadoopBlockFormat {
    private final LZ4Compressor compressor;
    // The safe decompressor checks every offset against both buffers: hostile input cannot make it
    // read or write out of bounds (unlike the "fast" one that trusts a declared length).
    private final LZ4SafeDecompressor decompressor = LZ4Factory.fastestInstance().safeDecompressor();

    Lz4Blocks(LZ4Compressor compressor) {
      this.compressor = compressor;
    }

    @Override
    int maxCompressedLength(int rawLength) {
      return compressor.maxCompressedLength(rawLength);
    }

    @Override
    long maxCompressedLength(long rawLength) {
      return rawLength + rawLength / 255 + 16; // LZ4_COMPRESSBOUND
    }

    @Override
    int compress(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff) {
      return compressor.compress(src, srcOff, srcLen, dst, dstOff, dst.length - dstOff);
    }

    @Override
    long decompressedLengthBound(byte[] src, int off, int len) {
      // An LZ4 sequence can expand at most ~255x (a run-length byte of 255 per input byte).
      return len * 255L + 64;
    }

    @Override
    int decompress(byte[] src, int off, int len, byte[] dst, int maxDstLen) throws IOException {
      try {
        return decompressor.decompress(src, off, len, dst, 0, maxDstLen);
      } catch (LZ4Exception e) {
        throw new IOException("corrupt LZ4 block: " + e.getMessage(), e);
      }
    }
  }

  private static final class SnappyBlocks extends HadoopBlockFormat {
    @Override
    int maxCompressedLength(int rawLength) {
      return Snappy.maxCompressedLength(rawLength);
    }

    @Override
    long maxCompressedLength(long rawLength) {
      return 32 + rawLength + rawLength / 6; // snappy::MaxCompressedLength
    }

    @Override
    int compress(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff) throws IOException {
      return Snappy.compress(src, srcOff, srcLen, dst, dstOff);
    }

    @Override
    long decompressedLengthBound(byte[] src, int off, int len) throws IOException {
      return Snappy.uncompressedLength(src, off, len); // the varint header of the raw block
    }

    @Override
    int decompress(byte[] src, int off, int len, byte[] dst, int maxDstLen) throws IOException {
      int declared = Snappy.uncompressedLength(src, off, len);
      if (declared < 0 || declared > maxDstLen) {
        throw new IOException("snappy block declares " + declared + " bytes, at most " + maxDstLen + " expected");
      }
      // snappy's C++ decoder validates every copy against the declared length checked above.
      return Snappy.uncompress(src, off, len, dst, 0);
    }
  }
}
