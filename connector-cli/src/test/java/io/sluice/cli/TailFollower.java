package io.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code sluice tail -f} on a thread of its own: the test appends, waits until the output shows it
 * (bounded by a number of polls, not by a time threshold), then interrupts the command.
 */
final class TailFollower {
  private final Thread thread;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final AtomicInteger exit = new AtomicInteger(-1);

  private TailFollower(String... args) {
    thread = new Thread(() -> exit.set(SluiceCli.run(out, err, args)), "tail-f");
    thread.setDaemon(true);
  }

  static TailFollower start(String... args) {
    TailFollower follower = new TailFollower(args);
    follower.thread.start();
    return follower;
  }

  /** Waits (at most 3000 polls of 10 ms) until standard output is exactly {@code expected}. */
  void awaitOutput(String expected) throws InterruptedException {
    for (int poll = 0; poll < 3000 && !expected.equals(output()) && thread.isAlive(); poll++) {
      Thread.sleep(10);
    }
    assertEquals(expected, output(), "stderr: " + err.toString(StandardCharsets.UTF_8));
  }

  String output() {
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  /** Interrupts the follow loop and returns the command's exit code. */
  int stop() throws InterruptedException {
    thread.interrupt();
    thread.join(60_000);
    return exit.get();
  }
}
