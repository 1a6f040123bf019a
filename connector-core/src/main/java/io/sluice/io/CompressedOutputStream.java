package io.sluice.io;

import io.sluice.compress.Codec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A write-only, non-seekable {@link NativeFile} that compresses into another writable file, like
 * PyArrow's {@code CompressedOutputStream}. {@link #tell()} and {@link #size()} count the
 * uncompressed bytes written.
 *
 * <p>Streaming with bounded memory (the codec's encoder state plus two 64 KiB arrays).
 * {@link #flush()} pushes everything written so far through to the raw file in decodable form
 * (a sync flush, a finished block or chunk, depending on the codec); {@link #close()} finishes the
 * compressed stream and closes the raw file, also when finishing fails.
 */
public class CompressedOutputStream extends WriteOnlyStream {
  private static final int TRANSFER_SIZE = 64 * 1024;

  private final NativeFile raw;
  private final Codec codec;
  private final OutputStream encoder;
  private byte[] transfer;
  private long written;
  private boolean finished;

  /**
   * @throws IllegalArgumentException for an unknown codec name
   * @throws UnsupportedOperationException if {@code raw} is not writable
   */
  public CompressedOutputStream(NativeFile raw, String codec) throws IOException {
    this(raw, Codec.of(Objects.requireNonNull(codec, "codec")));
  }

  /** Compresses with {@code codec}, e.g. {@code Codec.of("zstd", 9)} for a non-default level. */
  public CompressedOutputStream(NativeFile raw, Codec codec) throws IOException {
    this.raw = Objects.requireNonNull(raw, "raw");
    this.codec = Objects.requireNonNull(codec, "codec");
    if (!raw.writable()) {
      throw new UnsupportedOperationException("raw file in mode '" + raw.mode() + "' is not writable");
    }
    // Closing the encoder closes RawFileOutput, which closes raw.
    this.encoder = codec.compressingStream(new RawFileOutput(raw, TRANSFER_SIZE));
  }

  public Codec codec() {
    return codec;
  }

  /** The compressed file underneath. */
  public NativeFile raw() {
    return raw;
  }

  @Override
  protected void writeImpl(ByteBuffer src) throws IOException {
    int length = src.remaining();
    if (src.hasArray()) {
      encoder.write(src.array(), src.arrayOffset() + src.position(), length);
      src.position(src.limit());
    } else {
      if (transfer == null) {
        transfer = new byte[TRANSFER_SIZE];
      }
      while (src.hasRemaining()) {
        int n = Math.min(transfer.length, src.remaining());
        src.get(transfer, 0, n);
        encoder.write(transfer, 0, n);
      }
    }
    written += length;
  }

  @Override
  protected long tellImpl() {
    return written;
  }

  @Override
  protected long sizeImpl() {
    return written;
  }

  @Override
  protected void flushImpl() throws IOException {
    if (!finished) {
      encoder.flush();
    }
  }

  /** Finishes the compressed stream first so closing does not also emit a needless flush block. */
  @Override
  public void close() throws IOException {
    if (isClosed()) {
      return;
    }
    try {
      finish();
    } finally {
      super.close();
    }
  }

  private void finish() throws IOException {
    if (!finished) {
      finished = true;
      encoder.close(); // writes the trailer and closes raw through its stream view
    }
  }

  @Override
  protected void closeImpl() throws IOException {
    try {
      finish();
    } finally {
      raw.close();
    }
  }

  @Override
  public String toString() {
    return "CompressedOutputStream[" + codec.name() + ", raw=" + raw + "]";
  }
}
