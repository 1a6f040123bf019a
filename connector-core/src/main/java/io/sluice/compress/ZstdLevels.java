package io.sluice.compress;

/**
 * zstd's level range. Fixed numbers rather than {@code Zstd.minCompressionLevel()} so that asking
 * for the range never loads native code (zstd 1.5.x: {@code ZSTD_minCLevel() = -(1 << 17)},
 * {@code ZSTD_maxCLevel() = 22}); a test checks them against the library.
 */
final class ZstdLevels {
  static final int MIN = -(1 << 17);
  static final int MAX = 22;

  private ZstdLevels() {}
}
