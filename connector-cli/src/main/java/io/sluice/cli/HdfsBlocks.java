package io.sluice.cli;

import io.sluice.hdfs.HadoopFileSystem;
import java.io.IOException;
import java.io.PrintWriter;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/** {@code stat}'s HDFS part: replication, block size, and each block with the DataNodes holding it. */
final class HdfsBlocks {
  private HdfsBlocks() {}

  static void print(PrintWriter out, Location location) {
    org.apache.hadoop.fs.FileSystem client = ((HadoopFileSystem) location.fs()).hadoopFileSystem();
    try {
      FileStatus status = client.getFileStatus(new Path(location.path()));
      out.printf("replication: %d%n", status.getReplication());
      out.printf("block size:  %d%n", status.getBlockSize());
      BlockLocation[] blocks = client.getFileBlockLocations(status, 0, status.getLen());
      out.printf("blocks:      %d%n", blocks.length);
      for (int i = 0; i < blocks.length; i++) {
        BlockLocation block = blocks[i];
        out.printf("  block %d: offset %d, length %d, hosts %s%n", i, block.getOffset(), block.getLength(),
            String.join(",", block.getNames()));
      }
    } catch (IOException | RuntimeException e) {
      throw CliErrors.at(location.given(), e);
    }
  }
}
