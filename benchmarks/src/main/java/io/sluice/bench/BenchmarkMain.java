package io.sluice.bench;

import java.util.Arrays;

/**
 * Entry point of {@code benchmarks.jar}: JMH's own command line ({@link org.openjdk.jmh.Main}, every
 * option unchanged) plus the JVM flags a forked benchmark JVM needs on the running JDK.
 *
 * <p>JDK 23 and newer warn about (and Netty 4.2 on JDK 24+ stops using) {@code sun.misc.Unsafe}
 * memory access unless the JVM runs with {@code --sun-misc-unsafe-memory-access=allow}; JDK 17 to
 * 22 refuse to start with that flag. An annotation cannot be conditional, so the flag is added here,
 * as a {@code -jvmArgsPrepend} (the benchmarks' own flags use {@code jvmArgsAppend}, and JMH collects
 * repeated prepends, so a user's {@code -jvmArgsPrepend} still applies). Forks run on the same JDK
 * as this launcher unless {@code -jvm} names another one; then pass the flag yourself.
 *
 * <p>Runs use {@value #DEFAULT_FORKS} forks unless the command line says otherwise ({@code -f N}):
 * a figure from one JVM can be that JVM's luck (JIT decisions, memory layout), and the benchmarks'
 * {@code @Fork(1)} annotations are for quick local runs. {@code -f 1} is still there for a quick look.
 */
public final class BenchmarkMain {
  /** First JDK that knows (and, from 24 on, wants) {@code --sun-misc-unsafe-memory-access}. */
  static final int UNSAFE_ACCESS_FLAG_SINCE = 23;
  static final String UNSAFE_ACCESS_FLAG = "--sun-misc-unsafe-memory-access=allow";

  /** Forks of a run that does not say: enough to see a difference between JVMs in the error column. */
  static final int DEFAULT_FORKS = 2;

  private BenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    org.openjdk.jmh.Main.main(withForkFlags(withDefaultForks(args), Runtime.version().feature()));
  }

  /** {@code args} plus {@code -f 2} when they set no fork count ({@code -f N} or {@code -fN}); never changes {@code args}. */
  static String[] withDefaultForks(String[] args) {
    for (String arg : args) {
      if (arg.equals("-f") || arg.matches("-f\\d+")) {
        return args.clone();
      }
    }
    String[] extended = Arrays.copyOf(args, args.length + 2);
    extended[args.length] = "-f";
    extended[args.length + 1] = String.valueOf(DEFAULT_FORKS);
    return extended;
  }

  /** {@code args} plus the fork flags {@code jdkFeature} needs; {@code args} itself is not changed. */
  static String[] withForkFlags(String[] args, int jdkFeature) {
    boolean ownJvm = Arrays.asList(args).contains("-jvm");
    if (jdkFeature < UNSAFE_ACCESS_FLAG_SINCE || ownJvm) {
      return args.clone();
    }
    String[] extended = Arrays.copyOf(args, args.length + 1);
    // One token "-opt=value": a separate value starting with "--" would be parsed as an option.
    extended[args.length] = "-jvmArgsPrepend=" + UNSAFE_ACCESS_FLAG;
    return extended;
  }
}
