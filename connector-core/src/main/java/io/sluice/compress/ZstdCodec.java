package io.sluice.compress;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Zstandard with zstd-jni (the reference C library). Writes a content checksum per frame like the
 * {@code zstd} tool, so corruption is detected; reads concatenated and skippable frames.
 */
final class ZstdCodec extends Codec {
  ZstdCodec(int level) {
    super(CodecType.ZSTD, level);
  }

  @Override
  OutputStream openEncoder(OutputStream compressed) throws IOException {
    // NoFinalizer variants: native contexts are freed by close(), not by a finalizer.
    ZstdOutputStreamNoFinalizer out = new ZstdOutputStreamNoFinalizer(compressed, level());
    out.setChecksum(true);
    return out;
  }

  @Override
  InputStream openDecoder(InputStream compressed) throws IOException {
    return new ZstdInputStreamNoFinalizer(compressed);
  }
}
