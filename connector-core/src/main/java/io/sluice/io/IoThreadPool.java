package io.sluice.io;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sluice's IO thread pool (Arrow's IO thread pool, PyArrow's {@code set_io_thread_count} /
 * {@code io_thread_count}): where {@link NativeFile#readAsync}, {@link NativeFile#readRangesAsync},
 * concurrent range reads on stores that would otherwise read one range after another (HDFS), and
 * the background half of {@link NativeFile#download}/{@link NativeFile#upload} run.
 *
 * <p>Daemon threads named {@code sluice-io-N}, 8 by default (Arrow's default), created on demand
 * and retired after a minute idle, so the pool costs nothing when unused and never keeps a JVM
 * alive. {@link io.sluice.Sluice#setIoThreadCount(int)} changes the size at run time; tasks
 * already queued keep their place.
 */
public final class IoThreadPool {
  /** Arrow's default IO thread count. */
  public static final int DEFAULT_THREAD_COUNT = 8;

  private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
  private static final ThreadPoolExecutor EXECUTOR = create();

  private IoThreadPool() {}

  private static ThreadPoolExecutor create() {
    ThreadFactory factory = task -> {
      Thread thread = new IoThread(task, "sluice-io-" + THREAD_NUMBER.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    ThreadPoolExecutor executor = new ThreadPoolExecutor(DEFAULT_THREAD_COUNT, DEFAULT_THREAD_COUNT, 60,
        TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /** Marks the pool's threads, so blocking helpers can tell they must not wait for the pool from inside it. */
  private static final class IoThread extends Thread {
    IoThread(Runnable task, String name) {
      super(task, name);
    }
  }

  /** The pool. Do not shut it down: it is shared by the whole JVM. */
  public static ExecutorService executor() {
    return EXECUTOR;
  }

  /** The number of threads the pool may run at once. */
  public static int threadCount() {
    return EXECUTOR.getMaximumPoolSize();
  }

  /**
   * Sets the number of threads the pool may run at once.
   *
   * @throws IllegalArgumentException if {@code threads} is less than 1
   */
  public static synchronized void setThreadCount(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("IO thread count must be at least 1: " + threads);
    }
    // The core size may never exceed the maximum, so the order of the two calls depends on the direction.
    if (threads > EXECUTOR.getMaximumPoolSize()) {
      EXECUTOR.setMaximumPoolSize(threads);
      EXECUTOR.setCorePoolSize(threads);
    } else {
      EXECUTOR.setCorePoolSize(threads);
      EXECUTOR.setMaximumPoolSize(threads);
    }
  }

  /**
   * Whether the calling thread is one of the pool's. Code that would block waiting for other pool
   * tasks does the work itself instead when this is true: with every thread waiting, nothing would
   * run the tasks they wait for.
   */
  public static boolean isIoThread() {
    return Thread.currentThread() instanceof IoThread;
  }
}
