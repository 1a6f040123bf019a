package io.sluice.io;

/**
 * How {@link NativeFile#readRanges(java.util.List, CacheOptions)} and
 * {@link NativeFile#readRangesAsync} turn the caller's ranges into reads (Arrow's
 * {@code CacheOptions}, PyArrow's {@code pyarrow.CacheOptions}).
 *
 * @param holeSizeLimit two ranges are read together when the gap between them is at most this
 *     many bytes: reading a small hole costs less than another request to the store (8 KiB)
 * @param rangeSizeLimit ranges are not merged into a read larger than this (32 MiB); a single
 *     range larger than it is still read whole
 * @param lazy for {@link NativeFile#readRangesAsync}: when true no read starts until a result is
 *     asked for ({@code get}/{@code join} on one of the futures); that read starts then, together
 *     with the next {@code prefetchLimit} reads in file order. When false (the default) every read
 *     starts at once. {@code readRanges} returns every range, so it ignores this.
 * @param prefetchLimit for lazy {@link NativeFile#readRangesAsync}: how many reads after the one
 *     asked for start with it (0, the default: none)
 */
public record CacheOptions(long holeSizeLimit, long rangeSizeLimit, boolean lazy, int prefetchLimit) {
  /** Arrow's defaults: 8 KiB holes, 32 MiB reads, eager, no prefetch. */
  public static final CacheOptions DEFAULT = new CacheOptions(8 * 1024, 32L * 1024 * 1024, false, 0);

  /**
   * @throws IllegalArgumentException if {@code holeSizeLimit} or {@code prefetchLimit} is negative,
   *     or {@code rangeSizeLimit} is not larger than {@code holeSizeLimit}
   */
  public CacheOptions {
    if (holeSizeLimit < 0) {
      throw new IllegalArgumentException("holeSizeLimit must not be negative: " + holeSizeLimit);
    }
    if (rangeSizeLimit <= holeSizeLimit) {
      throw new IllegalArgumentException("rangeSizeLimit must be larger than holeSizeLimit (" + holeSizeLimit
          + "): " + rangeSizeLimit);
    }
    if (prefetchLimit < 0) {
      throw new IllegalArgumentException("prefetchLimit must not be negative: " + prefetchLimit);
    }
  }

  /** These options with another hole size limit. */
  public CacheOptions withHoleSizeLimit(long bytes) {
    return new CacheOptions(bytes, rangeSizeLimit, lazy, prefetchLimit);
  }

  /** These options with another range size limit. */
  public CacheOptions withRangeSizeLimit(long bytes) {
    return new CacheOptions(holeSizeLimit, bytes, lazy, prefetchLimit);
  }

  /** These options, lazy or eager, with {@code prefetchLimit} reads started ahead. */
  public CacheOptions withLazy(boolean lazy, int prefetchLimit) {
    return new CacheOptions(holeSizeLimit, rangeSizeLimit, lazy, prefetchLimit);
  }
}
