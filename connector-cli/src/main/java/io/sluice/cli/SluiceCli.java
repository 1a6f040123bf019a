package io.sluice.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sluice} command: one subcommand per task (see {@code sluice --help}). */
@Command(name = "sluice", mixinStandardHelpOptions = true, version = "sluice 0.1.0-SNAPSHOT",
    description = "Move and inspect data: buffers, memory pools, local files and HDFS.",
    subcommands = {DemoCommand.class, HdfsCommand.class, CpCommand.class, CatCommand.class, HeadCommand.class,
        LsCommand.class, StatCommand.class, BenchCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:input/output error", "2:bad arguments", "3:no such file",
        "4:permission denied", "5:file system unreachable"})
public final class SluiceCli implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Where commands that print file contents write raw bytes (stdout unless a test redirects it). */
  private final OutputStream bytesOut;

  public SluiceCli() {
    this(System.out);
  }

  SluiceCli(OutputStream bytesOut) {
    this.bytesOut = bytesOut;
  }

  /** The byte stream behind {@code getOut()}, for binary output ({@code cat}, {@code head -c}). */
  OutputStream bytesOut() {
    return bytesOut;
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (tests call this instead of {@link #main}). */
  public static int run(String... args) {
    return commandLine(System.out, System.err).execute(args);
  }

  /** Runs with output and errors going to the given streams (for tests and embedding). */
  public static int run(OutputStream out, OutputStream err, String... args) {
    return commandLine(out, err).execute(args);
  }

  /** A configured command line: errors become one "sluice: ..." line and an exit code from {@link CliErrors}. */
  static CommandLine commandLine(OutputStream out, OutputStream err) {
    CommandLine cli = new CommandLine(new SluiceCli(out));
    cli.setOut(new PrintWriter(new PrintStream(out, true, StandardCharsets.UTF_8), true));
    cli.setErr(new PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("sluice " + commandLine.getCommandName() + ": " + CliErrors.describe(e));
      commandLine.getErr().flush();
      return CliErrors.exitCode(e);
    });
    return cli;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 2;
  }
}
