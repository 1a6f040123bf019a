package io.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts real NameNode and DataNode processes through the command line, uses them, stops them. */
class HdfsCommandTest {

  @Test
  void startStatusUseStop(@TempDir Path dir) throws Exception {
    int port = freePort();
    String[] where = {"--dir", dir.toString(), "--port", Integer.toString(port)};
    try {
      Result started = run(concat(new String[] {"hdfs", "start"}, where));
      assertEquals(0, started.exit, started.out);
      assertTrue(started.out.contains("HDFS is running at hdfs://127.0.0.1:" + port), started.out);

      Result status = run(concat(new String[] {"hdfs", "status"}, where));
      assertEquals(0, status.exit, status.out);
      assertTrue(status.out.contains("live DataNodes: 1"), status.out);

      LocalHdfsCluster cluster = new LocalHdfsCluster(dir, port);
      byte[] data = "written through the out-of-process cluster".getBytes(StandardCharsets.UTF_8);
      try (FileSystem fs = FileSystem.newInstance(cluster.uri(), cluster.clientConfiguration())) {
        try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path("/hello.txt"))) {
          out.write(data);
        }
        byte[] back = new byte[data.length];
        try (FSDataInputStream in = fs.open(new org.apache.hadoop.fs.Path("/hello.txt"))) {
          in.readFully(back);
        }
        assertArrayEquals(data, back);
      }

      Result again = run(concat(new String[] {"hdfs", "start"}, where));
      assertEquals(1, again.exit, "a second start refuses: " + again.out);
      assertTrue(again.out.contains("already running"), again.out);

      // A second cluster in another directory on the same port: refused before anything starts.
      Path other = dir.resolve("other");
      Result second = run("hdfs", "start", "--dir", other.toString(), "--port", Integer.toString(port));
      assertEquals(1, second.exit, second.out);
      assertTrue(second.out.contains("port " + port + " is already in use"), second.out);
      assertFalse(java.nio.file.Files.exists(other.resolve("namenode.pid")), "nothing launched");
      assertFalse(java.nio.file.Files.exists(other.resolve("datanode.pid")), "nothing launched");
      Result stillOne = run(concat(new String[] {"hdfs", "status"}, where));
      assertTrue(stillOne.out.contains("live DataNodes: 1"), "no DataNode joined the first cluster: " + stillOne.out);
    } finally {
      Result stopped = run(concat(new String[] {"hdfs", "stop"}, where));
      assertEquals(0, stopped.exit, stopped.out);
    }
    Result status = run(concat(new String[] {"hdfs", "status"}, where));
    assertEquals(3, status.exit, status.out);
    assertTrue(status.out.contains("not running"), status.out);
  }

  @Test
  void startFailsAtOnceOnAPortAnotherProcessHolds(@TempDir Path dir) throws Exception {
    int port = freePort();
    Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), PortHolder.class.getName(), Integer.toString(port))
        .redirectErrorStream(true).start();
    try {
      java.io.BufferedReader reader = new java.io.BufferedReader(
          new java.io.InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("listening", reader.readLine());
      Result result = run("hdfs", "start", "--dir", dir.toString(), "--port", Integer.toString(port));
      assertEquals(1, result.exit, result.out);
      assertEquals("sluice hdfs start: port " + port + " is already in use (another HDFS or program listens there);"
          + " choose another with --port, or stop that one first\n", result.out);
      assertFalse(java.nio.file.Files.exists(dir.resolve("namenode.pid")));
      assertFalse(java.nio.file.Files.exists(dir.resolve("name")), "not even formatted");
    } finally {
      holder.destroyForcibly().waitFor();
    }
  }

  /** Another process holding a port (what {@code hdfs start} must notice). */
  public static final class PortHolder {
    public static void main(String[] args) throws Exception {
      try (ServerSocket socket = new ServerSocket(Integer.parseInt(args[0]), 50,
          java.net.InetAddress.getLoopbackAddress())) {
        System.out.println("listening");
        System.out.flush();
        Thread.sleep(300_000);
      }
    }
  }

  @Test
  void badPortIsRejectedWithItsValue() {
    Result result = run("hdfs", "status", "--port", "70000");
    assertTrue(result.exit != 0);
    assertTrue(result.out.contains("70000"), result.out);
  }

  private record Result(int exit, String out) {}

  private static Result run(String... args) {
    CliRunner r = CliRunner.run(args);
    return new Result(r.exitCode(), r.out() + r.stderr());
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
