package io.sluice.cli;

import io.sluice.compress.Codec;
import io.sluice.fs.FileInfo;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice stat PATH}: type, size, modification time, permissions and the codec its extension
 * names; for an HDFS file also replication, block size and every block with the hosts holding it.
 * {@code --json}: one object with the keys of {@link Json#object}.
 */
@Command(name = "stat", description = {"Show size, codec, permissions and (HDFS) replication, blocks and their hosts.",
    "--json: one object {path, type, size, mtime, permissions, owner, group, replication, blockSize}."})
final class StatCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  CommonOptions.Help help;

  @Parameters(index = "0", paramLabel = "PATH", description = "Path or URI.")
  String path;

  @Option(names = "--json", description = "One JSON object instead of text.")
  boolean json;

  @Override
  public Integer call() {
    try (Locations resolver = new Locations()) {
      Location location = resolver.locate(path);
      FileInfo info = location.info();
      if (!info.exists()) {
        throw CliException.notFound(path);
      }
      FileDetails details = FileDetails.of(location, info);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        int query = Locations.queryStart(path);
        out.println(Json.object(query < 0 ? path : path.substring(0, query), details));
        out.flush();
        return 0;
      }
      out.printf("path:        %s%n", info.path());
      out.printf("filesystem:  %s%n", location.fs().typeName());
      out.printf("type:        %s%n", info.type());
      if (info.isFile()) {
        out.printf("size:        %d%n", info.size());
        out.printf("codec:       %s%n", Codec.detect(info.path()).orElse("none"));
      }
      out.printf("modified:    %s%n", info.mtime());
      if (details.permissions() != null) {
        out.printf("permissions: %s%n", details.permissions());
        out.printf("owner:       %s%n", details.owner());
        out.printf("group:       %s%n", details.group());
      }
      if ("hdfs".equals(location.fs().typeName()) && info.isFile()) {
        HdfsBlocks.print(out, location);
      }
      out.flush();
    }
    return 0;
  }
}
