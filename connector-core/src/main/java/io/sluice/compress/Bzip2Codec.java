package io.sluice.compress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/**
 * bzip2 with commons-compress (pure Java: no native bzip2 binding is maintained for the JVM).
 * The level is the block size in units of 100 kB, as for the {@code bzip2} tool.
 */
final class Bzip2Codec extends Codec {
  Bzip2Codec(int level) {
    super(CodecType.BZ2, level);
  }

  @Override
  public OutputStream compressingStream(OutputStream compressed) throws IOException {
    return new BZip2CompressorOutputStream(compressed, level());
  }

  @Override
  InputStream openDecoder(InputStream compressed) throws IOException {
    // true: read concatenated streams, and reject what follows the last one if it is not bzip2
    return new BZip2CompressorInputStream(compressed, true);
  }
}
