package io.sluice.compress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Hadoop {@code SnappyCodec}'s block stream ({@code .snappy}, see {@link HadoopBlockOutputStream})
 * with snappy-java, which Hadoop also uses. A stream holding the Snappy framing format is read as such.
 */
final class SnappyHadoopCodec extends Codec {
  SnappyHadoopCodec(int level) {
    super(CodecType.SNAPPY_HADOOP, level);
  }

  @Override
  OutputStream openEncoder(OutputStream compressed) {
    return new HadoopBlockOutputStream(compressed, HadoopBlockFormat.SNAPPY, HadoopBlockFormat.SNAPPY_MAX_INPUT);
  }

  @Override
  InputStream openDecoder(InputStream compressed) throws IOException {
    return SnappyFramedCodec.openSnappy(name(), compressed);
  }
}
