package io.sluice.compress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.xerial.snappy.SnappyFramedInputStream;
import org.xerial.snappy.SnappyFramedOutputStream;

/**
 * The Snappy framing format ({@code .sz}) with snappy-java; CRC-32C of every chunk is verified.
 * A stream that does not start with the framing format's stream identifier is read as Hadoop
 * block framing.
 */
final class SnappyFramedCodec extends Codec {
  SnappyFramedCodec(int level) {
    super(CodecType.SNAPPY, level);
  }

  @Override
  OutputStream openEncoder(OutputStream compressed) throws IOException {
    // snappy-java's flush() writes the pending chunk but does not flush the stream below it.
    return new FlushThroughOutputStream(new SnappyFramedOutputStream(compressed), compressed);
  }

  @Override
  InputStream openDecoder(InputStream compressed) throws IOException {
    return openSnappy(name(), compressed);
  }

  static InputStream openSnappy(String codecName, InputStream compressed) throws IOException {
    byte[] head = MagicBytes.peek(compressed, MagicBytes.snappyFramedMagicLength());
    InputStream whole = new PrefixedInputStream(head, compressed);
    if (MagicBytes.isSnappyFramed(head)) {
      return new SnappyFramedInputStream(whole, true);
    }
    return new HadoopBlockInputStream(codecName, whole, HadoopBlockFormat.SNAPPY);
  }
}
