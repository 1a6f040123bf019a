package io.sluice.compress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.xxhash.XXHashFactory;

/**
 * LZ4 frame format (what PyArrow and the {@code lz4} tool write), with lz4-java.
 *
 * <p>Writing: 256 KiB independent blocks with a content checksum (corruption is detected).
 * Reading: lz4-java's frame reader (native, safe decompressor) handles frames of independent
 * blocks (the {@code lz4} tool's default); frames of linked blocks (the default of liblz4 and PyArrow, and
 * of {@code lz4 -BD}) are not supported by it, so a stream whose first frame has linked
 * blocks, or that starts with a skippable frame, is read by {@link Lz4FrameDecoderStream},
 * Sluice's own frame reader (either block mode in the frames that follow). A stream that starts
 * with something other than an LZ4 frame is read as Hadoop block framing ({@code .lz4} files written by Hadoop).
 */
final class Lz4FrameCodec extends Codec {
  private static final int FLG_BLOCK_INDEPENDENCE = 0x20;

  Lz4FrameCodec(int level) {
    super(CodecType.LZ4, level);
  }

  static LZ4Compressor compressor(int level) {
    LZ4Factory factory = LZ4Factory.fastestInstance();
    return level < 3 ? factory.fastCompressor() : factory.highCompressor(level);
  }

  @Override
  OutputStream openEncoder(OutputStream compressed) throws IOException {
    return new LZ4FrameOutputStream(compressed, LZ4FrameOutputStream.BLOCKSIZE.SIZE_256KB, -1L, compressor(level()),
        XXHashFactory.fastestInstance().hash32(), LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE,
        LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM);
  }

  @Override
  InputStream openDecoder(InputStream compressed) throws IOException {
    return openLz4(name(), compressed);
  }

  /** Picks the reader for what the stream holds: LZ4 frames (either block mode) or Hadoop blocks. */
  static InputStream openLz4(String codecName, InputStream compressed) throws IOException {
    byte[] head = MagicBytes.peek(compressed, 5);
    InputStream whole = new PrefixedInputStream(head, compressed);
    if (!MagicBytes.isLz4Frame(head)) {
      return new HadoopBlockInputStream(codecName, whole, HadoopBlockFormat.LZ4);
    }
    boolean independentBlocks = head.length == 5 && head[0] == 0x04 && (head[4] & FLG_BLOCK_INDEPENDENCE) != 0;
    if (independentBlocks) {
      return new LZ4FrameInputStream(whole, LZ4Factory.fastestInstance().safeDecompressor(),
          XXHashFactory.fastestInstance().hash32());
    }
    return new Lz4FrameDecoderStream(codecName, whole);
  }
}
