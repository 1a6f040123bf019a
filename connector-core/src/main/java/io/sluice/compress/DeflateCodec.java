package io.sluice.compress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/** zlib (RFC 1950), Hadoop's {@code DefaultCodec}, with {@code java.util.zip}; reads concatenated streams. */
final class DeflateCodec extends Codec {
  DeflateCodec(int level) {
    super(CodecType.DEFLATE, level);
  }

  @Override
  OutputStream openEncoder(OutputStream compressed) {
    return new OwnedDeflaterOutputStream(compressed, new Deflater(level()));
  }

  @Override
  InputStream openDecoder(InputStream compressed) {
    return new InflatingInputStream(name(), false, compressed);
  }

  /** Ends the deflater it was given (DeflaterOutputStream only ends its own default one). */
  private static final class OwnedDeflaterOutputStream extends DeflaterOutputStream {
    OwnedDeflaterOutputStream(OutputStream out, Deflater deflater) {
      super(out, deflater, GzipCodec.BUFFER_SIZE, true);
    }

    @Override
    public void close() throws IOException {
      try {
        super.close();
      } finally {
        def.end();
      }
    }
  }
}
