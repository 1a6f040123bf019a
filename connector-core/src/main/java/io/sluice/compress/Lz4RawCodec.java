package io.sluice.compress;

import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPool;
import io.sluice.memory.MutableBuffer;
import io.sluice.memory.ResizableBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;

/**
 * The LZ4 block format alone, without frame or length prefix (PyArrow's {@code lz4_raw}, Parquet's
 * {@code LZ4_RAW}), with lz4-java. One-shot only: the format has no end marker and no size field,
 * so a reader must be told the decompressed size, which a stream cannot do; the streaming methods
 * throw {@link UnsupportedOperationException} pointing at {@code lz4} (the frame format).
 * Decompression uses lz4-java's safe decompressor, bounded by the size the caller declares.
 */
final class Lz4RawCodec extends Codec {
  Lz4RawCodec(int level) {
    super(CodecType.LZ4_RAW, level);
  }

  @Override
  public boolean supportsStreaming() {
    return false;
  }

  @Override
  OutputStream openEncoder(OutputStream compressed) {
    throw streamingUnsupported(name(), "lz4");
  }

  @Override
  InputStream openDecoder(InputStream compressed) {
    throw streamingUnsupported(name(), "lz4");
  }

  static UnsupportedOperationException streamingUnsupported(String codecName, String streamingCodec) {
    return new UnsupportedOperationException(codecName + " is a one-shot block format (Codec.compress/decompress); "
        + "it cannot stream. Use '" + streamingCodec + "' for streams and files");
  }

  @Override
  public Buffer compress(Buffer data, MemoryPool pool) throws IOException {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(pool, "pool");
    ByteBuffer src = data.asByteBuffer();
    LZ4Compressor compressor = Lz4FrameCodec.compressor(level());
    int bound = compressor.maxCompressedLength(src.remaining());
    ResizableBuffer out = pool.allocateResizable(bound);
    try {
      int n = compressor.compress(src, src.position(), src.remaining(), out.asByteBuffer(), 0, bound);
      out.resize(n, true);
      return out;
    } catch (RuntimeException | Error e) {
      out.close();
      throw e;
    }
  }

  @Override
  public Buffer decompress(Buffer data, long decompressedSize, MemoryPool pool) throws IOException {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(pool, "pool");
    if (decompressedSize < 0) {
      throw new IllegalArgumentException("decompressedSize must be >= 0: " + decompressedSize);
    }
    BombGuard.checkDeclaredSize(name(), decompressedSize, data.size());
    if (decompressedSize > Integer.MAX_VALUE) {
      throw new IOException(name() + ": decompressedSize " + decompressedSize
          + " exceeds what one LZ4 block can hold (" + Integer.MAX_VALUE + " bytes)");
    }
    ByteBuffer src = data.asByteBuffer();
    MutableBuffer out = pool.allocate(decompressedSize);
    try {
      int n;
      try {
        n = LZ4Factory.fastestInstance().safeDecompressor()
            .decompress(src, src.position(), src.remaining(), out.asByteBuffer(), 0, (int) decompressedSize);
      } catch (LZ4Exception e) {
        throw new IOException(name() + ": corrupt data, or data that decompresses to more than decompressedSize "
            + decompressedSize + " (" + e.getMessage() + ")", e);
      }
      if (n != decompressedSize) {
        throw new IOException(name() + ": data decompresses to " + n + " bytes, expected decompressedSize "
            + decompressedSize);
      }
      return out;
    } catch (IOException | RuntimeException | Error e) {
      out.close();
      throw e;
    }
  }
}
