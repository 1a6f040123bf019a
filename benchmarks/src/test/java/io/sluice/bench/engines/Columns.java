package io.sluice.bench.engines;

/** Which columns of {@link BenchTable} a scan reads. */
public enum Columns {
  /** All four columns. */
  ALL,
  /** {@code id} only (8 of the 28 bytes of values per row). */
  ONE;

  boolean reads(int column) {
    return this == ALL || column == 0;
  }
}
