package io.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {

  @Test
  void demoRunsAndEndsWithNoPoolMemoryInUse() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new SluiceCli());
    cli.setOut(new PrintWriter(out));
    int exit = cli.execute("demo");
    assertEquals(0, exit, out.toString());
    assertTrue(out.toString().contains("arena  after close: 0 bytes in use"), out.toString());
    assertTrue(out.toString().contains("system after close: 0 bytes in use"), out.toString());
    assertTrue(out.toString().contains("\"Zero-copy\""), out.toString());
    assertTrue(out.toString().contains("JVM-wide Sluice pool memory now: 0 bytes"), out.toString());
    String text = out.toString();
    // The HDFS tour: every read path served exactly what it claims, all bytes came back intact.
    assertTrue(text.contains("content identical to the original: true"), text);
    String size = String.format("%,d", HdfsTour.SAMPLE_BYTES);
    assertTrue(text.contains("served by: remote 0, short-circuit " + size + ", of which zero-copy " + size + " bytes"), text);
    assertTrue(text.contains("served by: remote 0, short-circuit " + size + ", of which zero-copy 0 bytes"), text);
    assertTrue(text.contains("served by: remote " + size + ", short-circuit 0, of which zero-copy 0 bytes"), text);
    assertEquals(3, text.split("checksum ok", -1).length - 1, text);
    assertTrue(text.contains("hdfs /demo/events.csv.zst"), text);
    assertTrue(text.contains("default pool memory: 0 bytes before the reads, 0 bytes after"), text);
    assertTrue(text.contains("HDFS stopped and its data directory removed"), text);
    assertTrue(text.contains("local sample files removed"), text);
  }

  @Test
  void skipHdfsRunsOnlyTheMemoryPart() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new SluiceCli());
    cli.setOut(new PrintWriter(out));
    assertEquals(0, cli.execute("demo", "--skip-hdfs"), out.toString());
    assertTrue(out.toString().contains("JVM-wide Sluice pool memory now: 0 bytes"), out.toString());
    assertTrue(!out.toString().contains("HDFS"), out.toString());
  }

  @Test
  void noSubcommandPrintsUsageAndFails() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new SluiceCli());
    cli.setOut(new PrintWriter(out));
    assertEquals(2, cli.execute());
  }
}
