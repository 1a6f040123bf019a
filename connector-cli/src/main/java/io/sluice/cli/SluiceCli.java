package io.sluice.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The {@code sluice} command: one subcommand per task (see {@code sluice --help}). */
@Command(name = "sluice", mixinStandardHelpOptions = true, version = "sluice 0.1.0-SNAPSHOT",
    description = "Move and inspect data on local disks and HDFS.")
public final class SluiceCli implements Callable<Integer> {
  /**
   * Every subcommand, in the order {@code sluice --help} lists them. They are added to the command
   * line on demand: picocli reads each command's annotations by reflection, which for all of them
   * costs more start-up time than a whole {@code sluice ls} of a small directory.
   */
  private static final List<Class<?>> COMMANDS = List.of(CommandLine.HelpCommand.class, CpCommand.class,
      MvCommand.class, RmCommand.class, MkdirCommand.class, LsCommand.class, DuCommand.class, StatCommand.class,
      ChecksumCommand.class, CatCommand.class, HeadCommand.class, TailCommand.class, HdfsCommand.class,
      DemoCommand.class, BenchCommand.class);

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Where commands that print file contents write raw bytes (stdout unless a test redirects it). */
  private final OutputStream bytesOut;
  /** Where {@code -} as a source reads from (stdin unless a test gives other bytes). */
  private final InputStream bytesIn;

  public SluiceCli() {
    this(System.in, System.out);
  }

  SluiceCli(InputStream bytesIn, OutputStream bytesOut) {
    this.bytesIn = bytesIn;
    this.bytesOut = bytesOut;
  }

  /** The byte stream behind {@code getOut()}, for binary output ({@code cat}, {@code head -c}). */
  OutputStream bytesOut() {
    return bytesOut;
  }

  InputStream bytesIn() {
    return bytesIn;
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (tests call this instead of {@link #main}). */
  public static int run(String... args) {
    return commandLine(System.in, System.out, System.err, args).execute(args);
  }

  /** Runs with output and errors going to the given streams (for tests and embedding). */
  public static int run(OutputStream out, OutputStream err, String... args) {
    return commandLine(InputStream.nullInputStream(), out, err, args).execute(args);
  }

  /** Runs with standard input, output and errors given (for tests and embedding). */
  public static int run(InputStream in, OutputStream out, OutputStream err, String... args) {
    return commandLine(in, out, err, args).execute(args);
  }

  /** A configured command line: errors become one "sluice CMD: ..." line and an exit code from {@link CliErrors}. */
  static CommandLine commandLine(InputStream in, OutputStream out, OutputStream err, String... args) {
    CommandLine cli = new CommandLine(new SluiceCli(in, out));
    addSubcommands(cli, args.length > 0 ? args[0] : null);
    cli.setOut(new PrintWriter(new PrintStream(out, true, StandardCharsets.UTF_8), true));
    cli.setErr(new PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + CliErrors.describe(e));
      commandLine.getErr().flush();
      return CliErrors.exitCode(e);
    });
    // Bad option values (e.g. --max-ratio 0) are usage errors like any other bad argument: exit 2.
    cli.setParameterExceptionHandler((e, arguments) -> {
      CommandLine failed = e.getCommandLine();
      failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": "
          + CliErrors.withoutTemporaryNames(e.getCause() instanceof CliException c ? c.getMessage() : e.getMessage()));
      failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for its usage.");
      failed.getErr().flush();
      return CliErrors.BAD_ARGUMENTS;
    });
    configureUsage(cli);
    return cli;
  }

  /** Only the command {@code first} names when it names one; all of them for help, usage and errors. */
  private static void addSubcommands(CommandLine cli, String first) {
    for (Class<?> command : COMMANDS) {
      Command annotation = command.getAnnotation(Command.class);
      boolean named = first != null && (annotation.name().equals(first) || List.of(annotation.aliases()).contains(first));
      if (named && !annotation.name().equals("help")) {
        cli.addSubcommand(new CommandLine(command, CommandLine.defaultFactory()));
        return;
      }
    }
    for (Class<?> command : COMMANDS) {
      cli.addSubcommand(new CommandLine(command, CommandLine.defaultFactory()));
    }
  }

  /**
   * Every command: {@code -h}/{@code --help} (only {@code --help} where {@code -h} means something
   * else), each option's default in its usage, and the exit codes.
   */
  private static void configureUsage(CommandLine command) {
    CommandSpec spec = command.getCommandSpec();
    boolean hasHelp = spec.options().stream().anyMatch(OptionSpec::usageHelp);
    if (!hasHelp) {
      String[] names = spec.findOption("-h") == null ? new String[] {"-h", "--help"} : new String[] {"--help"};
      spec.addOption(OptionSpec.builder(names).usageHelp(true).description("Show this help and exit.").build());
    }
    spec.usageMessage().showDefaultValues(true);
    spec.usageMessage().exitCodeListHeading("%nExit codes:%n");
    spec.usageMessage().exitCodeList(exitCodes());
    for (CommandLine sub : command.getSubcommands().values()) {
      if (sub.getCommandSpec() != spec) {
        configureUsage(sub);
      }
    }
  }

  private static java.util.Map<String, String> exitCodes() {
    java.util.Map<String, String> codes = new java.util.LinkedHashMap<>();
    for (String entry : CliErrors.EXIT_CODE_LIST) {
      int colon = entry.indexOf(':');
      codes.put(entry.substring(0, colon), entry.substring(colon + 1));
    }
    return codes;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return CliErrors.BAD_ARGUMENTS;
  }
}
