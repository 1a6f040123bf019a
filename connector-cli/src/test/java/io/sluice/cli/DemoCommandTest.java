package io.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DemoCommandTest {

  @Test
  void demoRunsAndEndsWithNoPoolMemoryInUse() {
    CliRunner r = CliRunner.run("demo");
    String out = r.out();
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(out.contains("arena  after close: 0 bytes in use"), out);
    assertTrue(out.contains("system after close: 0 bytes in use"), out);
    assertTrue(out.contains("\"Zero-copy\""), out);
    assertTrue(out.contains("JVM-wide Sluice pool memory now: 0 bytes"), out);
    String text = out;
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
    CliRunner r = CliRunner.run("demo", "--skip-hdfs");
    String out = r.out();
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(out.contains("JVM-wide Sluice pool memory now: 0 bytes"), out);
    assertTrue(!out.contains("HDFS"), out);
  }

  @Test
  void noSubcommandPrintsUsageAndFails() {
    CliRunner r = CliRunner.run();
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.out().startsWith("Usage: sluice"), r.out());
  }
}
