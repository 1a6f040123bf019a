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
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyFramedInputStream;
import org.xerial.snappy.SnappyFramedOutputStream;

/**
 * Snappy with snappy-java, in the two shapes the world uses.
 *
 * <p>Streams ({@code .sz} files, {@link #compressingStream}, {@link #decompressingStream}) use the
 * Snappy framing format; CRC-32C of every chunk is verified. A stream that does not start with
 * the framing format's stream identifier is read as Hadoop block framing.
 *
 * <p>One-shot {@link #compress(Buffer, MemoryPool)} writes a raw Snappy block (a varint of the
 * uncompressed length, then the compressed data), as PyArrow's {@code pa.compress(codec="snappy")},
 * Parquet's SNAPPY pages and Arrow IPC buffers are. One-shot {@link #decompress} reads a raw block,
 * and also the framing format when the data starts with its stream identifier (what Sluice 0.1's
 * one-shot compress wrote). A raw block cannot start with that identifier by accident unless its
 * varint says 895 bytes and its first element is a one-byte literal of value 0, followed by the
 * bytes {@code 00 00 "sNaPpY"}: such a block is read as framing and fails loudly, never silently.
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

  /** A raw Snappy block (PyArrow, Parquet, Arrow IPC), not the framing format streams use. */
  @Override
  public Buffer compress(Buffer data, MemoryPool pool) throws IOException {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(pool, "pool");
    // snappy-java's ByteBuffer API takes direct buffers only: heap input goes through pool memory.
    try (Buffer direct = directCopyIfNeeded(data, pool)) {
      ByteBuffer src = (direct != null ? direct : data).asByteBuffer();
      ResizableBuffer out = pool.allocateResizable(Snappy.maxCompressedLength(src.remaining()));
      try {
        int n = Snappy.compress(src, out.asByteBuffer());
        out.resize(n, true);
        return out;
      } catch (IOException | RuntimeException | Error e) {
        out.close();
        throw e;
      }
    }
  }

  /** A raw Snappy block; the framing format when the data starts with its stream identifier. */
  @Override
  public Buffer decompress(Buffer data, long decompressedSize, MemoryPool pool) throws IOException {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(pool, "pool");
    if (decompressedSize < 0) {
      throw new IllegalArgumentException("decompressedSize must be >= 0: " + decompressedSize);
    }
    BombGuard.checkDeclaredSize(name(), decompressedSize, data.size());
    int head = (int) Math.min(data.size(), MagicBytes.snappyFramedMagicLength());
    byte[] start = new byte[head];
    data.getBytes(0, start, 0, head);
    if (MagicBytes.isSnappyFramed(start)) {
      return super.decompress(data, decompressedSize, pool);
    }
    if (data.size() == 0) {
      throw new IOException(name() + ": empty input is not a raw Snappy block");
    }
    try (Buffer direct = directCopyIfNeeded(data, pool)) {
      ByteBuffer src = (direct != null ? direct : data).asByteBuffer();
      long declared;
      try {
        declared = Snappy.uncompressedLength(src);
      } catch (IOException | RuntimeException e) {
        throw new IOException(name() + ": corrupt raw block (its length header is invalid: " + e.getMessage() + ")", e);
      }
      if (declared != decompressedSize) {
        throw new IOException(name() + ": raw block declares " + declared + " decompressed bytes, expected decompressedSize "
            + decompressedSize);
      }
      MutableBuffer out = pool.allocate(decompressedSize);
      try {
        int n = uncompressRaw(src, out.asByteBuffer(), data.size());
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

  /** snappy-java's raw decoder, its failures (an IOException or a SnappyError) named as corrupt snappy data. */
  private int uncompressRaw(ByteBuffer src, ByteBuffer dst, long compressedSize) throws IOException {
    try {
      if (!Snappy.isValidCompressedBuffer(src)) {
        throw new IOException(name() + ": corrupt raw block (" + compressedSize + " bytes)");
      }
      return Snappy.uncompress(src, dst);
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(name() + ": ")) {
        throw e;
      }
      throw new IOException(name() + ": corrupt raw block (" + e.getMessage() + ")", e);
    } catch (RuntimeException | Error e) { // org.xerial.snappy.SnappyError on some corruptions
      throw new IOException(name() + ": corrupt raw block (" + e + ")", e);
    }
  }

  /** A direct copy of {@code data} from {@code pool} when its view is not direct; null when it is. */
  private static Buffer directCopyIfNeeded(Buffer data, MemoryPool pool) {
    if (data.asByteBuffer().isDirect()) {
      return null;
    }
    MutableBuffer copy = pool.allocate(data.size());
    copy.setBytes(0, data, 0, data.size());
    return copy;
  }
}
