package io.sluice.compress;

import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPool;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import io.sluice.memory.ResizableBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A compression codec, like PyArrow's {@code pyarrow.Codec}.
 *
 * <p>Names (see {@link #of(String)}): {@code gzip} (RFC 1952), {@code bz2}, {@code lz4} (LZ4 frame
 * format, what PyArrow and the {@code lz4} tool write), {@code lz4_hadoop} (Hadoop
 * {@code Lz4Codec} block stream), {@code zstd}, {@code snappy} (Snappy framing format),
 * {@code snappy_hadoop} (Hadoop {@code SnappyCodec} block stream), {@code brotli},
 * {@code deflate} (zlib, Hadoop {@code DefaultCodec}) and {@code lz4_raw} (the LZ4 block format,
 * one-shot only). Names are case-insensitive. One-shot {@code snappy} ({@link #compress},
 * {@link #decompress}) is a raw Snappy block as PyArrow, Parquet and Arrow IPC write it; its
 * streams use the framing format.
 *
 * <p>Every codec but {@code lz4_raw} streams both ways: {@link #compressingStream(OutputStream)} and
 * {@link #decompressingStream(InputStream)}; {@code io.sluice.io.CompressedInputStream} and
 * {@code CompressedOutputStream} build on them. Decompressing streams read concatenated
 * members/frames (brotli included: appended brotli streams read as one) and report corrupt,
 * truncated or trailing data, and empty input, as an {@link IOException} whose message starts with
 * the codec name. Hostile input cannot make a decoder allocate without bound: Hadoop block
 * framing allocates only as compressed bytes actually arrive; the other formats cap what a header
 * may declare (LZ4 frame blocks 4 MiB, Snappy framing chunks 64 KiB of output, bzip2 blocks
 * 900 kB, zstd windows 128 MiB of native memory, the library default).
 *
 * <p>Instances are immutable and thread-safe; every stream they create is independent.
 */
public abstract class Codec {
  private final CodecType type;
  private final int level;

  Codec(CodecType type, int level) {
    this.type = type;
    this.level = level;
  }

  // ---------------------------------------------------------------- factories and queries

  /**
   * The codec {@code name} at its default compression level.
   *
   * @throws IllegalArgumentException for an unknown name (the message lists the known ones)
   * @throws IllegalStateException if the codec's native library does not load on this platform
   *     ({@link #isAvailable} says so beforehand)
   */
  public static Codec of(String name) {
    CodecType type = CodecType.forName(name);
    type.requireAvailable();
    return type.create(type.hasLevels() ? type.defaultLevel() : 0);
  }

  /**
   * The codec {@code name} at compression {@code level}.
   *
   * @throws IllegalArgumentException for an unknown name, a codec without levels, or a level
   *     outside {@link #minimumCompressionLevel}..{@link #maximumCompressionLevel}
   * @throws IllegalStateException if the codec's native library does not load on this platform
   */
  public static Codec of(String name, int level) {
    CodecType type = CodecType.forName(name);
    type.checkLevel(level);
    type.requireAvailable();
    return type.create(level);
  }

  /** Whether the codec's library (and its native code, where it has some) loads on this machine. */
  public static boolean isAvailable(String name) {
    return CodecType.forName(name).isAvailable();
  }

  /** Whether {@link #of(String, int)} accepts a level for this codec. */
  public static boolean supportsCompressionLevel(String name) {
    return CodecType.forName(name).hasLevels();
  }

  /** @throws IllegalArgumentException for a codec without levels */
  public static int defaultCompressionLevel(String name) {
    return CodecType.forName(name).requireLevels().defaultLevel();
  }

  /** @throws IllegalArgumentException for a codec without levels */
  public static int minimumCompressionLevel(String name) {
    return CodecType.forName(name).requireLevels().minLevel();
  }

  /** @throws IllegalArgumentException for a codec without levels */
  public static int maximumCompressionLevel(String name) {
    return CodecType.forName(name).requireLevels().maxLevel();
  }

  /**
   * The codec a path's extension names, case-insensitive: {@code .gz} gzip, {@code .bz2} bz2,
   * {@code .lz4} lz4, {@code .zst}/{@code .zstd} zstd, {@code .sz} snappy, {@code .snappy}
   * snappy_hadoop, {@code .br} brotli, {@code .deflate} deflate. Reading confirms the guess by
   * magic bytes ({@code .lz4} holding Hadoop blocks is read as lz4_hadoop, {@code .snappy}
   * holding Snappy framing as snappy).
   */
  public static Optional<String> detect(String path) {
    Objects.requireNonNull(path, "path");
    int slash = path.lastIndexOf('/');
    String fileName = path.substring(slash + 1).toLowerCase(Locale.ROOT);
    for (CodecType type : CodecType.values()) {
      for (String extension : type.extensions()) {
        if (fileName.endsWith(extension) && fileName.length() > extension.length()) {
          return Optional.of(type.codecName());
        }
      }
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------- instance API

  /** The codec's name as listed in {@link Codec}, lower case. */
  public final String name() {
    return type.codecName();
  }

  /** The level this instance compresses at; empty for codecs without levels. */
  public final OptionalInt compressionLevel() {
    return type.hasLevels() ? OptionalInt.of(level) : OptionalInt.empty();
  }

  /** Whether the codec streams (every codec but {@code lz4_raw}, a one-shot block format). */
  public boolean supportsStreaming() {
    return true;
  }

  /**
   * A stream that compresses what is written to it into {@code compressed}. Closing it finishes
   * the compressed stream and closes {@code compressed}; {@code flush()} pushes all data written
   * so far through to {@code compressed} in a form a reader can decode. A {@code close()} on
   * another thread waits for a write or flush in progress and makes later ones fail with an
   * {@link IOException} saying the stream is closed.
   */
  public final OutputStream compressingStream(OutputStream compressed) throws IOException {
    Objects.requireNonNull(compressed, "compressed");
    return new CodecEncoderStream(name(), openEncoder(compressed));
  }

  /** The raw encoder writing into {@code compressed}; made safe against racing close by the caller. */
  abstract OutputStream openEncoder(OutputStream compressed) throws IOException;

  /**
   * A stream that decompresses {@code compressed}. Corrupt, truncated, trailing or empty input
   * raise an {@link IOException} naming the codec. Closing it closes {@code compressed}. A
   * {@code close()} on another thread never waits: a read in progress finishes or fails with an
   * {@link IOException} saying the stream is closed, and the decoder's native state is freed once
   * no read is inside it.
   *
   * @throws UnsupportedOperationException for a codec that does not stream ({@code lz4_raw})
   */
  public final InputStream decompressingStream(InputStream compressed) throws IOException {
    Objects.requireNonNull(compressed, "compressed");
    if (!supportsStreaming()) {
      return openDecoder(compressed); // throws the codec's UnsupportedOperationException
    }
    return new CodecErrorInputStream(name(), compressed, this::openDecoder);
  }

  /** The raw decoder over a stream known to hold at least one byte; errors are translated by the caller. */
  abstract InputStream openDecoder(InputStream compressed) throws IOException;

  /** Compresses all of {@code data} into a new buffer of default-pool memory, owned by the caller. */
  public Buffer compress(Buffer data) throws IOException {
    Objects.requireNonNull(data, "data");
    return compress(data, MemoryPools.defaultPool());
  }

  /** Compresses all of {@code data} into a new buffer allocated from {@code pool}. */
  public Buffer compress(Buffer data, MemoryPool pool) throws IOException {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(pool, "pool");
    ResizableBuffer out = pool.allocateResizable(0);
    try (OutputStream compressor = compressingStream(new BufferSinkOutputStream(out))) {
      for (ByteBuffer chunk : data.asByteBuffers()) {
        writeByteBuffer(compressor, chunk);
      }
      out.resize(out.size(), true); // give the geometric-growth slack back to the pool
    } catch (IOException | RuntimeException | Error e) {
      out.close();
      throw e;
    }
    return out;
  }

  /**
   * Decompresses {@code data}, which must decompress to exactly {@code decompressedSize} bytes,
   * into a new buffer of default-pool memory owned by the caller.
   *
   * <p>Bomb guard: a {@code decompressedSize} over 64 MiB and more than 200 times (the system
   * property {@code sluice.compress.maxRatio}; 0 disables) the compressed size is refused with an
   * {@link IOException} before any memory is allocated ({@link BombGuard}).
   *
   * @throws IllegalArgumentException if {@code decompressedSize} is negative
   * @throws IOException naming the codec if the data is corrupt or its size differs, or the bomb
   *     guard refuses {@code decompressedSize}
   */
  public Buffer decompress(Buffer data, long decompressedSize) throws IOException {
    return decompress(data, decompressedSize, MemoryPools.defaultPool());
  }

  /** {@link #decompress(Buffer, long)} into memory from {@code pool}. */
  public Buffer decompress(Buffer data, long decompressedSize, MemoryPool pool) throws IOException {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(pool, "pool");
    if (decompressedSize < 0) {
      throw new IllegalArgumentException("decompressedSize must be >= 0: " + decompressedSize);
    }
    BombGuard.checkDeclaredSize(name(), decompressedSize, data.size());
    MutableBuffer out = pool.allocate(decompressedSize);
    try (InputStream decompressor = decompressingStream(new BufferSourceInputStream(data))) {
      byte[] chunk = new byte[(int) Math.min(64 * 1024, Math.max(decompressedSize, 1))];
      long filled = 0;
      while (filled < decompressedSize) {
        int n = decompressor.read(chunk, 0, (int) Math.min(chunk.length, decompressedSize - filled));
        if (n < 0) {
          throw new IOException(name() + ": data decompresses to " + filled
              + " bytes, expected decompressedSize " + decompressedSize);
        }
        out.setBytes(filled, chunk, 0, n);
        filled += n;
      }
      if (decompressor.read() >= 0) {
        throw new IOException(name() + ": data decompresses to more than the expected decompressedSize "
            + decompressedSize);
      }
    } catch (IOException | RuntimeException | Error e) {
      out.close();
      throw e;
    }
    return out;
  }

  static void writeByteBuffer(OutputStream out, ByteBuffer chunk) throws IOException {
    if (chunk.hasArray()) {
      out.write(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
      chunk.position(chunk.limit());
      return;
    }
    byte[] copy = new byte[Math.min(chunk.remaining(), 64 * 1024)];
    while (chunk.hasRemaining()) {
      int n = Math.min(copy.length, chunk.remaining());
      chunk.get(copy, 0, n);
      out.write(copy, 0, n);
    }
  }

  @Override
  public String toString() {
    return type.hasLevels() ? "Codec[" + name() + ", level " + level + "]" : "Codec[" + name() + "]";
  }

  /** The level chosen at construction (meaningless for codecs without levels). */
  final int level() {
    return level;
  }
}
