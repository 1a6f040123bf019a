package io.sluice.cli;

import io.sluice.compress.Codec;
import io.sluice.fs.Abortable;
import io.sluice.fs.FileInfo;
import io.sluice.fs.FileSelector;
import io.sluice.fs.WriteOptions;
import io.sluice.io.CompressedInputStream;
import io.sluice.io.CompressedOutputStream;
import io.sluice.io.NativeFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The copy behind {@code cp}, {@code put}, {@code get} and {@code mv} across file systems. It
 * first plans every file (sources expanded, directories walked, each destination decided), refuses
 * the whole copy before writing a byte when a destination exists without {@code force} (exit 6),
 * is a directory where a file must go (exit 7) or names a format Sluice does not write (exit 2),
 * then copies the files, {@code threads} at a time, each one atomically unless told otherwise.
 */
final class Copier {
  /** Extensions of compression formats Sluice reads as plain bytes and cannot write. */
  private static final List<String> UNWRITABLE = List.of(".xz", ".zip", ".7z", ".lzo", ".lzma");

  /** One file to copy. */
  record FileCopy(Location src, Location dst, long size) {}

  /** Settings of one run. */
  record Settings(boolean force, boolean transcode, boolean atomic, boolean preserve, int threads, int chunkSize) {}

  private final Settings settings;
  private final ProgressReporter progress;
  private final AtomicLong bytesCopied = new AtomicLong();

  Copier(Settings settings, ProgressReporter progress) {
    this.settings = settings;
    this.progress = progress;
  }

  long bytesCopied() {
    return bytesCopied.get();
  }

  /**
   * The files copying {@code sources} to {@code dst} writes. With several sources {@code dst} must
   * be a directory; a source copied onto an existing directory lands inside it (as {@code cp -r}).
   */
  List<FileCopy> plan(List<Location> sources, Location dst) {
    FileInfo dstInfo = dst.info();
    if (sources.size() > 1) {
      if (!dstInfo.exists()) {
        throw new CliException(CliErrors.NO_SUCH_FILE, dst.given() + ": no such directory (several sources need"
            + " an existing directory as destination)");
      }
      if (!dstInfo.isDirectory()) {
        throw CliException.wrongType(dst.given(), "not a directory (several sources need a directory as destination)");
      }
    }
    List<FileCopy> copies = new ArrayList<>();
    for (Location src : sources) {
      FileInfo srcInfo = src.info();
      if (!srcInfo.exists()) {
        throw CliException.notFound(src.given());
      }
      Location target = dstInfo.isDirectory() ? dst.child(src.baseName()) : dst;
      if (srcInfo.isDirectory()) {
        FileInfo targetInfo = target == dst ? dstInfo : target.info();
        if (targetInfo.exists() && !targetInfo.isDirectory()) {
          throw CliException.wrongType(target.given(), "not a directory (cannot copy directory " + src.given()
              + " onto a file)");
        }
        planTree(src, target, copies);
      } else {
        copies.add(new FileCopy(src, target, srcInfo.size()));
      }
    }
    for (FileCopy copy : copies) {
      check(copy.src(), copy.dst(), copy.size() < 0);
    }
    return copies;
  }

  private void planTree(Location srcDir, Location dstDir, List<FileCopy> copies) {
    List<FileInfo> entries;
    try {
      entries = srcDir.fs().getFileInfo(new FileSelector(srcDir.path(), false, true));
    } catch (IOException | RuntimeException e) {
      throw CliErrors.at(srcDir.given(), e);
    }
    String prefix = srcDir.path().endsWith("/") ? srcDir.path() : srcDir.path() + "/";
    for (FileInfo entry : entries) {
      if (!entry.isFile() || !entry.path().startsWith(prefix)) {
        continue; // directories are created along with their files
      }
      String relative = entry.path().substring(prefix.length());
      copies.add(new FileCopy(srcDir.child(relative), dstDir.child(relative), entry.size()));
    }
    if (entries.stream().noneMatch(FileInfo::isFile)) {
      copies.add(new FileCopy(srcDir, dstDir, -1)); // an empty tree: just the directory
    }
  }

  /** Refuses a destination before anything is written: unwritable format, a directory, or an existing file. */
  void check(Location src, Location dst, boolean srcIsDirectory) {
    if (!srcIsDirectory) {
      checkWritableFormat(dst.given(), settings.transcode());
    }
    if (src != null && src.fs() == dst.fs() && src.fs().normalizePath(src.path()).equals(dst.fs().normalizePath(dst.path()))) {
      throw CliException.usage(dst.given() + ": source and destination are the same file");
    }
    FileInfo info = dst.info();
    if (srcIsDirectory) {
      if (info.exists() && !info.isDirectory()) {
        throw CliException.wrongType(dst.given(), "not a directory");
      }
      return;
    }
    if (info.isDirectory()) {
      throw CliException.wrongType(dst.given(), "is a directory (a file was expected)");
    }
    if (info.exists() && !settings.force()) {
      throw CliException.alreadyExists(dst.given(), " (use -f to replace it)");
    }
  }

  /** Exit 2 for {@code .xz .zip .7z .lzo .lzma .Z} destinations unless {@code transcode} is off. */
  static void checkWritableFormat(String given, boolean transcode) {
    if (!transcode) {
      return;
    }
    String path = given.replaceFirst("\\?[^/]*$", "");
    String lower = path.toLowerCase(Locale.ROOT);
    for (String extension : UNWRITABLE) {
      if (lower.endsWith(extension)) {
        throw CliException.usage(given + ": Sluice does not write the " + extension.substring(1)
            + " format (use --no-transcode to copy the bytes unchanged under this name)");
      }
    }
    if (path.endsWith(".Z")) {
      throw CliException.usage(given + ": Sluice does not write the compress (.Z) format"
          + " (use --no-transcode to copy the bytes unchanged under this name)");
    }
  }

  /** Copies every planned file; the first failure stops the others and is thrown. */
  void copyAll(List<FileCopy> copies) {
    long total = 0;
    for (FileCopy copy : copies) {
      total += Math.max(0, copy.size());
    }
    progress.started(copies.size(), total);
    if (settings.threads() == 1 || copies.size() <= 1) {
      for (FileCopy copy : copies) {
        copyOne(copy);
      }
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(settings.threads(), copies.size()), runnable -> {
      Thread thread = new Thread(runnable, "sluice-cp");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (FileCopy copy : copies) {
        futures.add(pool.submit(() -> copyOne(copy)));
      }
      for (Future<?> future : futures) {
        try {
          future.get();
        } catch (ExecutionException e) {
          futures.forEach(f -> f.cancel(true));
          if (e.getCause() instanceof RuntimeException runtime) {
            throw runtime;
          }
          throw new CliException(CliErrors.IO_ERROR, String.valueOf(e.getCause()), e.getCause());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(CliErrors.IO_ERROR, "copy interrupted");
    } finally {
      pool.shutdownNow();
    }
  }

  /** One file: decode by the source's extension, encode by the destination's, publish on success only. */
  void copyOne(FileCopy copy) {
    Location src = copy.src();
    Location dst = copy.dst();
    if (copy.size() < 0) {
      mkdirs(dst, dst.path());
      return;
    }
    Optional<String> srcCodec = settings.transcode() ? Codec.detect(src.path()) : Optional.empty();
    Optional<String> dstCodec = settings.transcode() ? Codec.detect(dst.path()) : Optional.empty();
    boolean recode = !srcCodec.equals(dstCodec);
    mkdirs(dst, parent(dst.path()));
    NativeFile rawIn;
    NativeFile in;
    try {
      rawIn = src.fs().openInputStream(src.path(), null, 0); // stored bytes: decoding is ours
      in = recode && srcCodec.isPresent() ? new CompressedInputStream(rawIn, srcCodec.get()) : rawIn;
    } catch (IOException | RuntimeException e) {
      throw CliErrors.at(src.given(), e);
    }
    try (NativeFile source = in; NativeFile rawSource = rawIn) {
      OutputTarget target = open(dst, recode ? dstCodec : Optional.empty());
      boolean done = false;
      try {
        byte[] chunk = new byte[settings.chunkSize()];
        long reported = 0;
        while (true) {
          int n;
          try {
            n = source.readInto(chunk, 0, chunk.length);
          } catch (IOException | RuntimeException e) {
            throw CliErrors.at(src.given(), e);
          }
          if (n <= 0) {
            break;
          }
          if (Thread.currentThread().isInterrupted()) {
            throw new CliException(CliErrors.IO_ERROR, src.given() + ": copy interrupted");
          }
          target.write(chunk, n);
          long position = tellQuietly(rawSource, reported + n);
          progress.bytesCopied(position - reported);
          bytesCopied.addAndGet(position - reported);
          reported = position;
        }
        target.publish();
        done = true;
        if (copy.size() > reported) {
          progress.bytesCopied(copy.size() - reported);
        }
      } finally {
        if (!done) {
          target.discard();
        }
      }
    } catch (IOException e) {
      throw CliErrors.at(src.given(), e);
    }
    if (settings.preserve()) {
      FileDetails.preserve(src, dst);
    }
  }

  /** Standard input to a destination file (encoded by its extension when transcoding). */
  long copyFromStream(InputStream stdin, Location dst) {
    Optional<String> dstCodec = settings.transcode() ? Codec.detect(dst.path()) : Optional.empty();
    mkdirs(dst, parent(dst.path()));
    OutputTarget target = open(dst, dstCodec);
    boolean done = false;
    long total = 0;
    try {
      byte[] chunk = new byte[settings.chunkSize()];
      int n;
      while (true) {
        try {
          n = stdin.read(chunk);
        } catch (IOException e) {
          throw CliErrors.at("-", e);
        }
        if (n < 0) {
          break;
        }
        target.write(chunk, n);
        total += n;
        progress.bytesCopied(n);
      }
      awaitPendingSignal();
      target.publish();
      done = true;
      return total;
    } finally {
      if (!done) {
        target.discard();
      }
    }
  }

  /**
   * Ctrl-C in {@code producer | sluice cp - dst} kills the producer too, and its end of input can
   * reach us a few milliseconds before the JVM has acted on the same signal. Waiting this long
   * before publishing lets the shutdown hook win, so a cut-off input is discarded, not published.
   */
  static final long STDIN_SIGNAL_GRACE_MILLIS = 250;

  private static void awaitPendingSignal() {
    try {
      Thread.sleep(STDIN_SIGNAL_GRACE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(CliErrors.IO_ERROR, "-: copy interrupted");
    }
  }

  /** A source file to a stream (standard output), decoded by its extension when transcoding. */
  long copyToStream(Location src, OutputStream out) {
    Optional<String> srcCodec = settings.transcode() ? Codec.detect(src.path()) : Optional.empty();
    long total = 0;
    try (NativeFile raw = src.fs().openInputStream(src.path(), null, 0);
        NativeFile in = srcCodec.isPresent() ? new CompressedInputStream(raw, srcCodec.get()) : raw) {
      byte[] chunk = new byte[settings.chunkSize()];
      int n;
      while ((n = in.readInto(chunk, 0, chunk.length)) > 0) {
        try {
          out.write(chunk, 0, n);
        } catch (IOException e) {
          throw new CliException(CliErrors.IO_ERROR, "-: cannot write to standard output (" + e.getMessage() + ")", e);
        }
        total += n;
      }
      out.flush();
      return total;
    } catch (IOException | RuntimeException e) {
      throw CliErrors.at(src.given(), e);
    }
  }

  private static long tellQuietly(NativeFile raw, long fallback) {
    try {
      return raw.tell();
    } catch (IOException | RuntimeException e) {
      return fallback;
    }
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  private static void mkdirs(Location where, String dir) {
    try {
      where.fs().createDir(dir, true);
    } catch (IOException | RuntimeException e) {
      throw CliErrors.at(where.given(), e);
    }
  }

  private OutputTarget open(Location dst, Optional<String> codec) {
    if (!settings.force() && dst.info().exists()) {
      // Checked again just before writing (another writer may have been quicker than our plan).
      throw CliException.alreadyExists(dst.given(), " (use -f to replace it)");
    }
    try {
      // Without -f the store itself refuses an existing target (CREATE_NEW locally, overwrite=false
      // on HDFS), so a file appearing after the check above is not replaced either.
      WriteOptions options = WriteOptions.builder().atomic(settings.atomic()).exclusive(!settings.force()).build();
      NativeFile raw = dst.fs().openOutputStream(dst.path(), options);
      AutoCloseable registration = raw instanceof Abortable abortable
          ? InFlightWrites.registerAtomic(abortable)
          : InFlightWrites.register(raw, () -> deleteQuietly(dst));
      NativeFile out = raw;
      try {
        if (codec.isPresent()) {
          out = new CompressedOutputStream(raw, codec.get());
        }
      } catch (IOException | RuntimeException e) {
        new OutputTarget(dst, raw, raw, registration, settings.atomic()).discard();
        throw e;
      }
      return new OutputTarget(dst, raw, out, registration, settings.atomic());
    } catch (IOException | RuntimeException e) {
      throw CliErrors.at(dst.given(), e);
    }
  }

  private static void deleteQuietly(Location dst) {
    try {
      dst.fs().deleteFile(dst.path());
    } catch (IOException | RuntimeException ignored) {
      // Best effort while cleaning up after a failure the user already sees.
    }
  }

  /** An open destination: written, then either published (closed) or discarded (aborted). */
  private record OutputTarget(Location dst, NativeFile raw, NativeFile out, AutoCloseable registration,
      boolean atomic) {
    void write(byte[] bytes, int length) {
      try {
        out.write(bytes, 0, length);
      } catch (IOException | RuntimeException e) {
        throw CliErrors.at(dst.given(), e);
      }
    }

    void publish() {
      boolean published;
      try {
        published = InFlightWrites.publishUnlessShuttingDown(() -> {
          out.close();
          raw.close();
        });
      } catch (IOException | RuntimeException e) {
        throw CliErrors.at(dst.given(), e);
      } finally {
        unregister();
      }
      if (!published) {
        throw new CliException(CliErrors.IO_ERROR, dst.given() + ": not written (interrupted)");
      }
    }

    void discard() {
      try {
        if (raw instanceof Abortable abortable) {
          abortable.abort();
        } else {
          raw.close();
        }
      } catch (IOException | RuntimeException ignored) {
        // The failure that got us here is what the user needs to see.
      }
      if (out != raw) {
        try {
          out.close();
        } catch (IOException | RuntimeException ignored) {
          // Writing a trailer into an aborted file fails by design.
        }
      }
      if (!atomic) {
        deleteQuietly(dst);
      }
      unregister();
    }

    private void unregister() {
      try {
        registration.close();
      } catch (Exception ignored) {
        // Removing from a map does not fail.
      }
    }
  }
}
