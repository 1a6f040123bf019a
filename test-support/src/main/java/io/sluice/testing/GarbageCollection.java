package io.sluice.testing;

import java.util.function.LongSupplier;

/**
 * Waits for what only a garbage collection can bring about (memory freed by a cleaner once its
 * owner is unreachable). Bounded by a number of collection rounds, not by a clock, and it asserts
 * nothing about how long it took: a test checks only the value it waited for.
 */
public final class GarbageCollection {
  private static final int ROUNDS = 500;

  private GarbageCollection() {}

  /**
   * Asks for collections until {@code value} reads 0 (at most 500 rounds, each a collection and a
   * short pause for the cleaner thread), then returns its last reading for the test to assert.
   */
  public static long collectUntilZero(LongSupplier value) throws InterruptedException {
    for (int round = 0; round < ROUNDS && value.getAsLong() != 0; round++) {
      collectOnce();
    }
    return value.getAsLong();
  }

  /**
   * Gives the collector and the cleaner thread {@code rounds} chances to free whatever is
   * unreachable: for a test that then checks memory something still reachable must have kept.
   */
  public static void collect(int rounds) throws InterruptedException {
    for (int round = 0; round < rounds; round++) {
      collectOnce();
    }
  }

  private static void collectOnce() throws InterruptedException {
    System.gc();
    Thread.sleep(20); // gives the cleaner thread a turn; the round count is the bound
  }
}
