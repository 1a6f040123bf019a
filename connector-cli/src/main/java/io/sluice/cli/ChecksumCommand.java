package io.sluice.cli;

import io.sluice.io.NativeFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.CRC32C;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice checksum PATH...}: {@code PATH<TAB>COMPOSITE-CRC32C<TAB>8 hex digits}, one value a
 * local file and its HDFS copy share whatever the block size.
 *
 * <p>HDFS's {@code COMPOSITE_CRC} combine mode composes the CRC32C of every chunk and block into the
 * CRC32C the whole byte sequence would have had, so it does not depend on block or chunk sizes; for
 * a local file that is simply the CRC32C of its bytes. HDFS files are asked of the NameNode and
 * DataNodes (no data transferred); files whose blocks carry another checksum type are read.
 */
@Command(name = "checksum", description = {"Print PATH<TAB>COMPOSITE-CRC32C<TAB>checksum for each file.",
    "The same value for a local file and its HDFS copy, whatever the block size (HDFS's COMPOSITE_CRC mode)."})
final class ChecksumCommand implements Callable<Integer> {
  static final String ALGORITHM = "COMPOSITE-CRC32C";

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  CommonOptions.Help help;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files: paths, URIs or globs.")
  List<String> paths;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Locations resolver = new Locations(Map.of("dfs.checksum.combine.mode", "COMPOSITE_CRC"))) {
      for (String path : paths) {
        for (Location location : resolver.expand(path, true)) {
          if (location.info().isDirectory()) {
            throw CliException.wrongType(location.given(), "is a directory (checksum takes files)");
          }
          String value = "hdfs".equals(location.fs().typeName()) ? HdfsDetails.compositeCrc32c(location) : null;
          if (value == null) {
            value = String.format("%08x", crc32c(location));
          }
          int query = Locations.queryStart(location.given());
          out.println((query < 0 ? location.given() : location.given().substring(0, query)) + "\t" + ALGORITHM + "\t" + value);
          out.flush();
        }
      }
    }
    return 0;
  }

  /** The CRC32C of every stored byte (no decompression: the checksum is of the file as stored). */
  static long crc32c(Location location) {
    CRC32C crc = new CRC32C();
    try (NativeFile in = location.fs().openInputStream(location.path(), null, 0)) {
      byte[] chunk = new byte[1 << 20];
      int n;
      while ((n = in.readInto(chunk, 0, chunk.length)) > 0) {
        crc.update(chunk, 0, n);
      }
    } catch (IOException | RuntimeException e) {
      throw CliErrors.at(location.given(), e);
    }
    return crc.getValue();
  }
}
