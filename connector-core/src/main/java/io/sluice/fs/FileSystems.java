package io.sluice.fs;

import io.sluice.compress.Codec;
import io.sluice.io.CompressedInputStream;
import io.sluice.io.CompressedOutputStream;
import io.sluice.io.NativeFile;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Copies between file systems, like PyArrow's {@code pyarrow.fs.copy_files}.
 *
 * <p>{@code src} may be a file (copied to the file {@code dst}, whose parent directories are created
 * when missing) or a directory (its whole tree is
 * recreated under the directory {@code dst}, created if missing). Files are copied in parallel on
 * {@code threads} threads, {@code chunkSize} bytes at a time. By default every destination file is
 * written atomically ({@link CopyOptions#atomic}): after a failure no partial file exists under a
 * destination name; files completed before the failure stay. The first failure is thrown after the
 * other running copies stopped; files not yet started are skipped.
 *
 * <p>With {@link CopyOptions#transcode}, a file whose source and destination names carry different codec
 * extensions ({@link Codec#detect}) is decompressed and recompressed ({@code a.gz -> a.zst}), and
 * to or from no extension it is decompressed or compressed; same codecs copy bytes unchanged.
 */
public final class FileSystems {
  private FileSystems() {}

  /**
   * Removes the temporary files that atomic writers which died (a killed JVM) left in {@code dir}
   * and the directories below it (links are not followed), and returns their paths, sorted.
   *
   * <p>A temporary ({@link AtomicOutput}: {@code .<name>.sluice-tmp-*}) is removed only when both
   * hold: it was last modified more than {@code olderThan} ago, and the store itself says its writer
   * is dead (locally: nobody holds the lock its writer took, which the operating system frees when
   * the process dies; on HDFS: the NameNode refuses to let the writer's lease be taken over while
   * the writer renews it). A live writer's temporary is never removed, however old; writers of this
   * JVM are not even probed. {@code Duration.ZERO} removes every dead writer's temporary.
   *
   * @return the paths removed, as {@code fs} spells them
   * @throws UnsupportedOperationException if {@code fs} does not write atomically through temporaries
   * @throws IllegalArgumentException if {@code olderThan} is negative
   * @throws NoSuchFileException if {@code dir} does not exist; {@link NotDirectoryException} if it is a file
   */
  public static List<String> cleanOrphans(FileSystem fs, String dir, Duration olderThan) throws IOException {
    Objects.requireNonNull(fs, "fs");
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(olderThan, "olderThan");
    if (olderThan.isNegative()) {
      throw new IllegalArgumentException("olderThan must not be negative: " + olderThan);
    }
    if (!(fs instanceof AtomicOutput.Sweepable sweepable)) {
      throw new UnsupportedOperationException("cleanOrphans: " + fs + " (" + fs.typeName()
          + ") keeps no temporary files it could clean");
    }
    List<String> dirs = new ArrayList<>();
    dirs.add(dir);
    for (FileInfo info : fs.getFileInfo(new FileSelector(dir, false, true))) {
      if (info.isDirectory()) {
        dirs.add(info.path());
      }
    }
    Instant cutoff = Instant.now().minus(olderThan);
    List<String> removed = new ArrayList<>();
    for (String d : dirs) {
      List<FileInfo> temporaries;
      try {
        temporaries = sweepable.listTemporaries(d);
      } catch (NoSuchFileException e) {
        continue; // removed while we swept
      }
      for (FileInfo temporary : temporaries) {
        boolean oldEnough = temporary.mtime() == null || !temporary.mtime().isAfter(cutoff);
        if (oldEnough && !AtomicOutput.isOpenHere(sweepable.temporaryKey(temporary.path()))
            && sweepable.removeIfWriterDead(temporary.path()) == AtomicOutput.Probe.REMOVED) {
          removed.add(temporary.path());
        }
      }
    }
    removed.sort(null);
    return removed;
  }

  /** Copies without transcoding and without progress reports. */
  public static CopyResult copyFiles(String src, String dst, FileSystem srcFs, FileSystem dstFs, long chunkSize,
      int threads) throws IOException {
    return copyFiles(src, dst, srcFs, dstFs, chunkSize, threads, CopyOptions.DEFAULT);
  }

  /**
   * @throws IllegalArgumentException if {@code chunkSize} or {@code threads} is not positive
   * @throws NoSuchFileException if {@code src} does not exist
   */
  public static CopyResult copyFiles(String src, String dst, FileSystem srcFs, FileSystem dstFs, long chunkSize,
      int threads, CopyOptions options) throws IOException {
    Objects.requireNonNull(src, "src");
    Objects.requireNonNull(dst, "dst");
    Objects.requireNonNull(srcFs, "srcFs");
    Objects.requireNonNull(dstFs, "dstFs");
    Objects.requireNonNull(options, "options");
    if (chunkSize <= 0 || chunkSize > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("chunkSize must be in 1.." + (Integer.MAX_VALUE - 8) + ": " + chunkSize);
    }
    if (threads <= 0) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
    FileInfo root = srcFs.getFileInfo(src);
    List<FileCopy> copies = new ArrayList<>();
    if (root.isFile()) {
      createParent(dst, dstFs);
      copies.add(new FileCopy(srcFs.normalizePath(src), dst, root.size()));
    } else if (root.isDirectory()) {
      planDirectory(srcFs.normalizePath(src), dst, srcFs, dstFs, copies);
    } else {
      throw new NoSuchFileException(src, null, "copy source does not exist");
    }
    long total = copies.stream().mapToLong(FileCopy::size).sum();
    options.listener().started(copies.size(), total);
    runAll(copies, srcFs, dstFs, (int) chunkSize, threads, options);
    return new CopyResult(copies.size(), total);
  }

  /** Like Arrow's CopyFiles: a file's destination directory is created when missing. */
  private static void createParent(String path, FileSystem fs) throws IOException {
    String normalized = fs.normalizePath(path);
    int slash = normalized.lastIndexOf('/');
    if (slash > 0) {
      fs.createDir(normalized.substring(0, slash), true);
    }
  }

  private record FileCopy(String src, String dst, long size) {}

  private static void planDirectory(String src, String dst, FileSystem srcFs, FileSystem dstFs, List<FileCopy> copies)
      throws IOException {
    dstFs.createDir(dst, true);
    String prefix = src.endsWith("/") ? src : src + "/";
    for (FileInfo info : srcFs.getFileInfo(new FileSelector(src, false, true))) {
      String normalized = srcFs.normalizePath(info.path());
      if (!normalized.startsWith(prefix)) {
        throw new IOException("listing of " + src + " returned a path outside it: " + info.path());
      }
      String target = join(dst, normalized.substring(prefix.length()));
      if (info.isDirectory()) {
        dstFs.createDir(target, true);
      } else if (info.isFile()) {
        copies.add(new FileCopy(normalized, target, info.size()));
      }
    }
  }

  private static String join(String dir, String relative) {
    return dir.endsWith("/") ? dir + relative : dir + "/" + relative;
  }

  private static void runAll(List<FileCopy> copies, FileSystem srcFs, FileSystem dstFs, int chunkSize, int threads,
      CopyOptions options) throws IOException {
    if (threads == 1 || copies.size() <= 1) {
      for (FileCopy copy : copies) {
        copyOne(copy, srcFs, dstFs, chunkSize, options);
      }
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, copies.size()), daemonThreads());
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (FileCopy copy : copies) {
        futures.add(pool.submit(() -> {
          copyOne(copy, srcFs, dstFs, chunkSize, options);
          return null;
        }));
      }
      for (Future<?> future : futures) {
        try {
          future.get();
        } catch (ExecutionException e) {
          futures.forEach(f -> f.cancel(true));
          throw asIOException(e.getCause());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("copy interrupted");
    } finally {
      pool.shutdownNow();
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "sluice-copy-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private static IOException asIOException(Throwable cause) {
    if (cause instanceof IOException io) {
      return io;
    }
    if (cause instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IOException(cause);
  }

  /** One file: read chunks, write them to an atomic destination, abort it on any failure. */
  static void copyOne(FileCopy copy, FileSystem srcFs, FileSystem dstFs, int chunkSize, CopyOptions options)
      throws IOException {
    boolean transcode = options.transcode();
    CopyListener listener = options.listener();
    Optional<String> srcCodec = transcode ? Codec.detect(copy.src()) : Optional.empty();
    Optional<String> dstCodec = transcode ? Codec.detect(copy.dst()) : Optional.empty();
    boolean recode = !srcCodec.equals(dstCodec);
    // Bytes as stored on both sides (no detection by extension): transcoding is decided above.
    try (NativeFile rawIn = srcFs.openRawInputStream(copy.src())) {
      NativeFile in = recode && srcCodec.isPresent() ? new CompressedInputStream(rawIn, srcCodec.get()) : rawIn;
      NativeFile rawOut = dstFs.openOutputStream(copy.dst(), WriteOptions.builder().atomic(options.atomic()).build());
      NativeFile out = rawOut;
      boolean done = false;
      try {
        if (recode && dstCodec.isPresent()) {
          out = new CompressedOutputStream(rawOut, dstCodec.get());
        }
        byte[] chunk = new byte[chunkSize];
        long reported = 0;
        int n;
        while ((n = in.readInto(chunk, 0, chunk.length)) > 0) {
          if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("copy of " + copy.src() + " interrupted");
          }
          out.write(chunk, 0, n);
          long sourcePosition = rawIn.tell();
          listener.bytesCopied(sourcePosition - reported);
          reported = sourcePosition;
        }
        out.close(); // publishes the atomic file
        done = true;
        if (copy.size() > reported) {
          listener.bytesCopied(copy.size() - reported);
        }
        listener.fileCopied(copy.src(), copy.dst(), copy.size());
      } finally {
        if (!done) {
          abort(rawOut, out);
          if (!options.atomic()) {
            deleteQuietly(dstFs, copy.dst());
          }
        }
        if (in != rawIn) {
          in.close(); // frees the decoder; closes rawIn too (idempotent)
        }
      }
    }
  }

  private static void deleteQuietly(FileSystem fs, String path) {
    try {
      fs.deleteFile(path);
    } catch (IOException | RuntimeException ignored) {
      // Best effort: the copy's own failure is what the caller needs to see.
    }
  }

  /** Discards the destination; the outer layer is closed afterwards only to free its codec state. */
  private static void abort(NativeFile rawOut, NativeFile out) {
    try {
      if (rawOut instanceof Abortable abortable) {
        abortable.abort();
      } else {
        rawOut.close();
      }
    } catch (IOException | RuntimeException ignored) {
      // The copy's own failure is what the caller needs to see.
    }
    if (out != rawOut) {
      try {
        out.close();
      } catch (IOException | RuntimeException ignored) {
        // Writing the trailer into the aborted file fails by design.
      }
    }
  }
}
