package io.sluice.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice cat PATH...}: writes files to stdout, decompressed by their extensions unless {@code --raw}. */
@Command(name = "cat", description = "Print files (decompressed by their extensions unless --raw); - is standard input.")
final class CatCommand implements Callable<Integer> {
  @CommandLine.ParentCommand
  SluiceCli parent;

  @CommandLine.Mixin
  CommonOptions.Help help;

  @CommandLine.Mixin
  CommonOptions.MaxRatio maxRatio;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Paths, URIs, globs, or - for standard input.")
  List<String> paths;

  @Option(names = "--raw", description = "Print the stored bytes without decompressing.")
  boolean raw;

  @Override
  public Integer call() {
    OutputStream out = parent.bytesOut();
    Copier copier = new Copier(new Copier.Settings(false, !raw, false, false, 1, 1 << 20), ProgressReporter.none());
    try (Locations resolver = new Locations()) {
      for (String path : paths) {
        if (path.equals("-")) {
          try {
            parent.bytesIn().transferTo(out);
            out.flush();
          } catch (IOException e) {
            throw new CliException(CliErrors.IO_ERROR, "-: " + e.getMessage(), e);
          }
          continue;
        }
        for (Location location : resolver.expand(path, true)) {
          if (location.info().isDirectory()) {
            throw CliException.wrongType(location.given(), "is a directory (a file was expected)");
          }
          copier.copyToStream(location, out);
        }
      }
    }
    return 0;
  }
}
