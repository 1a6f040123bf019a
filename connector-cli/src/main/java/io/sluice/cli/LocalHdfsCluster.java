package io.sluice.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.HdfsConstants;

/**
 * A single-node HDFS of real NameNode and DataNode processes on 127.0.0.1, kept under one
 * directory: {@code conf/} (core-site.xml, hdfs-site.xml, log4j.properties), {@code name/} and
 * {@code data/} (the file system), {@code logs/}, and a pid file per process.
 *
 * <p>The processes run from the jars already on this JVM's classpath (the shaded Hadoop client and
 * {@code hadoop-client-minicluster}), so no Hadoop installation is needed. They outlive the command
 * that started them; {@link #stop()} ends them.
 */
final class LocalHdfsCluster {
  static final String NAMENODE_CLASS = "org.apache.hadoop.hdfs.server.namenode.NameNode";
  static final String DATANODE_CLASS = "org.apache.hadoop.hdfs.server.datanode.DataNode";

  private final Path dir;
  private final int port;

  LocalHdfsCluster(Path dir, int port) {
    this.dir = dir.toAbsolutePath();
    this.port = port;
  }

  URI uri() {
    return URI.create("hdfs://127.0.0.1:" + port);
  }

  Path dir() {
    return dir;
  }

  /**
   * Writes the configuration, formats the NameNode on first start, launches both processes and
   * waits until the DataNode has registered and safe mode is off.
   */
  void start(long timeoutMillis) throws IOException, InterruptedException {
    if (runningPid("namenode").isPresent() || runningPid("datanode").isPresent()) {
      throw new IllegalStateException("an HDFS is already running from " + dir + " (sluice hdfs stop first)");
    }
    // Before anything is launched: a NameNode that cannot bind dies with an empty log while our
    // DataNode would join whatever cluster holds the port.
    checkPortFree(port);
    writeConfiguration();
    if (!Files.exists(dir.resolve("name/current/VERSION"))) {
      Process format = launch("format", NAMENODE_CLASS, "-format", "-nonInteractive", "-force");
      if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
        format.destroyForcibly();
        throw new IOException("formatting the NameNode failed; see " + log("format"));
      }
    }
    boolean ready = false;
    try {
      writePid("namenode", launch("namenode", NAMENODE_CLASS).pid());
      writePid("datanode", launch("datanode", DATANODE_CLASS).pid());
      awaitReady(timeoutMillis);
      ready = true;
    } finally {
      if (!ready) {
        stop(); // nothing left running after a failed start
      }
    }
  }

  /** Exit 1 with "port N is already in use" when something listens on (or holds) the NameNode port. */
  static void checkPortFree(int port) {
    try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new CliException(CliErrors.IO_ERROR, "port " + port + " is already in use (another HDFS or program"
          + " listens there); choose another with --port, or stop that one first");
    }
  }

  /** Ends both processes (politely, then forcibly after 15 s). Returns how many were running. */
  int stop() throws IOException, InterruptedException {
    int stopped = 0;
    for (String role : new String[] {"datanode", "namenode"}) {
      Optional<ProcessHandle> process = runningPid(role).flatMap(ProcessHandle::of);
      if (process.isPresent()) {
        process.get().destroy();
        try {
          process.get().onExit().get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
          process.get().destroyForcibly();
        }
        stopped++;
      }
      Files.deleteIfExists(pidFile(role));
    }
    return stopped;
  }

  /** The pid of a running role ({@code namenode} or {@code datanode}), if its process is alive. */
  Optional<Long> runningPid(String role) throws IOException {
    Path pidFile = pidFile(role);
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    long pid = Long.parseLong(Files.readString(pidFile).trim());
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().map(c -> c.contains(dir.toString())).orElse(true))
        .map(ProcessHandle::pid);
  }

  /** Live DataNodes as the NameNode reports them; -1 when the NameNode does not answer. */
  int liveDataNodes() {
    try (FileSystem fs = FileSystem.newInstance(uri(), clientConfiguration())) {
      return ((DistributedFileSystem) fs).getDataNodeStats(HdfsConstants.DatanodeReportType.LIVE).length;
    } catch (IOException e) {
      return -1;
    }
  }

  /** Client settings that fail fast instead of retrying for minutes when nothing listens. */
  Configuration clientConfiguration() {
    Configuration conf = new Configuration();
    conf.set("fs.defaultFS", uri().toString());
    conf.setInt("ipc.client.connect.max.retries", 0);
    conf.setInt("ipc.client.connect.max.retries.on.timeouts", 0);
    conf.setInt("ipc.client.connect.timeout", 2000);
    conf.set("dfs.client.context", "sluice-cli-" + System.nanoTime());
    return conf;
  }

  Path log(String role) {
    return dir.resolve("logs").resolve(role + ".log");
  }

  private void awaitReady(long timeoutMillis) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (System.nanoTime() < deadline) {
      for (String role : new String[] {"namenode", "datanode"}) {
        if (runningPid(role).isEmpty()) {
          throw new IOException("the " + role + " process exited during start; see " + log(role));
        }
      }
      if (liveDataNodes() >= 1 && !inSafeMode()) {
        return;
      }
      Thread.sleep(250);
    }
    stop();
    throw new IOException("HDFS did not become ready within " + timeoutMillis / 1000 + " s; see "
        + log("namenode") + " and " + log("datanode"));
  }

  private boolean inSafeMode() {
    try (FileSystem fs = FileSystem.newInstance(uri(), clientConfiguration())) {
      return ((DistributedFileSystem) fs).setSafeMode(org.apache.hadoop.fs.SafeModeAction.GET);
    } catch (IOException e) {
      return true;
    }
  }

  private Process launch(String role, String mainClass, String... args) throws IOException {
    Files.createDirectories(dir.resolve("logs"));
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx512m");
    command.add("-Dsluice.hdfs.dir=" + dir); // lets runningPid() recognise our own processes
    if (Runtime.version().feature() >= 23) {
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.add("-cp");
    // conf/ first so Hadoop finds our site files; webroot/ holds the empty webapps folders the
    // NameNode and DataNode HTTP servers insist on finding on the classpath.
    command.add(dir.resolve("conf") + File.pathSeparator + dir.resolve("webroot") + File.pathSeparator
        + System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log(role).toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
  }

  private void writeConfiguration() throws IOException {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    for (String webapp : new String[] {"hdfs", "datanode", "static", "secondary"}) {
      Files.createDirectories(dir.resolve("webroot/webapps").resolve(webapp));
    }
    write(conf.resolve("core-site.xml"), configuration(
        "fs.defaultFS", uri().toString(),
        "hadoop.tmp.dir", dir.resolve("tmp").toString()));
    write(conf.resolve("hdfs-site.xml"), configuration(
        "dfs.namenode.name.dir", dir.resolve("name").toUri().toString(),
        "dfs.datanode.data.dir", dir.resolve("data").toUri().toString(),
        "dfs.replication", "1",
        "dfs.namenode.rpc-address", "127.0.0.1:" + port,
        "dfs.namenode.http-address", "127.0.0.1:0",
        "dfs.datanode.address", "127.0.0.1:0",
        "dfs.datanode.http.address", "127.0.0.1:0",
        "dfs.datanode.ipc.address", "127.0.0.1:0",
        "dfs.namenode.safemode.extension", "0",
        // Small blocks (tests use 64 KiB) are fine on a single-node cluster for trying things out.
        "dfs.namenode.fs-limits.min-block-size", "0",
        "dfs.permissions.enabled", "true",
        // Lets clients of the same user read local replicas straight from the block files
        // (the legacy short-circuit reader, which needs no native libhadoop).
        "dfs.block.local-path-access.user", System.getProperty("user.name"),
        "dfs.datanode.data.dir.perm", "750"));
    write(conf.resolve("log4j.properties"), String.join("\n",
        "log4j.rootLogger=WARN,console",
        "log4j.appender.console=org.apache.log4j.ConsoleAppender",
        "log4j.appender.console.Target=System.err",
        "log4j.appender.console.layout=org.apache.log4j.PatternLayout",
        "log4j.appender.console.layout.ConversionPattern=%d{ISO8601} %p %c{2}: %m%n", ""));
  }

  private static String configuration(String... keysAndValues) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<configuration>\n");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      xml.append("  <property><name>").append(keysAndValues[i]).append("</name><value>")
          .append(escapeXml(keysAndValues[i + 1])).append("</value></property>\n");
    }
    return xml.append("</configuration>\n").toString();
  }

  private static String escapeXml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private void writePid(String role, long pid) {
    write(pidFile(role), Long.toString(pid));
  }

  private Path pidFile(String role) {
    return dir.resolve(role + ".pid");
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
