package io.sluice.cli;

import io.sluice.fs.FileInfo;
import io.sluice.fs.FileSelector;
import io.sluice.fs.FileSystemAndPath;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice ls PATH}: one line per entry: type, size, modification time, path. */
@Command(name = "ls", description = "List a directory (or show one file): type, size, mtime, path.")
final class LsCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PATH", description = "Path or URI.")
  String path;

  @Option(names = {"-R", "--recursive"}, description = "Descend into subdirectories.")
  boolean recursive;

  @Override
  public Integer call() throws IOException {
    FileSystemAndPath resolved = Locations.resolve(path);
    try (Closeable fs = resolved.fs()) {
      FileInfo info = resolved.fs().getFileInfo(resolved.path());
      if (!info.exists()) {
        throw new NoSuchFileException(path);
      }
      List<FileInfo> entries = info.isDirectory()
          ? resolved.fs().getFileInfo(new FileSelector(resolved.path(), false, recursive))
          : List.of(info);
      PrintWriter out = spec.commandLine().getOut();
      for (FileInfo entry : entries) {
        out.printf("%-4s %15s  %-24s %s%n", entry.isDirectory() ? "dir" : "file",
            entry.size() < 0 ? "-" : String.format("%,d", entry.size()),
            entry.mtime() == null ? "-" : entry.mtime().toString(), entry.path());
      }
      out.flush();
    }
    return 0;
  }
}
