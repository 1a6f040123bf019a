package io.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Starts real NameNode and DataNode processes through the command line, uses them, stops them. */
class HdfsCommandTest {

  @Test
  void startStatusUseStop(@TempDir Path dir) throws Exception {
    int port = freePort();
    String[] where = {"--dir", dir.toString(), "--port", Integer.toString(port)};
    try {
      Result started = run(concat(new String[] {"hdfs", "start"}, where));
      assertEquals(0, started.exit, started.out);
      assertTrue(started.out.contains("HDFS running at hdfs://127.0.0.1:" + port), started.out);

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
    } finally {
      Result stopped = run(concat(new String[] {"hdfs", "stop"}, where));
      assertEquals(0, stopped.exit, stopped.out);
    }
    Result status = run(concat(new String[] {"hdfs", "status"}, where));
    assertEquals(3, status.exit, status.out);
    assertTrue(status.out.contains("not running"), status.out);
  }

  @Test
  void badPortIsRejectedWithItsValue() {
    Result result = run("hdfs", "status", "--port", "70000");
    assertTrue(result.exit != 0);
    assertTrue(result.out.contains("70000"), result.out);
  }

  private record Result(int exit, String out) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new SluiceCli());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(out));
    int exit = cli.execute(args);
    return new Result(exit, out.toString());
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
