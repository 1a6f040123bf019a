package io.sluice.hdfs;

import java.util.BitSet;

/**
 * The chunks of one block replica that were verified against their stored checksums; shared by
 * every open of the replica in this process ({@link VerifiedReplicas}), or private to one mapping
 * when nothing is remembered. Once every chunk is verified the bit set is dropped and the check is
 * one volatile read. Thread-safe; two threads may verify the same chunk at once, which is harmless.
 */
final class VerifiedChunks {
  private final int count;
  /** Verified chunks; null once all are. Guarded by {@code this}. */
  private BitSet verified = new BitSet();
  private volatile boolean complete;

  VerifiedChunks(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("chunk count must not be negative: " + count);
    }
    this.count = count;
    this.complete = count == 0;
    if (complete) {
      verified = null;
    }
  }

  int count() {
    return count;
  }

  /** Whether every chunk was verified. */
  boolean isComplete() {
    return complete;
  }

  /** The first chunk in {@code [from, end)} not verified yet, or {@code end}. */
  synchronized int nextUnverified(int from, int end) {
    return verified == null ? end : Math.min(verified.nextClearBit(from), end);
  }

  /** The first verified chunk in {@code [from, end)}, or {@code end}. */
  synchronized int nextVerified(int from, int end) {
    if (verified == null) {
      return from;
    }
    int next = verified.nextSetBit(from);
    return next < 0 ? end : Math.min(next, end);
  }

  /** Records chunks {@code [start, end)} as verified. */
  synchronized void markVerified(int start, int end) {
    if (start < 0 || end > count || start > end) {
      throw new IndexOutOfBoundsException("chunks [" + start + ", " + end + ") outside [0, " + count + ")");
    }
    if (verified == null) {
      return;
    }
    verified.set(start, end);
    if (verified.cardinality() == count) {
      verified = null;
      complete = true;
    }
  }
}
