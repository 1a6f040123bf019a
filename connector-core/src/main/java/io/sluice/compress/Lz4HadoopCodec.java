package io.sluice.compress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Hadoop {@code Lz4Codec}'s block stream (see {@link HadoopBlockOutputStream}) with lz4-java,
 * which is also what Hadoop uses. Reading a stream that turns out to hold LZ4 frames reads them.
 */
final class Lz4HadoopCodec extends Codec {
  Lz4HadoopCodec(int level) {
    super(CodecType.LZ4_HADOOP, level);
  }

  @Override
  OutputStream openEncoder(OutputStream compressed) {
    return new HadoopBlockOutputStream(compressed, HadoopBlockFormat.lz4Compressor(level()),
        HadoopBlockFormat.LZ4_MAX_INPUT);
  }

  @Override
  InputStream openDecoder(InputStream compressed) throws IOException {
    return Lz4FrameCodec.openLz4(name(), compressed);
  }
}
