package io.sluice.cli;

import io.sluice.fs.CopyListener;
import io.sluice.fs.CopyOptions;
import io.sluice.fs.CopyResult;
import io.sluice.fs.FileInfo;
import io.sluice.fs.FileSystemAndPath;
import io.sluice.fs.FileSystems;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice cp SRC DST}: copies a file or a directory tree between local disks and HDFS
 * (any pair of locations), recompressing when the codec extensions differ. Like {@code cp -r}, a
 * source copied onto an existing directory lands inside it.
 */
@Command(name = "cp", description = "Copy a file or directory; recompresses when the extensions differ (a.gz -> b.zst).")
final class CpCommand implements Callable<Integer> {
  /** Copies smaller than this finish before a bar would be worth drawing. */
  static final long PROGRESS_THRESHOLD = 8L << 20;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SRC", description = "Source path or URI (file or directory).")
  String src;

  @Parameters(index = "1", paramLabel = "DST", description = "Destination path or URI.")
  String dst;

  @Option(names = "--threads", defaultValue = "4", description = "Files copied at once (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--chunk-size", defaultValue = "1048576", description = "Bytes per read/write (default: ${DEFAULT-VALUE}).")
  long chunkSize;

  @Option(names = "--atomic", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Publish each file only when complete (temporary name + rename); --no-atomic writes in place"
          + " (default: ${DEFAULT-VALUE}).")
  boolean atomic;

  @Option(names = "--no-transcode", description = "Copy bytes unchanged even when the extensions name different codecs.")
  boolean noTranscode;

  @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Show a progress bar on stderr for copies over 8 MiB (default: ${DEFAULT-VALUE}).")
  boolean progress;

  @Override
  public Integer call() throws IOException {
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be >= 1: " + threads);
    }
    if (chunkSize < 1 || chunkSize > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("--chunk-size must be in 1.." + (Integer.MAX_VALUE - 8) + ": " + chunkSize);
    }
    FileSystemAndPath from = Locations.resolve(src);
    try (Closeable srcFs = from.fs()) {
      FileSystemAndPath to = Locations.resolve(dst);
      try (Closeable dstFs = to.fs()) {
        FileInfo source = from.fs().getFileInfo(from.path());
        if (!source.exists()) {
          throw new NoSuchFileException(src, null, "copy source does not exist");
        }
        String target = to.path();
        if (to.fs().getFileInfo(target).isDirectory()) {
          target = Locations.join(target, Locations.baseName(from.path()));
        }
        ProgressReporter reporter = new ProgressReporter(spec.commandLine().getErr(), progress);
        long start = System.nanoTime();
        CopyResult result;
        try (reporter) {
          result = FileSystems.copyFiles(from.path(), target, from.fs(), to.fs(), chunkSize, threads,
              CopyOptions.DEFAULT.withTranscode(!noTranscode).withAtomic(atomic).withListener(reporter));
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("copied %d file%s, %,d bytes, %s -> %s (%.1f MiB/s)%n", result.files(),
            result.files() == 1 ? "" : "s", result.bytes(), src, dst, result.bytes() / seconds / (1 << 20));
        out.flush();
        return 0;
      }
    }
  }

  /** Draws a bar with bytes and rate once the copy is known to be long enough to need one. */
  private static final class ProgressReporter implements CopyListener, AutoCloseable {
    private final PrintWriter err;
    private final boolean enabled;
    private volatile ProgressBar bar;

    ProgressReporter(PrintWriter err, boolean enabled) {
      this.err = err;
      this.enabled = enabled;
    }

    @Override
    public void started(int files, long totalBytes) {
      if (enabled && totalBytes >= PROGRESS_THRESHOLD) {
        bar = new ProgressBarBuilder()
            .setTaskName("cp " + files + (files == 1 ? " file" : " files"))
            .setInitialMax(totalBytes)
            .setUnit(" MiB", 1 << 20)
            .showSpeed()
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new ConsoleProgressBarConsumer(new java.io.PrintStream(new WriterOutputStream(err), true)))
            .build();
      }
    }

    @Override
    public void bytesCopied(long bytes) {
      ProgressBar b = bar;
      if (b != null) {
        b.stepBy(bytes);
      }
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }

  /** Lets the bar write to picocli's error writer (which tests capture). */
  private static final class WriterOutputStream extends java.io.OutputStream {
    private final PrintWriter writer;

    WriterOutputStream(PrintWriter writer) {
      this.writer = writer;
    }

    @Override
    public void write(int b) {
      writer.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      writer.write(new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void flush() {
      writer.flush();
    }
  }
}
