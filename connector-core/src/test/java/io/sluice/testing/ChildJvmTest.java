package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The child-JVM harness tells a clean exit, an ordinary failure and a JVM crash apart. */
class ChildJvmTest {
  @Test
  void reportsExitCodeAndOutput() {
    ChildJvm.Result result = ChildJvm.run(ExitsWith.class, Duration.ofSeconds(60), "7", "hello");
    assertEquals(7, result.exitCode(), result.describe());
    assertEquals(List.of("hello"), result.lines());
    assertFalse(result.crashed(), result.describe());
    assertFalse(result.timedOut());
  }

  @Test
  void detectsACrash() {
    ChildJvm.Result result = ChildJvm.run(Crashes.class, Duration.ofSeconds(60));
    assertTrue(result.crashed(), result.describe());
    assertTrue(result.stderr().contains("hs_err"), result.describe());
  }

  @Test
  void killsAChildThatOutlivesItsTimeout() {
    ChildJvm.Result result = ChildJvm.run(Sleeps.class, Duration.ofSeconds(2));
    assertTrue(result.timedOut(), result.describe());
  }

  public static final class ExitsWith {
    public static void main(String[] args) {
      System.out.println(args[1]);
      System.exit(Integer.parseInt(args[0]));
    }
  }

  /** Writes to address 8 through Unsafe: SIGSEGV, which the JVM cannot turn into an exception. */
  public static final class Crashes {
    public static void main(String[] args) throws Exception {
      Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
      field.setAccessible(true);
      sun.misc.Unsafe unsafe = (sun.misc.Unsafe) field.get(null);
      unsafe.putLong(8L, 42L);
      System.out.println("survived");
    }
  }

  public static final class Sleeps {
    public static void main(String[] args) throws InterruptedException {
      Thread.sleep(120_000);
    }
  }
}
