package io.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class BenchmarkMainTest {

  @Test
  void jdk17To22ForksGetNoUnsafeAccessFlag() {
    String[] args = {"io.sluice.bench.memory", "-f", "1"};
    assertArrayEquals(args, BenchmarkMain.withForkFlags(args, 17));
    assertArrayEquals(args, BenchmarkMain.withForkFlags(args, 22));
  }

  @Test
  void jdk23AndNewerForksAllowUnsafeMemoryAccess() {
    String[] args = {"io.sluice.bench.memory", "-jvmArgsPrepend", "-Dx=1"};
    String[] expected = {"io.sluice.bench.memory", "-jvmArgsPrepend", "-Dx=1",
        "-jvmArgsPrepend=--sun-misc-unsafe-memory-access=allow"};
    assertArrayEquals(expected, BenchmarkMain.withForkFlags(args, 23));
    assertArrayEquals(expected, BenchmarkMain.withForkFlags(args, 25));
  }

  @Test
  void anExplicitForkJvmIsLeftToTheUser() {
    String[] args = {"-jvm", "/opt/jdk17/bin/java", "io.sluice.bench.memory"};
    assertArrayEquals(args, BenchmarkMain.withForkFlags(args, 25));
  }

  @Test
  void runsForkTwiceUnlessTheCommandLineSaysOtherwise() {
    assertArrayEquals(new String[] {"io.sluice.bench.memory", "-f", "2"},
        BenchmarkMain.withDefaultForks(new String[] {"io.sluice.bench.memory"}));
    String[] one = {"io.sluice.bench.memory", "-f", "1"};
    assertArrayEquals(one, BenchmarkMain.withDefaultForks(one));
    String[] attached = {"-f3", "io.sluice.bench.memory"};
    assertArrayEquals(attached, BenchmarkMain.withDefaultForks(attached));
    String[] forkArg = {"io.sluice.bench.memory", "-jvmArgs", "-foo"};
    assertArrayEquals(new String[] {"io.sluice.bench.memory", "-jvmArgs", "-foo", "-f", "2"},
        BenchmarkMain.withDefaultForks(forkArg));
  }
}
