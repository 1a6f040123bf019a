package io.sluice.cli;

import io.sluice.fs.Abortable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The destination files a command is writing right now, so that Ctrl-C (SIGINT) or SIGTERM leaves
 * nothing behind: a shutdown hook aborts every atomic write (its temporary file is deleted, the
 * destination keeps what it had) and deletes the partial file of an in-place ({@code --no-atomic})
 * write. Installed on first use; a normal exit finds the registry empty.
 *
 * <p>Seam: issue "atomic writes" adds the same guarantee inside connector-core for every atomic
 * output; once it lands this registry only has the in-place case left to handle.
 */
final class InFlightWrites {
  private static final Map<Object, Runnable> CLEANUPS = new ConcurrentHashMap<>();
  /** Held while a file is published and while the hook cleans up: one of them wins, never both. */
  private static final Object PUBLISH_LOCK = new Object();
  private static volatile boolean hookInstalled;
  private static boolean shuttingDown;

  private InFlightWrites() {}

  /** Registers an output; the returned handle unregisters it once the file is published or cleaned up. */
  static AutoCloseable register(Object output, Runnable cleanup) {
    installHook();
    CLEANUPS.put(output, cleanup);
    return () -> CLEANUPS.remove(output);
  }

  /** An atomic output: aborting discards its temporary file. */
  static AutoCloseable registerAtomic(Abortable output) {
    return register(output, () -> {
      try {
        output.abort();
      } catch (Exception ignored) {
        // Shutting down: nothing left to report to.
      }
    });
  }

  /**
   * Publishes an output unless the JVM is shutting down. Ctrl-C in a pipeline ({@code producer |
   * sluice cp - dst}) kills the producer too, so standard input can end a moment before the signal
   * reaches this JVM: what arrived by then is not a complete file and must not be published.
   *
   * @return false when shutdown has begun (the caller discards the output)
   */
  static boolean publishUnlessShuttingDown(IoAction publish) throws java.io.IOException {
    synchronized (PUBLISH_LOCK) {
      if (shuttingDown) {
        return false;
      }
      publish.run();
      return true;
    }
  }

  /** An I/O step run under the publish lock. */
  interface IoAction {
    void run() throws java.io.IOException;
  }

  /** Runs every pending cleanup (what the shutdown hook does). No output is published afterwards. */
  static void cleanUpAll() {
    synchronized (PUBLISH_LOCK) {
      shuttingDown = true;
      for (Map.Entry<Object, Runnable> entry : CLEANUPS.entrySet()) {
        if (CLEANUPS.remove(entry.getKey()) != null) {
          entry.getValue().run();
        }
      }
    }
  }

  static int pending() {
    return CLEANUPS.size();
  }

  private static void installHook() {
    if (hookInstalled) {
      return;
    }
    synchronized (InFlightWrites.class) {
      if (!hookInstalled) {
        Runtime.getRuntime().addShutdownHook(new Thread(InFlightWrites::cleanUpAll, "sluice-abort-writes"));
        hookInstalled = true;
      }
    }
  }
}
