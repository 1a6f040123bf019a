package io.sluice.cli;

import io.sluice.fs.FileInfo;
import io.sluice.hdfs.HadoopFileSystem;
import java.io.IOException;
import org.apache.hadoop.fs.ContentSummary;
import org.apache.hadoop.fs.FileChecksum;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Everything the command line asks of HDFS beyond Sluice's {@link io.sluice.fs.FileSystem}:
 * owners and permissions, content summaries, checksums, server defaults. Kept apart so that
 * commands on local files never load a Hadoop class (start-up time).
 */
final class HdfsDetails {
  private HdfsDetails() {}

  private static org.apache.hadoop.fs.FileSystem client(Location location) {
    return ((HadoopFileSystem) location.fs()).hadoopFileSystem();
  }

  static FileDetails details(Location location, FileInfo info) {
    try {
      FileStatus status = client(location).getFileStatus(new Path(info.path()));
      String permissions = status.getPermission().toString();
      return new FileDetails(info, permissions, status.getOwner(), status.getGroup(),
          status.isFile() ? (int) status.getReplication() : null, status.isFile() ? status.getBlockSize() : null);
    } catch (IOException | RuntimeException e) {
      throw CliErrors.at(location.given(), e);
    }
  }

  /** {@code [length, spaceConsumed]} of a file or a whole tree. */
  static long[] usage(Location location) {
    try {
      ContentSummary summary = client(location).getContentSummary(new Path(location.path()));
      return new long[] {summary.getLength(), summary.getSpaceConsumed()};
    } catch (IOException | RuntimeException e) {
      throw CliErrors.at(location.given(), e);
    }
  }

  /** The NameNode's COMPOSITE-CRC32C of a file, or null when the file's blocks use another checksum type. */
  static String compositeCrc32c(Location location) {
    try {
      FileChecksum checksum = client(location).getFileChecksum(new Path(location.path()));
      if (checksum == null || !"COMPOSITE-CRC32C".equals(checksum.getAlgorithmName())) {
        return null;
      }
      byte[] bytes = checksum.getBytes();
      StringBuilder hex = new StringBuilder();
      for (byte b : bytes) {
        hex.append(String.format("%02x", b & 0xff));
      }
      return hex.toString();
    } catch (IOException | RuntimeException e) {
      throw CliErrors.at(location.given(), e);
    }
  }

  static void preserve(Location target, FileInfo sourceInfo, String permissions) throws IOException {
    Path path = new Path(target.path());
    if (sourceInfo.mtime() != null) {
      client(target).setTimes(path, sourceInfo.mtime().toEpochMilli(), -1);
    }
    if (permissions != null) {
      client(target).setPermission(path, FsPermission.valueOf("-" + permissions));
    }
  }

  /** {@link Locations#forWriting}: reconnects with the NameNode's default replication when it differs. */
  static Location withServerReplication(Locations locations, Location location) {
    try {
      HadoopFileSystem fs = (HadoopFileSystem) location.fs();
      short serverDefault = fs.hadoopFileSystem().getServerDefaults(new Path("/")).getReplication();
      if (fs.options() == null || fs.options().replication() == serverDefault) {
        return location;
      }
      return locations.reconnect(location, "replication=" + serverDefault);
    } catch (IOException | RuntimeException e) {
      throw CliErrors.at(location.given(), e);
    }
  }
}
