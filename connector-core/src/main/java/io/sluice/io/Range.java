package io.sluice.io;

/**
 * A byte range of a file for {@link NativeFile#readRanges}: {@code length} bytes from {@code offset}.
 * Both must be non-negative.
 */
public record Range(long offset, long length) {
  public Range {
    if (offset < 0) {
      throw new IllegalArgumentException("range offset must not be negative: " + offset);
    }
    if (length < 0) {
      throw new IllegalArgumentException("range length must not be negative: " + length);
    }
    if (offset > Long.MAX_VALUE - length) {
      throw new IllegalArgumentException("range end overflows: offset " + offset + ", length " + length);
    }
  }

  public static Range of(long offset, long length) {
    return new Range(offset, length);
  }

  /** One past the last byte. */
  public long end() {
    return offset + length;
  }
}
