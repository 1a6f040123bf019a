package io.sluice.io;

import io.sluice.compress.BombGuard;
import io.sluice.compress.Codec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;

/**
 * A read-only, non-seekable {@link NativeFile} that decompresses another readable file, like
 * PyArrow's {@code CompressedInputStream}. {@link #tell()} counts decompressed bytes.
 *
 * <p>Streaming with bounded memory: the codec's decoder state plus two 64 KiB arrays,
 * whatever the file size; nothing is allocated per chunk. Reads concatenated members/frames. The
 * stream's magic bytes confirm the codec: an {@code lz4} file that holds Hadoop block framing is
 * read as {@code lz4_hadoop}, a {@code snappy_hadoop} file that holds the Snappy framing format as
 * {@code snappy}, and vice versa. Corrupt, truncated or trailing data and empty input fail with an
 * {@link IOException} whose message starts with the codec name.
 *
 * <p>Decompression bombs: a guard is on by default. Once this stream has produced more than
 * {@link BombGuard#FLOOR_BYTES} (64 MiB), output more than {@link #maxCompressionRatio()} (200 unless
 * the system property {@code sluice.compress.maxRatio} said otherwise when the stream was created)
 * times the compressed bytes consumed fails with an {@link IOException} naming the codec, the ratio
 * and how to raise it ({@link #setMaxCompressionRatio(double)}; 0 disables the guard). The failure
 * is sticky: every later read fails the same way. {@link #setMaxOutputBytes(long)} caps the
 * decompressed size as well (default: unlimited). Closing this stream closes the raw file.
 */
public class CompressedInputStream extends ReadOnlyStream {
  private static final int TRANSFER_SIZE = 64 * 1024;

  private final NativeFile raw;
  private final Codec codec;
  private final RawFileInput input;
  private final InputStream decoder;
  private byte[] transfer;
  private long position;
  private long maxOutputBytes = Long.MAX_VALUE;
  private double maxCompressionRatio;
  private IOException guardFailure;

  /**
   * @throws IllegalArgumentException for an unknown codec name, or a system property
   *     {@code sluice.compress.maxRatio} that is not a number >= 0
   * @throws UnsupportedOperationException if {@code raw} is not readable
   */
  public CompressedInputStream(NativeFile raw, String codec) throws IOException {
    this(raw, Codec.of(Objects.requireNonNull(codec, "codec")));
  }

  public CompressedInputStream(NativeFile raw, Codec codec) throws IOException {
    this.raw = Objects.requireNonNull(raw, "raw");
    this.codec = Objects.requireNonNull(codec, "codec");
    if (!raw.readable()) {
      throw new UnsupportedOperationException("raw file in mode '" + raw.mode() + "' is not readable");
    }
    this.maxCompressionRatio = BombGuard.configuredMaxRatio();
    this.input = new RawFileInput(raw, TRANSFER_SIZE);
    // Closing the decoder chain closes RawFileInput, which closes raw.
    this.decoder = codec.decompressingStream(input);
  }

  /**
   * Sets the bomb guard's limit: past 64 MiB of output, at most {@code maxRatio} decompressed bytes
   * per compressed byte consumed. {@code 0} disables the guard.
   *
   * @throws IllegalArgumentException if {@code maxRatio} is negative or NaN
   */
  public CompressedInputStream setMaxCompressionRatio(double maxRatio) {
    this.maxCompressionRatio = BombGuard.checkMaxRatio(maxRatio);
    return this;
  }

  /** The bomb guard's limit (decompressed bytes per compressed byte); {@code 0} when disabled. */
  public double maxCompressionRatio() {
    return maxCompressionRatio;
  }

  /**
   * Caps the decompressed bytes this stream will produce; reading beyond fails with an
   * {@link IOException}. {@code Long.MAX_VALUE} (the default) means unlimited.
   *
   * @throws IllegalArgumentException if {@code maxOutputBytes} is negative
   */
  public CompressedInputStream setMaxOutputBytes(long maxOutputBytes) {
    if (maxOutputBytes < 0) {
      throw new IllegalArgumentException("maxOutputBytes must be >= 0: " + maxOutputBytes);
    }
    this.maxOutputBytes = maxOutputBytes;
    return this;
  }

  /** The cap set by {@link #setMaxOutputBytes(long)}; {@code Long.MAX_VALUE} when unlimited. */
  public long maxOutputBytes() {
    return maxOutputBytes;
  }

  /** The codec this stream was opened with (the magic bytes may select its Hadoop/framed sibling). */
  public Codec codec() {
    return codec;
  }

  /** The compressed file underneath. */
  public NativeFile raw() {
    return raw;
  }

  @Override
  protected int readImpl(ByteBuffer dst) throws IOException {
    if (guardFailure != null) {
      throw new IOException(guardFailure.getMessage(), guardFailure);
    }
    long room = maxOutputBytes - position;
    if (room == 0) {
      return checkEndAtCap();
    }
    int want = (int) Math.min(dst.remaining(), room);
    int n;
    if (dst.hasArray()) {
      n = decoder.read(dst.array(), dst.arrayOffset() + dst.position(), want);
      if (n > 0) {
        dst.position(dst.position() + n);
      }
    } else {
      if (transfer == null) {
        transfer = new byte[TRANSFER_SIZE];
      }
      n = decoder.read(transfer, 0, Math.min(want, transfer.length));
      if (n > 0) {
        dst.put(transfer, 0, n);
      }
    }
    if (n > 0) {
      position += n;
      if (BombGuard.exceeds(position, input.bytesConsumed(), maxCompressionRatio)) {
        guardFailure = BombGuard.streamFailure(codec.name(), position, input.bytesConsumed(), maxCompressionRatio);
        throw guardFailure;
      }
    }
    return n;
  }

  /** At the cap: a clean end of data is fine, one byte more is the error. */
  private int checkEndAtCap() throws IOException {
    if (decoder.read() < 0) {
      return -1;
    }
    throw new IOException(codec.name() + ": decompressed data exceeds maxOutputBytes " + maxOutputBytes
        + " (possible decompression bomb)");
  }

  @Override
  protected long tellImpl() {
    return position;
  }

  @Override
  protected Map<String, String> metadataImpl() throws IOException {
    return raw.metadata();
  }

  @Override
  protected void closeImpl() throws IOException {
    // The codec's stream closes raw (and frees its native state) once no read is inside it: raw
    // is not closed here under a read that another thread may still be doing.
    decoder.close();
  }

  @Override
  public String toString() {
    return "CompressedInputStream[" + codec.name() + ", raw=" + raw + "]";
  }
}
