package io.sluice.compress;

import java.util.EnumMap;
import java.util.Map;

/**
 * Loads each codec's library once, lazily, and remembers why it failed. Nothing here runs in a
 * static initializer that can throw: a platform without (say) brotli natives can still use gzip.
 */
final class NativeLibraries {
  private static final Map<CodecType, Throwable> RESULTS = new EnumMap<>(CodecType.class);
  private static final Throwable OK = new Throwable("loaded");

  private NativeLibraries() {}

  /** Null when {@code type}'s library works, else the error that stops it. */
  static synchronized Throwable loadError(CodecType type) {
    Throwable result = RESULTS.get(type);
    if (result == null) {
      result = tryLoad(type);
      RESULTS.put(type, result);
    }
    return result == OK ? null : result;
  }

  private static Throwable tryLoad(CodecType type) {
    try {
      switch (type) {
        case SNAPPY:
        case SNAPPY_HADOOP:
          org.xerial.snappy.Snappy.maxCompressedLength(1); // loads the native library
          break;
        case ZSTD:
          com.github.luben.zstd.util.Native.load();
          break;
        case BROTLI:
          com.aayushatharva.brotli4j.Brotli4jLoader.ensureAvailability();
          break;
        case LZ4:
        case LZ4_HADOOP:
        case LZ4_RAW:
          // lz4-java falls back to pure Java when its JNI part does not load.
          net.jpountz.lz4.LZ4Factory.fastestInstance();
          break;
        default:
          // java.util.zip and commons-compress are pure Java.
          break;
      }
      return OK;
    } catch (Throwable t) { // UnsatisfiedLinkError, NoClassDefFoundError, ...: "not available"
      return t;
    }
  }
}
