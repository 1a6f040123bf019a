package io.sluice.io.contract;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Random;

/**
 * Input streams that are legal but unfriendly: they return fewer bytes than asked for, to catch
 * code that assumes one {@code read} fills the buffer.
 */
public final class HostileInputStreams {
  private HostileInputStreams() {}

  /** Returns at most one byte per {@code read(byte[], int, int)} call. */
  public static InputStream oneByteAtATime(byte[] content) {
    return new ByteArrayInputStream(content) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1));
      }
    };
  }

  /** Returns a random number of bytes between 1 and what was asked for (seeded: reproducible). */
  public static InputStream randomShortReads(byte[] content, long seed) {
    Random random = new Random(seed);
    return new ByteArrayInputStream(content) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, len <= 1 ? len : 1 + random.nextInt(len));
      }
    };
  }
}
