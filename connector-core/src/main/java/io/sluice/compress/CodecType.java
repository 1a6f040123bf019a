package io.sluice.compress;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/** The static facts of each codec name: levels, file extensions, library availability, factory. */
enum CodecType {
  GZIP("gzip", 1, 6, 9, List.of(".gz"), GzipCodec::new),
  BZ2("bz2", 1, 9, 9, List.of(".bz2"), Bzip2Codec::new),
  // Level 1 and 2 use the fast LZ4 compressor, 3..17 LZ4HC at that level (like the lz4 tool).
  LZ4("lz4", 1, 1, 17, List.of(".lz4"), Lz4FrameCodec::new),
  LZ4_HADOOP("lz4_hadoop", 1, 1, 17, List.of(), Lz4HadoopCodec::new),
  // The LZ4 block format alone (PyArrow lz4_raw, Parquet LZ4_RAW): one-shot only, no extension.
  LZ4_RAW("lz4_raw", 1, 1, 17, List.of(), Lz4RawCodec::new),
  ZSTD("zstd", ZstdLevels.MIN, 3, ZstdLevels.MAX, List.of(".zst", ".zstd"), ZstdCodec::new),
  SNAPPY("snappy", List.of(".sz"), SnappyFramedCodec::new),
  SNAPPY_HADOOP("snappy_hadoop", List.of(".snappy"), SnappyHadoopCodec::new),
  // Arrow's default brotli quality (8): 11 is several times slower for a few percent.
  BROTLI("brotli", 0, 8, 11, List.of(".br"), BrotliCodec::new),
  DEFLATE("deflate", 1, 6, 9, List.of(".deflate"), DeflateCodec::new);

  private final String codecName;
  private final boolean hasLevels;
  private final int minLevel;
  private final int defaultLevel;
  private final int maxLevel;
  private final List<String> extensions;
  private final IntFunction<Codec> factory;

  CodecType(String codecName, int minLevel, int defaultLevel, int maxLevel, List<String> extensions,
      IntFunction<Codec> factory) {
    this.codecName = codecName;
    this.hasLevels = true;
    this.minLevel = minLevel;
    this.defaultLevel = defaultLevel;
    this.maxLevel = maxLevel;
    this.extensions = extensions;
    this.factory = factory;
  }

  CodecType(String codecName, List<String> extensions, IntFunction<Codec> factory) {
    this.codecName = codecName;
    this.hasLevels = false;
    this.minLevel = 0;
    this.defaultLevel = 0;
    this.maxLevel = 0;
    this.extensions = extensions;
    this.factory = factory;
  }

  static CodecType forName(String name) {
    Objects.requireNonNull(name, "name");
    String lower = name.toLowerCase(Locale.ROOT);
    for (CodecType type : values()) {
      if (type.codecName.equals(lower)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown codec '" + name + "'; known codecs: "
        + Arrays.stream(values()).map(CodecType::codecName).collect(Collectors.joining(", ")));
  }

  String codecName() {
    return codecName;
  }

  List<String> extensions() {
    return extensions;
  }

  boolean hasLevels() {
    return hasLevels;
  }

  int minLevel() {
    return minLevel;
  }

  int defaultLevel() {
    return defaultLevel;
  }

  int maxLevel() {
    return maxLevel;
  }

  CodecType requireLevels() {
    if (!hasLevels) {
      throw new IllegalArgumentException("codec " + codecName + " has no compression levels");
    }
    return this;
  }

  void checkLevel(int level) {
    requireLevels();
    if (level < minLevel || level > maxLevel) {
      throw new IllegalArgumentException("compression level " + level + " is outside the range of codec "
          + codecName + ": " + minLevel + ".." + maxLevel);
    }
  }

  boolean isAvailable() {
    return NativeLibraries.loadError(this) == null;
  }

  void requireAvailable() {
    Throwable error = NativeLibraries.loadError(this);
    if (error != null) {
      throw new IllegalStateException("codec " + codecName + " is not available on this platform: " + error, error);
    }
  }

  Codec create(int level) {
    return factory.apply(level);
  }
}
