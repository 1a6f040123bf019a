package io.sluice.cli;

import io.sluice.io.NativeFile;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice head PATH}: the first lines (or bytes) of a file, decompressed by its extension. */
@Command(name = "head", description = "Print the first lines (-n, default 10) or bytes (-c) of a file, decompressed.")
final class HeadCommand implements Callable<Integer> {
  @CommandLine.ParentCommand
  SluiceCli parent;

  @CommandLine.Mixin
  CommonOptions.Help help;

  @CommandLine.Mixin
  CommonOptions.MaxRatio maxRatio;

  @Parameters(index = "0", paramLabel = "PATH", description = "Path or URI.")
  String path;

  @CommandLine.ArgGroup(exclusive = true)
  Limit limit = new Limit();

  static final class Limit {
    @Option(names = "-n", paramLabel = "LINES", description = "Number of lines (default: 10).")
    Long lines;

    @Option(names = "-c", paramLabel = "BYTES", description = "Number of bytes.")
    Long bytes;
  }

  @Option(names = "--raw", description = "Do not decompress.")
  boolean raw;

  @Override
  public Integer call() {
    long lines = limit.lines == null ? 10 : limit.lines;
    if (lines < 0) {
      throw CliException.usage("-n must be >= 0: " + lines);
    }
    if (limit.bytes != null && limit.bytes < 0) {
      throw CliException.usage("-c must be >= 0: " + limit.bytes);
    }
    try (Locations resolver = new Locations()) {
      Location location = resolver.locate(path);
      if (location.info().isDirectory()) {
        throw CliException.wrongType(path, "is a directory (a file was expected)");
      }
      // Buffered below the decoder so readLine does not cost a call per byte.
      try (NativeFile in = location.fs().openInputStream(location.path(), raw ? null : "detect", 64 * 1024)) {
        OutputStream out = parent.bytesOut();
        if (limit.bytes != null) {
          out.write(in.read(limit.bytes));
        } else {
          for (long i = 0; i < lines; i++) {
            byte[] line = in.readLine();
            if (line.length == 0) {
              break;
            }
            out.write(line);
          }
        }
        out.flush();
      } catch (IOException | RuntimeException e) {
        throw CliErrors.at(path, e);
      }
    }
    return 0;
  }
}
