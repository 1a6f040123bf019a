package io.sluice.cli;

import io.sluice.fs.FileInfo;
import io.sluice.fs.FileSelector;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice du [-s] [-h] PATH...}: {@code size space-consumed path} per entry of a directory
 * (with {@code -s} one line per argument), as {@code hdfs dfs -du}. Space consumed counts every
 * replica on HDFS; on a local disk it is the size.
 */
@Command(name = "du", description = {"Show how much a file or directory holds: size space-consumed path.",
    "One line per entry of a directory; -s one line per PATH. Space consumed counts every HDFS replica"
        + " (on local disks it equals the size)."})
final class DuCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  CommonOptions.LongHelp help;

  @Parameters(arity = "0..*", paramLabel = "PATH", description = "Paths, URIs or globs (default: the current directory).")
  List<String> paths = new ArrayList<>(List.of("."));

  @Option(names = {"-s", "--summary"}, description = "One total line per PATH.")
  boolean summary;

  @Option(names = "-h", description = "Human-readable sizes (1.5 K, 3 M).")
  boolean human;

  @Override
  public Integer call() {
    List<String[]> rows = new ArrayList<>();
    try (Locations resolver = new Locations()) {
      for (String path : paths) {
        for (Location location : resolver.expand(path, true)) {
          FileInfo info = location.info();
          if (summary || !info.isDirectory()) {
            rows.add(row(location));
            continue;
          }
          List<FileInfo> children;
          try {
            children = location.fs().getFileInfo(new FileSelector(location.path(), false, false));
          } catch (IOException | RuntimeException e) {
            throw CliErrors.at(location.given(), e);
          }
          for (FileInfo child : children) {
            rows.add(row(location.child(child.baseName())));
          }
        }
      }
    }
    int sizeWidth = 1;
    int spaceWidth = 1;
    for (String[] row : rows) {
      sizeWidth = Math.max(sizeWidth, row[0].length());
      spaceWidth = Math.max(spaceWidth, row[1].length());
    }
    PrintWriter out = spec.commandLine().getOut();
    for (String[] row : rows) {
      out.printf("%-" + sizeWidth + "s  %-" + spaceWidth + "s  %s%n", row[0], row[1], row[2]);
    }
    out.flush();
    return 0;
  }

  private String[] row(Location location) {
    long[] usage = usage(location);
    int query = Locations.queryStart(location.given());
    String shown = query < 0 ? location.given() : location.given().substring(0, query);
    return new String[] {Sizes.of(usage[0], human), Sizes.of(usage[1], human), shown};
  }

  /** {@code [size, spaceConsumed]}. */
  static long[] usage(Location location) {
    if ("hdfs".equals(location.fs().typeName())) {
      return HdfsDetails.usage(location);
    }
    FileInfo info = location.info();
    if (info.isFile()) {
      return new long[] {info.size(), info.size()};
    }
    long total = 0;
    try {
      for (FileInfo entry : location.fs().getFileInfo(new FileSelector(location.path(), false, true))) {
        total += entry.isFile() ? entry.size() : 0;
      }
    } catch (IOException | RuntimeException e) {
      throw CliErrors.at(location.given(), e);
    }
    return new long[] {total, total};
  }
}
