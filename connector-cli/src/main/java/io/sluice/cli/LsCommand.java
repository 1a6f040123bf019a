package io.sluice.cli;

import io.sluice.fs.FileInfo;
import io.sluice.fs.FileSelector;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice ls PATH...}: one line per entry ({@code type size mtime path}); {@code -l} as
 * {@code hdfs dfs -ls} prints it ({@code permissions replication owner group size mtime path});
 * {@code --json} an array of objects.
 */
@Command(name = "ls", description = {"List directories (or show files).",
    "Default columns: type size mtime path. -l: permissions replication owner group size mtime path, as hdfs dfs -ls"
        + " (replication - for directories and local files). --json: an array of {path, type, size, mtime,"
        + " permissions, owner, group, replication, blockSize}."})
final class LsCommand implements Callable<Integer> {
  private static final DateTimeFormatter HDFS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
      .withZone(ZoneId.systemDefault());

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  CommonOptions.LongHelp help;

  @Parameters(arity = "0..*", paramLabel = "PATH", description = "Paths, URIs or globs (default: the current directory).")
  List<String> paths = new ArrayList<>(List.of("."));

  @Option(names = {"-R", "--recursive"}, description = "Descend into subdirectories.")
  boolean recursive;

  @Option(names = "-l", description = "Long format: permissions, replication, owner, group.")
  boolean longFormat;

  @Option(names = "-h", description = "Human-readable sizes (1.5 K, 3 M).")
  boolean human;

  @Option(names = "--json", description = "One JSON array of objects instead of text.")
  boolean json;

  /** One listed entry with the name the user sees. */
  private record Entry(String shown, FileDetails details) {}

  @Override
  public Integer call() {
    List<Entry> entries = new ArrayList<>();
    try (Locations resolver = new Locations()) {
      for (String path : paths) {
        for (Location location : resolver.expand(path, true)) {
          collect(location, entries);
        }
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.print('[');
      for (int i = 0; i < entries.size(); i++) {
        out.print((i == 0 ? "" : ",") + Json.object(entries.get(i).shown(), entries.get(i).details()));
      }
      out.println(']');
    } else if (longFormat) {
      printLong(out, entries);
    } else {
      for (Entry entry : entries) {
        FileInfo info = entry.details().info();
        out.printf("%-4s %15s  %-24s %s%n", info.isDirectory() ? "dir" : "file",
            info.size() < 0 ? "-" : human ? Sizes.human(info.size()) : String.format("%,d", info.size()),
            info.mtime() == null ? "-" : info.mtime().toString(), entry.shown());
      }
    }
    out.flush();
    return 0;
  }

  private void collect(Location location, List<Entry> entries) {
    FileInfo info = location.info();
    boolean needDetails = longFormat || json;
    if (!info.isDirectory()) {
      entries.add(new Entry(shown(location), needDetails ? FileDetails.of(location, info) : new FileDetails(info,
          null, null, null, null, null)));
      return;
    }
    List<FileInfo> children;
    try {
      children = location.fs().getFileInfo(new FileSelector(location.path(), false, recursive));
    } catch (IOException | RuntimeException e) {
      throw CliErrors.at(location.given(), e);
    }
    String prefix = location.fs().normalizePath(location.path());
    prefix = prefix.endsWith("/") ? prefix : prefix + "/";
    for (FileInfo child : children) {
      String relative = child.path().startsWith(prefix) ? child.path().substring(prefix.length()) : child.baseName();
      Location entry = location.child(relative);
      entries.add(new Entry(shown(entry), needDetails ? FileDetails.of(entry, child)
          : new FileDetails(child, null, null, null, null, null)));
    }
  }

  /** The path as the user wrote it, without a URI's {@code ?options}. */
  private static String shown(Location location) {
    int query = Locations.queryStart(location.given());
    return query < 0 ? location.given() : location.given().substring(0, query);
  }

  /**
   * {@code hdfs dfs -ls} columns exactly: type and permissions, the ACL column (a space: Sluice
   * shows no ACLs), replication at least 3 wide, owner and group as wide as the widest, size at
   * least 10 wide, {@code yyyy-MM-dd HH:mm}, path.
   */
  private void printLong(PrintWriter out, List<Entry> entries) {
    int replicationWidth = 3;
    int ownerWidth = 0;
    int groupWidth = 0;
    int sizeWidth = 10;
    for (Entry entry : entries) {
      FileDetails d = entry.details();
      replicationWidth = Math.max(replicationWidth, replication(d).length());
      ownerWidth = Math.max(ownerWidth, String.valueOf(d.owner()).length());
      groupWidth = Math.max(groupWidth, String.valueOf(d.group()).length());
      sizeWidth = Math.max(sizeWidth, size(d).length());
    }
    String format = "%s%s  %" + replicationWidth + "s %-" + ownerWidth + "s %-" + groupWidth + "s %" + sizeWidth
        + "s %s %s%n";
    for (Entry entry : entries) {
      FileDetails d = entry.details();
      FileInfo info = d.info();
      out.printf(format, info.isDirectory() ? "d" : "-", d.permissions() == null ? "---------" : d.permissions(),
          replication(d), d.owner(), d.group(), size(d),
          info.mtime() == null ? "-" : HDFS_TIME.format(info.mtime()), entry.shown());
    }
  }

  private static String replication(FileDetails d) {
    return d.replication() == null ? "-" : d.replication().toString();
  }

  private String size(FileDetails d) {
    long size = d.info().isFile() ? d.info().size() : 0;
    return Sizes.of(size, human);
  }
}
