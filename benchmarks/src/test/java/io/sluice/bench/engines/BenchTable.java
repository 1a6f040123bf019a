package io.sluice.bench.engines;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.arrow.memory.ArrowBuf;

/**
 * The table every engine benchmark scans: four required, non-null columns of fixed width,
 * {@code id} (int64, the row number), {@code x} (double), {@code y} (int64) and {@code z} (int32),
 * 28 bytes of values per row, pseudo-random except {@code id}. The same rows are written as
 * Parquet and as Arrow IPC.
 *
 * <p>What a scan consumes is the <em>checksum</em> of each column it reads: the sum of its values
 * as little-endian words of the column's width (a double as its raw 64 bits), which makes every
 * reader touch every value byte and lets the benchmark check that both sides did the same work
 * against sums computed independently while writing.
 */
final class BenchTable {
  /** Bytes of values in the full-size table (256 MiB); {@code -Dsluice.bench.engines.bytes} makes it smaller for tests. */
  static final long DEFAULT_BYTES = 256L << 20;
  static final int ROW_BYTES = 8 + 8 + 8 + 4;
  static final String[] COLUMNS = {"id", "x", "y", "z"};
  /** Width in bytes of each of {@link #COLUMNS}. */
  static final int[] WIDTHS = {8, 8, 8, 4};

  private BenchTable() {}

  static long valueBytes() {
    return Long.getLong("sluice.bench.engines.bytes", DEFAULT_BYTES);
  }

  static long rows() {
    return valueBytes() / ROW_BYTES;
  }

  static long id(long row) {
    return row;
  }

  static double x(long row) {
    return (mix(row) >>> 11) * 0x1.0p-53 * 1000.0;
  }

  static long y(long row) {
    return mix(row * 31 + 7);
  }

  static int z(long row) {
    return (int) mix(row ^ 0x5555_5555L);
  }

  /** SplitMix64's finaliser: cheap, well spread values. */
  private static long mix(long v) {
    long z = v + 0x9E37_79B9_7F4A_7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
    return z ^ (z >>> 31);
  }

  /** The checksum of every column of {@code rows} rows, computed from the generator alone. */
  static long[] expectedChecksums(long rows) {
    long[] sums = new long[COLUMNS.length];
    for (long row = 0; row < rows; row++) {
      sums[0] += id(row);
      sums[1] += Double.doubleToRawLongBits(x(row));
      sums[2] += y(row);
      sums[3] += z(row);
    }
    return sums;
  }

  /** The sum of the checksums of the columns {@code columns} reads. */
  static long expectedScan(long[] checksums, Columns columns) {
    long total = 0;
    for (int c = 0; c < checksums.length; c++) {
      if (columns.reads(c)) {
        total += checksums[c];
      }
    }
    return total;
  }

  /** Sum of the little-endian words of {@code width} bytes between position and limit of {@code values}. */
  static long checksum(ByteBuffer values, int width) {
    ByteBuffer le = values.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    int start = le.position();
    int end = le.limit();
    if ((end - start) % width != 0) {
      throw new IllegalStateException("a page of " + width + "-byte values has " + (end - start) + " bytes");
    }
    long sum = 0;
    if (width == 8) {
      for (int i = start; i < end; i += 8) {
        sum += le.getLong(i);
      }
    } else {
      for (int i = start; i < end; i += 4) {
        sum += le.getInt(i);
      }
    }
    return sum;
  }

  /**
   * Sum of the first {@code count} little-endian words of {@code width} bytes of an Arrow data
   * buffer, read through one {@code ByteBuffer} view of it (one bounds check for the whole range;
   * {@code ArrowBuf.getLong} per value checks bounds and the reference count on every call, which
   * made the first runs measure those checks more than the readers).
   */
  static long checksum(ArrowBuf values, int count, int width) {
    return checksum(values.nioBuffer(0, Math.multiplyExact(count, width)), width);
  }
}
