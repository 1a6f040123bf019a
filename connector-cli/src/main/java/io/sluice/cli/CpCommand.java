package io.sluice.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice cp SRC... DST} (also {@code put} and {@code get}): copies files and directory trees
 * between local disks and HDFS, recompressing when the codec extensions differ. Never replaces an
 * existing file without {@code -f}; {@code -} reads standard input or writes standard output.
 */
@Command(name = "cp", aliases = {"put", "get"}, customSynopsis = "sluice cp|put|get [OPTIONS] SRC... DST",
    description = {"Copy files or directories (put and get are the same command).",
        "Recompresses when the extensions name different codecs (a.gz -> b.zst); several sources and globs"
            + " (* ? [...] {a,b}) copy into the directory DST; - is standard input (as SRC) or output (as DST).",
        "An existing file is never replaced without -f (exit 6)."})
final class CpCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand
  SluiceCli parent;

  @CommandLine.Mixin
  CommonOptions.Help help;

  @CommandLine.Mixin
  CommonOptions.MaxRatio maxRatio;

  @Parameters(arity = "2..*", paramLabel = "SRC|DST", description = "Sources (paths, URIs, globs, or -), then the destination.")
  List<String> locations;

  @Option(names = {"-f", "--force"}, description = "Replace existing destination files.")
  boolean force;

  @Option(names = {"-p", "--preserve"}, description = "Keep each file's modification time and permissions.")
  boolean preserve;

  @Option(names = "--threads", defaultValue = "4", description = "Files copied at once.")
  int threads;

  @Option(names = "--chunk-size", defaultValue = "1048576", description = "Bytes per read/write.")
  long chunkSize;

  @Option(names = "--atomic", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Publish each file only when complete (temporary name + rename); --no-atomic writes in place (default: atomic).")
  boolean atomic;

  @Option(names = "--no-transcode",
      description = "Copy bytes unchanged even when the extensions name different codecs (also allows .xz, .zip,"
          + " .7z, .lzo, .lzma, .Z destinations, which Sluice cannot write).")
  boolean noTranscode;

  @Option(names = "--progress", negatable = true,
      description = "Draw a progress bar on stderr (default: only when stderr is a terminal and the copy is 8 MiB"
          + " or more).")
  Boolean progress;

  @Override
  public Integer call() {
    if (threads < 1) {
      throw CliException.usage("--threads must be >= 1: " + threads);
    }
    if (chunkSize < 1 || chunkSize > Integer.MAX_VALUE - 8) {
      throw CliException.usage("--chunk-size must be in 1.." + (Integer.MAX_VALUE - 8) + ": " + chunkSize);
    }
    List<String> sources = locations.subList(0, locations.size() - 1);
    String dst = locations.get(locations.size() - 1);
    if (sources.contains("-") && sources.size() > 1) {
      throw CliException.usage("- (standard input) must be the only source");
    }
    Copier.Settings settings = new Copier.Settings(force, !noTranscode, atomic, preserve, threads, (int) chunkSize);
    PrintWriter err = spec.commandLine().getErr();
    try (Locations resolver = new Locations(); ProgressReporter reporter = new ProgressReporter(err, progress)) {
      Copier copier = new Copier(settings, reporter);
      if (dst.equals("-")) {
        return toStandardOutput(resolver, copier, sources, err);
      }
      Location to = resolver.forWriting(resolver.locate(dst));
      if (sources.get(0).equals("-")) {
        if (to.info().isDirectory()) {
          throw CliException.wrongType(dst, "is a directory (standard input needs a file name)");
        }
        copier.check(null, to, false);
        long bytes = copier.copyFromStream(parent.bytesIn(), to);
        report(1, bytes, "-", dst);
        return 0;
      }
      List<Location> from = new ArrayList<>();
      for (String source : sources) {
        from.addAll(resolver.expand(source, true));
      }
      List<Copier.FileCopy> plan = copier.plan(from, to);
      copier.copyAll(plan);
      long bytes = plan.stream().mapToLong(c -> Math.max(0, c.size())).sum();
      report((int) plan.stream().filter(c -> c.size() >= 0).count(), bytes, String.join(" ", sources), dst);
      return 0;
    }
  }

  private int toStandardOutput(Locations resolver, Copier copier, List<String> sources, PrintWriter err) {
    if (sources.contains("-")) {
      try {
        parent.bytesIn().transferTo(parent.bytesOut());
        parent.bytesOut().flush();
      } catch (java.io.IOException e) {
        throw new CliException(CliErrors.IO_ERROR, "-: " + e.getMessage(), e);
      }
      return 0;
    }
    for (String source : sources) {
      for (Location location : resolver.expand(source, true)) {
        if (location.info().isDirectory()) {
          throw CliException.wrongType(location.given(), "is a directory (standard output takes files only)");
        }
        copier.copyToStream(location, parent.bytesOut());
      }
    }
    return 0;
  }

  /** The summary line: on stdout, which carries no data here (with DST {@code -} nothing is printed). */
  private void report(int files, long bytes, String from, String to) {
    PrintWriter out = spec.commandLine().getOut();
    out.printf("copied %d file%s, %,d bytes, %s -> %s%n", files, files == 1 ? "" : "s", bytes, from, to);
    out.flush();
  }
}
