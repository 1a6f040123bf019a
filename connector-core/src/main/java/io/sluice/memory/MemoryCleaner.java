package io.sluice.memory;

import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;

/**
 * Frees the pool memory of root buffers that were garbage collected without {@code close()}, and
 * memory whose release waited for its last {@code ByteBuffer} view to become unreachable (a
 * {@link ViewAnchor}): the job of {@link java.lang.ref.Cleaner}, with a cheaper cancel for the
 * common case of an explicit close.
 *
 * <p>Why not {@code Cleaner}: {@code Cleanable.clean()} clears its reference, and on JDK 17 to 23
 * {@code Reference.clear()} is a native call that cost about a fifth of a whole allocate + close
 * pair. A registration that is only unlinked needs no clear: once unlinked, the registration is
 * reachable only through its buffer (buffer -> {@link Allocation} -> registration), so when the
 * buffer dies the registration is garbage too, and the GC never discovers or enqueues it.
 *
 * <p>Registrations sit in one doubly-linked list, which keeps them reachable while their buffer is
 * alive (a phantom reference that is itself unreachable is never enqueued). One daemon thread,
 * started with the first registration, runs the action of each enqueued registration.
 */
final class MemoryCleaner {
  private static final ReferenceQueue<Object> QUEUE = new ReferenceQueue<>();
  /** Sentinel of the circular list; guards the list as its lock. */
  private static final Registration LIST = new Registration();

  private MemoryCleaner() {}

  /** Runs {@code action} once {@code owner} is unreachable, unless {@link Registration#cancel()} runs first. */
  static Registration register(Object owner, Runnable action) {
    Registration registration = new Registration(owner, action);
    synchronized (LIST) {
      registration.next = LIST.next;
      registration.prev = LIST;
      LIST.next.prev = registration;
      LIST.next = registration;
    }
    CleanerThread.ensureStarted();
    return registration;
  }

  /** One owner's (a buffer's or a view anchor's) pending action. */
  static final class Registration extends PhantomReference<Object> {
    private final Runnable action;
    private Registration prev;
    private Registration next;

    /** The list sentinel. */
    private Registration() {
      super(null, null);
      this.action = null;
      this.prev = this;
      this.next = this;
    }

    private Registration(Object owner, Runnable action) {
      super(owner, QUEUE);
      this.action = action;
    }

    /**
     * Takes the registration off the list so the action never runs after GC. Returns false if it
     * was already off (cancelled before, or being run by the cleaner thread).
     */
    boolean cancel() {
      synchronized (LIST) {
        if (next == null) {
          return false;
        }
        prev.next = next;
        next.prev = prev;
        prev = null;
        next = null;
        return true;
      }
    }
  }

  /** The daemon thread that runs the actions of collected buffers. */
  private static final class CleanerThread {
    static {
      Thread thread = new Thread(CleanerThread::run, "sluice-memory-cleaner");
      thread.setDaemon(true);
      thread.start();
    }

    /** Starting happens once, in this class's initializer (the JVM runs it exactly once). */
    static void ensureStarted() {}

    private static void run() {
      while (true) {
        try {
          Registration registration = (Registration) QUEUE.remove();
          if (registration.cancel()) {
            registration.action.run();
          }
        } catch (InterruptedException e) {
          // Nobody should interrupt this thread; keep cleaning.
        } catch (RuntimeException | Error e) {
          // As in java.lang.ref.Cleaner: a failing action must not stop the cleaning of every other
          // buffer. Freeing pool memory does not throw in practice.
        }
      }
    }
  }
}
