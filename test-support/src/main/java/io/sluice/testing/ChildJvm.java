package io.sluice.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@code main} class in a child JVM with the test's own class path, so a test can try
 * something that might crash the JVM (SIGSEGV, SIGBUS) and fail instead of killing the build.
 *
 * <p>Usage: {@code ChildJvm.Result r = ChildJvm.run(Scenario.class, Duration.ofSeconds(60), "arg");}
 * then assert {@code r.exitCode()} and the lines the scenario printed. {@link Result#crashed()}
 * tells a JVM crash (a fatal signal or an {@code hs_err} report) from an ordinary failure, and
 * {@link Result#describe()} gives everything needed to understand a failing assertion.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /** What the child did. */
  public record Result(int exitCode, String stdout, String stderr, boolean timedOut) {
    /** Whether the JVM died of a fatal error: an hs_err report, or a fatal signal as exit code. */
    public boolean crashed() {
      return stderr.contains("A fatal error has been detected by the Java Runtime Environment")
          || stdout.contains("A fatal error has been detected by the Java Runtime Environment")
          || exitCode == 134 || exitCode == 135 || exitCode == 139;
    }

    /** The child's standard output as lines. */
    public List<String> lines() {
      return stdout.isEmpty() ? List.of() : Arrays.asList(stdout.split("\n"));
    }

    /** Exit code, and both streams: for assertion messages. */
    public String describe() {
      return "child JVM exit " + exitCode + (timedOut ? " (timed out, killed)" : "")
          + (crashed() ? " (CRASHED)" : "") + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
    }
  }

  /** Runs {@code mainClass} with {@code args}, no extra JVM options, killing it after {@code timeout}. */
  public static Result run(Class<?> mainClass, Duration timeout, String... args) {
    return run(mainClass, List.of(), timeout, args);
  }

  /**
   * Runs {@code mainClass} in a new JVM of the same Java installation, with the current class path,
   * the given JVM options (e.g. {@code -Xmx256m}, {@code -Dsluice.memory.pool=system}) and the
   * JDK 23+ Unsafe flag where it exists. The child's working directory is a fresh temporary
   * directory, so any {@code hs_err} file lands there and is read into the result.
   */
  public static Result run(Class<?> mainClass, List<String> jvmOptions, Duration timeout, String... args) {
    return run(mainClass, jvmOptions, System.getProperty("java.class.path"), timeout, args);
  }

  /**
   * As {@link #run(Class, List, Duration, String...)} with another class path, e.g. the test's own
   * with one library swapped for an older version of it.
   */
  public static Result run(Class<?> mainClass, List<String> jvmOptions, String classPath, Duration timeout,
      String... args) {
    Path workDir;
    try {
      workDir = Files.createTempDirectory("sluice-child-jvm");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (Runtime.version().feature() >= 23) {
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.add("-XX:-CreateCoredumpOnCrash");
    command.add("-XX:ErrorFile=" + workDir.resolve("hs_err_%p.log"));
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    try {
      Process process = builder.start();
      CompletableFuture<String> out = drain(process.getInputStream());
      CompletableFuture<String> err = drain(process.getErrorStream());
      boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
      int exit = finished ? process.exitValue() : -1;
      String stderr = err.get(10, TimeUnit.SECONDS) + crashReports(workDir);
      return new Result(exit, out.get(10, TimeUnit.SECONDS), stderr, !finished);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("could not run child JVM " + command, e);
    } finally {
      deleteQuietly(workDir.toFile());
    }
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(() -> {
      try (stream) {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "<unreadable: " + e + ">";
      }
    });
  }

  private static String crashReports(Path workDir) throws IOException {
    StringBuilder reports = new StringBuilder();
    try (var files = Files.list(workDir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (file.getFileName().toString().startsWith("hs_err")) {
          List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
          reports.append("\n--- ").append(file.getFileName()).append(" (first 40 lines) ---\n");
          lines.stream().limit(40).forEach(line -> reports.append(line).append('\n'));
        }
      }
    }
    return reports.toString();
  }

  private static void deleteQuietly(File file) {
    File[] children = file.listFiles();
    if (children != null) {
      for (File child : children) {
        deleteQuietly(child);
      }
    }
    file.delete();
  }
}
