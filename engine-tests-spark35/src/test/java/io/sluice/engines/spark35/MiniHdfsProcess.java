package io.sluice.engines.spark35;

import io.sluice.hdfs.MiniHdfs;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A MiniDFSCluster in a JVM of its own: its server classes are Hadoop 3.5.0's, which cannot share a
 * JVM with the Hadoop 3.3.4 client Spark 3.5 puts on the test's class path. The child's class path
 * is the 3.5.0 jars the dependency plugin copied to {@code target/minidfs-classpath} plus Sluice's
 * own classes (for the {@link MiniHdfs} fixture). The child prints {@code hdfs <uri>} once the
 * cluster is up and shuts it down when its standard input closes, so the cluster never outlives
 * the test JVM.
 */
final class MiniHdfsProcess implements AutoCloseable {
  private final Process process;
  private final String uri;

  private MiniHdfsProcess(Process process, String uri) {
    this.process = process;
    this.uri = uri;
  }

  /** Starts the cluster (one DataNode, short-circuit allowed for this user) and waits until it answers. */
  static MiniHdfsProcess start() throws IOException {
    Path log = Path.of("target", "minidfs-process.log").toAbsolutePath();
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", childClassPath(), Main.class.getName())
        .redirectError(log.toFile());
    // MiniHdfs would use an external cluster instead when this is set; this test wants its own.
    builder.environment().remove("SLUICE_HDFS_URI");
    Process process = builder.start();
    CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> readLine(process.getInputStream()));
    try {
      String line = firstLine.get(180, TimeUnit.SECONDS);
      if (line == null || !line.startsWith("hdfs://")) {
        throw new IOException("the MiniDFSCluster process did not start (printed " + line + "); see " + log);
      }
      return new MiniHdfsProcess(process, line);
    } catch (InterruptedException | ExecutionException | TimeoutException | IOException e) {
      process.destroyForcibly();
      throw new IOException("the MiniDFSCluster process did not start: " + e + "; see " + log, e);
    }
  }

  /** Sluice's classes and fixtures from this JVM's class path, and the copied Hadoop 3.5.0 jars. */
  private static String childClassPath() throws IOException {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      String name = path.getFileName().toString();
      boolean sluice = Files.isDirectory(path) || entry.contains(File.separator + "io" + File.separator + "sluice" + File.separator);
      if (sluice || name.startsWith("slf4j-api-")) {
        entries.add(entry);
      }
    }
    try (Stream<Path> jars = Files.list(Path.of("target", "minidfs-classpath"))) {
      jars.forEach(jar -> entries.add(jar.toAbsolutePath().toString()));
    }
    return String.join(File.pathSeparator, entries);
  }

  private static String readLine(InputStream in) {
    StringBuilder line = new StringBuilder();
    try {
      for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
        line.append((char) c);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return line.isEmpty() ? null : line.toString().trim();
  }

  /** {@code hdfs://127.0.0.1:port} of the NameNode. */
  String uri() {
    return uri;
  }

  int nameNodePort() {
    return Integer.parseInt(uri.substring(uri.lastIndexOf(':') + 1));
  }

  /** Closes the child's standard input (it shuts the cluster down and exits), then waits for it. */
  @Override
  public void close() throws IOException {
    process.getOutputStream().close();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** The child: runs the cluster until standard input closes. */
  public static final class Main {
    public static void main(String[] args) throws Exception {
      try (MiniHdfs hdfs = MiniHdfs.start(MiniHdfs.STANDARD)) {
        System.out.println(hdfs.uri());
        System.out.flush();
        while (System.in.read() >= 0) {
          // nothing to read: the parent only ever closes the pipe
        }
      }
    }
  }
}
