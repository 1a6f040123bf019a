package io.sluice.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.compress.CompressTestData;
import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPools;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 1 GiB of zeros, compressed, read with a 64 MiB cap: the read fails exactly at the cap, and
 * neither the heap nor the pool grows anywhere near the decompressed size on the way.
 */
class DecompressionBombTest {
  private static final long GIB = 1L << 30;
  private static final long CAP = 64L << 20;

  static Iterable<String> codecs() {
    return CompressTestData.ALL_CODECS;
  }

  /** 1 GiB of zeros written through the codec's stream (fastest level where there are levels). */
  private static byte[] bomb(String codec) throws IOException {
    ByteArraySinkFile sink = new ByteArraySinkFile();
    io.sluice.compress.Codec fastest = io.sluice.compress.Codec.supportsCompressionLevel(codec)
        ? io.sluice.compress.Codec.of(codec, Math.max(1, io.sluice.compress.Codec.minimumCompressionLevel(codec)))
        : io.sluice.compress.Codec.of(codec);
    byte[] zeros = new byte[1 << 20];
    try (CompressedOutputStream out = new CompressedOutputStream(sink, fastest)) {
      for (long written = 0; written < GIB; written += zeros.length) {
        out.write(zeros);
      }
    }
    return sink.toByteArray();
  }

  private static long heapPeakSinceReset() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static void resetHeapPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void capStopsTheBomb(String codec) throws IOException {
    byte[] compressed = bomb(codec);
    // snappy tops out near 21:1, every other format beyond 1000:1
    assertTrue(compressed.length < GIB / 16, codec + " bomb is small: " + compressed.length);
    long poolBefore = MemoryPools.defaultPool().bytesAllocated();
    long poolPeak = 0;
    long read = 0;
    resetHeapPeaks();
    long heapBase = heapPeakSinceReset();
    try (CompressedInputStream in = new CompressedInputStream(new BufferReader(Buffer.wrap(compressed)), codec)) {
      in.setMaxOutputBytes(CAP);
      IOException e = assertThrows(IOException.class, () -> {
        while (true) {
          try (Buffer chunk = in.readBuffer(1 << 20)) { // pool memory, returned at once
            if (chunk.size() == 0) {
              return;
            }
          }
        }
      });
      assertTrue(e.getMessage().startsWith(codec + ":") && e.getMessage().contains("maxOutputBytes " + CAP),
          e.getMessage());
      read = in.tell();
      poolPeak = MemoryPools.defaultPool().bytesAllocated() - poolBefore;
    }
    long heapGrowth = heapPeakSinceReset() - heapBase;
    assertEquals(CAP, read, codec + ": exactly the cap was delivered before the error");
    assertTrue(poolPeak < 2 * CAP, codec + " pool use " + poolPeak);
    assertTrue(heapGrowth < 2 * CAP, codec + ": heap grew by " + heapGrowth + " bytes while reading");
  }
}
