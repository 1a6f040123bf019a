package io.sluice.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM a test stops in the middle of its work: started with the test's class path, it runs
 * until it prints an agreed line ({@link #awaitLine}), then the test kills it ({@link #kill()}, as
 * {@code kill -9}) or asks it to stop ({@link #terminate()}, as {@code kill}/SIGTERM, which runs its
 * shutdown hooks). {@link ChildJvm} covers children that run to their end.
 */
public final class RunningChildJvm implements AutoCloseable {
  private final Process process;
  private final BufferedReader stdout;
  private final List<String> lines = new ArrayList<>();

  private RunningChildJvm(Process process) {
    this.process = process;
    this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Starts {@code mainClass} with {@code args}; its stderr goes to the test's stderr. */
  public static RunningChildJvm start(Class<?> mainClass, List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (Runtime.version().feature() >= 23) {
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.add("-XX:-CreateCoredumpOnCrash");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    try {
      return new RunningChildJvm(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads the child's output until the line {@code expected}; fails with everything it printed if
   * the child ends first.
   */
  public void awaitLine(String expected) throws IOException {
    String line;
    while ((line = stdout.readLine()) != null) {
      lines.add(line);
      if (line.equals(expected)) {
        return;
      }
    }
    throw new IllegalStateException("child ended (exit " + exitCode() + ") before printing '" + expected
        + "'; it printed " + lines);
  }

  /** SIGKILL, then waits for the process to be gone; returns its exit code (137 on Linux). */
  public int kill() throws InterruptedException {
    process.destroyForcibly();
    return process.waitFor();
  }

  /** SIGTERM (shutdown hooks run), then waits for it to end; returns its exit code (143 on Linux). */
  public int terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("child did not end within 60 s of SIGTERM");
    }
    return process.exitValue();
  }

  /** SIGINT, as Ctrl-C in a terminal (shutdown hooks run), then waits for it to end; returns its exit code (130). */
  public int interrupt() throws InterruptedException, IOException {
    Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -INT " + process.pid() + " failed with exit " + kill.exitValue());
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("child did not end within 60 s of SIGINT");
    }
    return process.exitValue();
  }

  /** The lines read so far. */
  public List<String> lines() {
    return List.copyOf(lines);
  }

  private String exitCode() {
    try {
      return String.valueOf(process.waitFor());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
