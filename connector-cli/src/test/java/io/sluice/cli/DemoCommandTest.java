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
  }

  @Test
  void noSubcommandPrintsUsageAndFails() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new SluiceCli());
    cli.setOut(new PrintWriter(out));
    assertEquals(2, cli.execute());
  }
}
