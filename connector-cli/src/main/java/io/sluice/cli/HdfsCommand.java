package io.sluice.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice hdfs start|stop|status}: a single-node HDFS of real NameNode and DataNode
 * processes on loopback, for trying Sluice (and anything else) against HDFS without a cluster.
 */
@Command(name = "hdfs", description = "Run a single-node HDFS on 127.0.0.1 (real NameNode and DataNode processes).",
    subcommands = {HdfsCommand.Start.class, HdfsCommand.Stop.class, HdfsCommand.Status.class})
final class HdfsCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 2;
  }

  /** Options every subcommand shares: where the cluster lives and its NameNode port. */
  static final class Location {
    @Option(names = "--dir", description = "Directory holding the cluster's data, configuration, logs and pids"
        + " (default: $SLUICE_HDFS_DIR or ~/.sluice/hdfs).")
    Path dir;

    @Option(names = "--port", defaultValue = "8020", description = "NameNode RPC port (default: ${DEFAULT-VALUE}).")
    int port;

    LocalHdfsCluster cluster() {
      Path where = dir;
      if (where == null) {
        String env = System.getenv("SLUICE_HDFS_DIR");
        where = env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".sluice", "hdfs");
      }
      if (port <= 0 || port > 65535) {
        throw new IllegalArgumentException("--port must be between 1 and 65535: " + port);
      }
      return new LocalHdfsCluster(where, port);
    }
  }

  @Command(name = "start", description = "Format (first time), start and wait until the cluster accepts writes.")
  static final class Start implements Callable<Integer> {
    @CommandLine.Mixin
    Location location;

    @Option(names = "--timeout", defaultValue = "90", description = "Seconds to wait for readiness (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      LocalHdfsCluster cluster = location.cluster();
      PrintWriter out = spec.commandLine().getOut();
      cluster.start(timeoutSeconds * 1000L);
      String uri = cluster.uri().toString();
      String where = " --dir " + cluster.dir() + " --port " + cluster.uri().getPort();
      out.printf("HDFS is running at %s (NameNode and DataNode answered; replication 1; data in %s)%n", uri,
          cluster.dir());
      out.printf("Next:%n");
      out.printf("  sluice put FILE %s/FILE        copy a file in (and sluice get back out)%n", uri);
      out.printf("  sluice ls -l %s/%n", uri);
      out.printf("  export HADOOP_CONF_DIR=%s     then hdfs:///path means this cluster%n", cluster.dir().resolve("conf"));
      out.printf("  sluice hdfs status%s%n", where);
      out.printf("  sluice hdfs stop%s%n", where);
      out.flush();
      return 0;
    }
  }

  @Command(name = "stop", description = "Stop the NameNode and DataNode (data is kept).")
  static final class Stop implements Callable<Integer> {
    @CommandLine.Mixin
    Location location;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      int stopped = location.cluster().stop();
      spec.commandLine().getOut().println(stopped == 0 ? "HDFS was not running" : "HDFS stopped");
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "status", description = "Say whether the cluster runs; exit code 0 if it does, 3 if not.")
  static final class Status implements Callable<Integer> {
    @CommandLine.Mixin
    Location location;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      LocalHdfsCluster cluster = location.cluster();
      PrintWriter out = spec.commandLine().getOut();
      Optional<Long> nameNode = cluster.runningPid("namenode");
      Optional<Long> dataNode = cluster.runningPid("datanode");
      if (nameNode.isEmpty() && dataNode.isEmpty()) {
        out.printf("HDFS not running (directory %s)%n", cluster.dir());
        out.flush();
        return 3;
      }
      int live = cluster.liveDataNodes();
      out.printf("HDFS at %s: NameNode %s, DataNode %s, live DataNodes: %s%n", cluster.uri(),
          nameNode.map(pid -> "pid " + pid).orElse("not running"),
          dataNode.map(pid -> "pid " + pid).orElse("not running"),
          live < 0 ? "NameNode not answering" : Integer.toString(live));
      out.flush();
      return nameNode.isPresent() && dataNode.isPresent() && live >= 1 ? 0 : 3;
    }
  }
}
