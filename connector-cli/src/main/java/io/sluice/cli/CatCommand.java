package io.sluice.cli;

import io.sluice.fs.FileSystemAndPath;
import io.sluice.io.NativeFile;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice cat PATH}: writes a file to stdout, decompressed by its extension unless {@code --raw}. */
@Command(name = "cat", description = "Print a file (decompressed by its extension unless --raw).")
final class CatCommand implements Callable<Integer> {
  @CommandLine.ParentCommand
  SluiceCli parent;

  @Parameters(index = "0", paramLabel = "PATH", description = "Path or URI.")
  String path;

  @Option(names = "--raw", description = "Print the stored bytes without decompressing.")
  boolean raw;

  @Override
  public Integer call() throws IOException {
    FileSystemAndPath resolved = Locations.resolve(path);
    try (Closeable fs = resolved.fs();
        NativeFile in = resolved.fs().openInputStream(resolved.path(), raw ? null : "detect", 0)) {
      OutputStream out = parent.bytesOut();
      in.download(out);
      out.flush();
    }
    return 0;
  }
}
