package io.sluice.io;

import io.sluice.compress.Codec;
import java.io.IOException;
import java.util.Objects;

/**
 * The layering rule shared by {@link io.sluice.Sluice} and {@link io.sluice.fs.FileSystem}'s stream
 * openers: raw file, then an optional {@link BufferedInputStream}/{@link BufferedOutputStream},
 * then an optional {@link CompressedInputStream}/{@link CompressedOutputStream} on top.
 *
 * <p>{@code compression}: {@code "detect"} guesses the codec from {@code path}'s extension (none
 * when {@code path} is null or has no known extension), {@code null} means none, anything else is
 * a codec name ({@link IllegalArgumentException} if unknown). {@code bufferSize}: 0 none, &gt; 0 a
 * buffer of that size, &lt; 0 {@link IllegalArgumentException}. On failure the raw file is closed.
 */
public final class StreamLayers {
  /** The {@code compression} value that means "by the path's extension". */
  public static final String DETECT = "detect";

  private StreamLayers() {}

  /** The codec {@code compression} selects for {@code path} (null: none). Validates the name. */
  public static Codec resolveCodec(String compression, String path) {
    if (compression == null) {
      return null;
    }
    if (DETECT.equals(compression)) {
      return path == null ? null : Codec.detect(path).map(Codec::of).orElse(null);
    }
    return Codec.of(compression);
  }

  /** Throws {@link IllegalArgumentException} for a negative buffer size. */
  public static int checkBufferSize(int bufferSize) {
    if (bufferSize < 0) {
      throw new IllegalArgumentException("bufferSize must be >= 0 (0 = unbuffered): " + bufferSize);
    }
    return bufferSize;
  }

  /** {@code raw} with the buffering and decompression {@code compression}/{@code bufferSize} ask for. */
  public static NativeFile input(NativeFile raw, String compression, String path, int bufferSize) throws IOException {
    Objects.requireNonNull(raw, "raw");
    NativeFile file = raw;
    try {
      checkBufferSize(bufferSize);
      Codec codec = resolveCodec(compression, path);
      if (bufferSize > 0) {
        file = new BufferedInputStream(file, bufferSize);
      }
      if (codec != null) {
        file = new CompressedInputStream(file, codec);
      }
      return file;
    } catch (Throwable e) {
      closeQuietly(raw, e);
      throw e;
    }
  }

  /** {@code raw} with the buffering and compression {@code compression}/{@code bufferSize} ask for. */
  public static NativeFile output(NativeFile raw, String compression, String path, int bufferSize) throws IOException {
    Objects.requireNonNull(raw, "raw");
    NativeFile file = raw;
    try {
      checkBufferSize(bufferSize);
      Codec codec = resolveCodec(compression, path);
      if (bufferSize > 0) {
        file = new BufferedOutputStream(file, bufferSize);
      }
      if (codec != null) {
        file = new CompressedOutputStream(file, codec);
      }
      return file;
    } catch (Throwable e) {
      closeQuietly(raw, e);
      throw e;
    }
  }

  private static void closeQuietly(NativeFile raw, Throwable cause) {
    try {
      raw.close();
    } catch (IOException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }
}
