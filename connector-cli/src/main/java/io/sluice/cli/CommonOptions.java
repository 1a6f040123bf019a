package io.sluice.cli;

import picocli.CommandLine.Option;

/** Options several commands share, as picocli mixins. */
final class CommonOptions {
  private CommonOptions() {}

  /** {@code -h} and {@code --help}: the usage, exit 0. */
  static final class Help {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
  }

  /** Only {@code --help}: for {@code ls} and {@code du}, where {@code -h} means human-readable sizes. */
  static final class LongHelp {
    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;
  }

  /**
   * {@code --max-ratio}: the largest decompressed-to-compressed ratio a decoder accepts before it
   * calls the input a decompression bomb. Sets the system property {@code sluice.compress.maxRatio}
   * that connector-core's decoders read (seam: issue "Untrusted input" adds that guard).
   */
  static final class MaxRatio {
    static final String PROPERTY = "sluice.compress.maxRatio";

    @Option(names = "--max-ratio", paramLabel = "RATIO",
        description = "Refuse compressed input that expands more than RATIO times (decompression bomb guard;"
            + " sets -D" + PROPERTY + "). Default: the library's default.")
    void maxRatio(double ratio) {
      if (!(ratio >= 1) || Double.isInfinite(ratio)) {
        throw CliException.usage("--max-ratio must be a finite number >= 1: " + ratio);
      }
      System.setProperty(PROPERTY, Double.toString(ratio));
    }
  }
}
