package io.sluice.cli;

import io.sluice.fs.FileInfo;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice mkdir [-p] PATH...}: creates directories. */
@Command(name = "mkdir", description = {"Create directories.",
    "Without -p a missing parent is exit 3 and an existing path exit 6."})
final class MkdirCommand implements Callable<Integer> {
  @CommandLine.Mixin
  CommonOptions.Help help;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Paths or URIs.")
  List<String> paths;

  @Option(names = {"-p", "--parents"}, description = "Create missing parents; an existing directory is no error.")
  boolean parents;

  @Override
  public Integer call() {
    try (Locations resolver = new Locations()) {
      for (String path : paths) {
        Location location = resolver.locate(path);
        FileInfo info = location.info();
        if (info.isFile()) {
          throw CliException.alreadyExists(path, " (a file)");
        }
        if (info.isDirectory()) {
          if (parents) {
            continue;
          }
          throw CliException.alreadyExists(path, " (a directory)");
        }
        String normalized = location.fs().normalizePath(location.path());
        int slash = normalized.lastIndexOf('/');
        String parent = slash <= 0 ? "/" : normalized.substring(0, slash);
        FileInfo parentInfo = location.at(parent, parent).info();
        if (!parents && !parentInfo.exists()) {
          throw new CliException(CliErrors.NO_SUCH_FILE, path + ": parent directory does not exist (use -p)");
        }
        if (parentInfo.isFile()) {
          throw CliException.wrongType(path, "parent is a file, not a directory");
        }
        try {
          location.fs().createDir(location.path(), parents);
        } catch (IOException | RuntimeException e) {
          throw CliErrors.at(path, e);
        }
      }
    }
    return 0;
  }
}
