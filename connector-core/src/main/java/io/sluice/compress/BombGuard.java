package io.sluice.compress;

import java.io.IOException;
import java.util.Locale;

/**
 * The decompression bomb guard's settings, shared by {@code io.sluice.io.CompressedInputStream}
 * and {@link Codec#decompress(io.sluice.memory.Buffer, long)}: once more than {@link #FLOOR_BYTES}
 * have been decompressed, output more than the maximum ratio times the compressed bytes consumed
 * is refused with an {@link IOException} naming the codec, the ratio and how to raise the limit.
 *
 * <p>The default ratio is {@value #DEFAULT_MAX_RATIO}: deflate cannot exceed about 1,032:1, so a
 * higher default would never stop a gzip bomb, and real data past 64 MiB rarely compresses beyond
 * 50:1. The system property {@value #PROPERTY} sets another default ({@code 0} disables the guard);
 * it is read when a stream is created and at each one-shot {@code decompress}.
 */
public final class BombGuard {
  /** The default maximum ratio of decompressed to compressed bytes. */
  public static final double DEFAULT_MAX_RATIO = 200;
  /** Output up to this many bytes is never refused, whatever the ratio. */
  public static final long FLOOR_BYTES = 64L << 20;
  /** The system property that sets the maximum ratio; {@code 0} disables the guard. */
  public static final String PROPERTY = "sluice.compress.maxRatio";

  private BombGuard() {}

  /**
   * The maximum ratio {@link #PROPERTY} sets, or {@link #DEFAULT_MAX_RATIO}.
   *
   * @throws IllegalArgumentException if the property is not a number >= 0
   */
  public static double configuredMaxRatio() {
    String value = System.getProperty(PROPERTY);
    if (value == null || value.isBlank()) {
      return DEFAULT_MAX_RATIO;
    }
    double ratio;
    try {
      ratio = Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      ratio = Double.NaN;
    }
    if (!(ratio >= 0)) {
      throw new IllegalArgumentException("system property " + PROPERTY
          + " must be a number >= 0 (0 disables the guard): '" + value + "'");
    }
    return ratio;
  }

  /**
   * {@code maxRatio} if it is a valid limit.
   *
   * @throws IllegalArgumentException if it is negative or NaN
   */
  public static double checkMaxRatio(double maxRatio) {
    if (!(maxRatio >= 0)) {
      throw new IllegalArgumentException("maxCompressionRatio must be >= 0 (0 disables the guard): " + maxRatio);
    }
    return maxRatio;
  }

  /** Whether {@code produced} bytes out of {@code consumed} compressed bytes break {@code maxRatio}. */
  public static boolean exceeds(long produced, long consumed, double maxRatio) {
    return produced > FLOOR_BYTES && maxRatio > 0 && produced > maxRatio * consumed;
  }

  /** The failure of a stream that produced {@code produced} bytes from {@code consumed}. */
  public static IOException streamFailure(String codec, long produced, long consumed, double maxRatio) {
    double ratio = consumed == 0 ? Double.POSITIVE_INFINITY : (double) produced / consumed;
    return new IOException(codec + ": decompression bomb guard: " + produced + " bytes decompressed from " + consumed
        + " compressed bytes is a ratio of " + formatRatio(ratio) + ":1, more than the limit of "
        + formatRatio(maxRatio) + ":1 (checked past " + FLOOR_BYTES + " bytes); raise the limit with"
        + " CompressedInputStream.setMaxCompressionRatio(double), the system property " + PROPERTY
        + " or the CLI's --max-ratio (0 disables the guard)");
  }

  /**
   * One-shot decompression: refuses a declared size beyond the configured ratio of the compressed
   * size, before any memory is allocated for it.
   */
  static void checkDeclaredSize(String codec, long decompressedSize, long compressedSize) throws IOException {
    double maxRatio = configuredMaxRatio();
    if (exceeds(decompressedSize, compressedSize, maxRatio)) {
      throw new IOException(codec + ": decompression bomb guard: decompressedSize " + decompressedSize
          + " is more than " + formatRatio(maxRatio) + " times the " + compressedSize + " compressed bytes (limit "
          + formatRatio(maxRatio) + ":1 past " + FLOOR_BYTES + " bytes); raise the limit with the system property "
          + PROPERTY + " (0 disables the guard)");
    }
  }

  /** A ratio as a whole number, or with one decimal where it has a fraction. */
  public static String formatRatio(double ratio) {
    if (Double.isInfinite(ratio)) {
      return "infinity";
    }
    return ratio == Math.rint(ratio) ? Long.toString((long) ratio) : String.format(Locale.ROOT, "%.1f", ratio);
  }
}
