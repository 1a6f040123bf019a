package io.sluice.compress;

import com.aayushatharva.brotli4j.encoder.BrotliOutputStream;
import com.aayushatharva.brotli4j.encoder.Encoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Brotli with brotli4j (Google's C library). The level is brotli's quality 0..11. The format has
 * no member boundary; streams appended one after the other (two {@code .br} files, or a file
 * appended to twice) are read as one, as PyArrow does ({@link BrotliDecoderStream} says how).
 */
final class BrotliCodec extends Codec {
  /**
   * Input buffered per call into the native encoder: 64 KiB, not brotli4j's default 16 KiB, so a
   * 64 KiB write is one JNI call and one copy into the encoder's direct buffer rather than four.
   */
  private static final int BUFFER_SIZE = 64 * 1024;

  BrotliCodec(int level) {
    super(CodecType.BROTLI, level);
  }

  @Override
  OutputStream openEncoder(OutputStream compressed) throws IOException {
    // brotli4j's flush() emits a flushed meta-block but does not flush the stream below it.
    return new FlushThroughOutputStream(
        new BrotliOutputStream(compressed, new Encoder.Parameters().setQuality(level()), BUFFER_SIZE), compressed);
  }

  @Override
  InputStream openDecoder(InputStream compressed) throws IOException {
    return new BrotliDecoderStream(name(), compressed);
  }
}
