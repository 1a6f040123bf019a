package io.sluice.cli;

import java.util.Locale;

/** Sizes for people, as {@code hdfs dfs -h} prints them: {@code 512}, {@code 1.5 K}, {@code 3 M}. */
final class Sizes {
  private static final String[] SYMBOLS = {"K", "M", "G", "T", "P", "E"};

  private Sizes() {}

  /** Exact multiples print without decimals; others with one ({@code %.1f}), never "1024.0 K". */
  static String human(long bytes) {
    if (bytes < 0) {
      return "-" + human(-bytes);
    }
    if (bytes < 1024) {
      return Long.toString(bytes);
    }
    int exponent = 0;
    while (exponent + 1 < SYMBOLS.length && bytes >= 1L << (10 * (exponent + 2))) {
      exponent++;
    }
    int shift = 10 * (exponent + 1);
    if ((bytes & ((1L << shift) - 1)) == 0) {
      return (bytes >> shift) + " " + SYMBOLS[exponent];
    }
    String text = String.format(Locale.ROOT, "%.1f", bytes / (double) (1L << shift));
    if (text.startsWith("1024") && exponent + 1 < SYMBOLS.length) {
      exponent++;
      text = String.format(Locale.ROOT, "%.1f", bytes / (double) (1L << (10 * (exponent + 1))));
    }
    return text + " " + SYMBOLS[exponent];
  }

  static String of(long bytes, boolean human) {
    return human ? human(bytes) : Long.toString(bytes);
  }
}
