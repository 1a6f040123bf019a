package io.sluice.cli;

import io.sluice.compress.Codec;
import io.sluice.fs.FileInfo;
import io.sluice.fs.FileSystemAndPath;
import io.sluice.hdfs.HadoopFileSystem;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice stat PATH}: type, size, modification time and the codec its extension names; for
 * an HDFS file also replication, block size and every block with the hosts holding it.
 */
@Command(name = "stat", description = "Show size, codec and (HDFS) replication, blocks and their hosts.")
final class StatCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PATH", description = "Path or URI.")
  String path;

  @Override
  public Integer call() throws IOException {
    FileSystemAndPath resolved = Locations.resolve(path);
    try (Closeable fs = resolved.fs()) {
      FileInfo info = resolved.fs().getFileInfo(resolved.path());
      if (!info.exists()) {
        throw new NoSuchFileException(path);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf("path:        %s%n", info.path());
      out.printf("filesystem:  %s%n", resolved.fs().typeName());
      out.printf("type:        %s%n", info.type());
      if (info.isFile()) {
        out.printf("size:        %d%n", info.size());
        out.printf("codec:       %s%n", Codec.detect(info.path()).orElse("none"));
      }
      out.printf("modified:    %s%n", info.mtime());
      if (resolved.fs() instanceof HadoopFileSystem hdfs && info.isFile()) {
        printBlocks(out, hdfs, resolved.path());
      }
      out.flush();
    }
    return 0;
  }

  private static void printBlocks(PrintWriter out, HadoopFileSystem hdfs, String path) throws IOException {
    org.apache.hadoop.fs.FileSystem client = hdfs.hadoopFileSystem();
    FileStatus status = client.getFileStatus(new Path(path));
    out.printf("replication: %d%n", status.getReplication());
    out.printf("block size:  %d%n", status.getBlockSize());
    BlockLocation[] blocks = client.getFileBlockLocations(status, 0, status.getLen());
    out.printf("blocks:      %d%n", blocks.length);
    for (int i = 0; i < blocks.length; i++) {
      BlockLocation block = blocks[i];
      out.printf("  block %d: offset %d, length %d, hosts %s%n", i, block.getOffset(), block.getLength(),
          String.join(",", block.getNames()));
    }
  }
}
