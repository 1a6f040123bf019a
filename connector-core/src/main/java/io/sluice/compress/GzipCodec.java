package io.sluice.compress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/** gzip (RFC 1952) with {@code java.util.zip}; reads concatenated members. */
final class GzipCodec extends Codec {
  static final int BUFFER_SIZE = 64 * 1024;

  GzipCodec(int level) {
    super(CodecType.GZIP, level);
  }

  @Override
  OutputStream openEncoder(OutputStream compressed) throws IOException {
    return new LeveledGzipOutputStream(compressed, level());
  }

  @Override
  InputStream openDecoder(InputStream compressed) {
    return new InflatingInputStream(name(), true, compressed);
  }

  /** {@link GZIPOutputStream} only exposes its level through the protected deflater. */
  private static final class LeveledGzipOutputStream extends GZIPOutputStream {
    LeveledGzipOutputStream(OutputStream out, int level) throws IOException {
      super(out, BUFFER_SIZE, true); // syncFlush: flush() emits decodable data
      def.setLevel(level);
    }
  }
}
