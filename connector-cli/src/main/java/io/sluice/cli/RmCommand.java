package io.sluice.cli;

import io.sluice.fs.FileInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice rm [-r] [-f] PATH...}: deletes files, and with {@code -r} directories with everything in them. */
@Command(name = "rm", description = {"Delete files (and with -r directories).",
    "A directory without -r is exit 7; a missing path is exit 3 unless -f."})
final class RmCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  CommonOptions.Help help;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Paths, URIs or globs.")
  List<String> paths;

  @Option(names = {"-r", "-R", "--recursive"}, description = "Delete directories and their contents.")
  boolean recursive;

  @Option(names = {"-f", "--force"}, description = "No error for paths that do not exist.")
  boolean force;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Locations resolver = new Locations()) {
      for (String path : paths) {
        List<Location> matches;
        try {
          matches = resolver.expand(path, true);
        } catch (CliException e) {
          if (force && e.exitCode() == CliErrors.NO_SUCH_FILE) {
            continue;
          }
          throw e;
        }
        for (Location location : matches) {
          delete(location);
          out.println("deleted " + location.given());
        }
      }
    }
    out.flush();
    return 0;
  }

  private void delete(Location location) {
    FileInfo info = location.info();
    if (info.isDirectory() && !recursive) {
      throw CliException.wrongType(location.given(), "is a directory (use -r to delete it and its contents)");
    }
    if (location.fs().normalizePath(location.path()).equals("/")) {
      throw CliException.usage(location.given() + ": refusing to delete the root directory");
    }
    try {
      if (info.isDirectory()) {
        location.fs().deleteDir(location.path());
      } else if (info.exists()) {
        location.fs().deleteFile(location.path());
      }
    } catch (IOException | RuntimeException e) {
      throw CliErrors.at(location.given(), e);
    }
  }
}
