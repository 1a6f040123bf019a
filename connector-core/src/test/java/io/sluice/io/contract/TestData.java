package io.sluice.io.contract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/** Deterministic content for the contract suites, and small assertion helpers. */
public final class TestData {
  /**
   * Sizes around the boundaries the implementations care about: empty, one byte, 64-byte
   * alignment, 4 KiB pages and buffers, the 64 KiB copy chunk, each +/- 1.
   */
  public static final int[] BOUNDARY_SIZES = {0, 1, 2, 3, 63, 64, 65, 4095, 4096, 4097, 65535, 65536, 65537, 200_003};

  private TestData() {}

  /** {@code size} pseudo-random bytes, the same for the same seed; every byte value occurs. */
  public static byte[] bytes(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  public static byte[] bytes(int size) {
    return bytes(size, size * 31L + 7);
  }

  public static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  public static byte[] slice(byte[] data, long from, long to) {
    return Arrays.copyOfRange(data, (int) from, (int) to);
  }

  public static byte[] concat(byte[]... parts) {
    int total = 0;
    for (byte[] part : parts) {
      total += part.length;
    }
    byte[] out = new byte[total];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }

  /** Something that throws; for the closed-file and mode tables. */
  @FunctionalInterface
  public interface Operation {
    void run() throws IOException;
  }
}
