package io.sluice.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar of a copy, on standard error. Drawn only on a terminal (the launcher tells the
 * JVM whether standard error is one: {@code -Dsluice.stderr.tty=true}), for copies of at least
 * {@link #THRESHOLD} bytes, unless {@code --progress}/{@code --no-progress} say otherwise.
 *
 * <p>It counts source bytes as stored, so for a transcoding copy ({@code a.gz -> b.zst}) the bar
 * reaches exactly the size {@code ls} shows for the source, never the larger decompressed size.
 */
final class ProgressReporter implements AutoCloseable {
  /** Copies smaller than this finish before a bar would be worth drawing. */
  static final long THRESHOLD = 8L << 20;

  private final PrintWriter err;
  private final boolean forced;
  private final boolean enabled;
  private volatile ProgressBar bar;

  /** @param choice {@code --progress} (true), {@code --no-progress} (false), or null: only on a terminal */
  ProgressReporter(PrintWriter err, Boolean choice) {
    this.err = err;
    this.forced = Boolean.TRUE.equals(choice);
    this.enabled = choice != null ? choice : Boolean.getBoolean("sluice.stderr.tty");
  }

  static ProgressReporter none() {
    return new ProgressReporter(null, false);
  }

  boolean drawing() {
    return bar != null;
  }

  void started(int files, long totalBytes) {
    if (enabled && (forced || totalBytes >= THRESHOLD)) {
      bar = new ProgressBarBuilder()
          .setTaskName("cp " + files + (files == 1 ? " file" : " files"))
          .setInitialMax(totalBytes)
          .setUnit(" MiB", 1 << 20)
          .showSpeed()
          .setStyle(ProgressBarStyle.ASCII)
          .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(new WriterOutputStream(err), true,
              StandardCharsets.UTF_8)))
          .build();
    }
  }

  void bytesCopied(long bytes) {
    ProgressBar b = bar;
    if (b != null) {
      b.stepBy(bytes);
    }
  }

  /** Where the bar stands now (tests check it equals the source size). */
  long current() {
    ProgressBar b = bar;
    return b == null ? -1 : b.getCurrent();
  }

  long max() {
    ProgressBar b = bar;
    return b == null ? -1 : b.getMax();
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }

  /** Lets the bar write to picocli's error writer (which tests capture). */
  private static final class WriterOutputStream extends OutputStream {
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
      writer.write(new String(b, off, len, StandardCharsets.UTF_8));
    }

    @Override
    public void flush() {
      writer.flush();
    }
  }
}
