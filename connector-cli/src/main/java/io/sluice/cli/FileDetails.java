package io.sluice.cli;

import io.sluice.fs.FileInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * What {@code ls -l}, {@code stat} and {@code --json} show beyond {@link FileInfo}: permissions
 * ({@code rwxr-xr-x}), owner, group, and on HDFS replication and block size ({@code null} on local
 * disks, which have neither).
 */
record FileDetails(FileInfo info, String permissions, String owner, String group, Integer replication,
    Long blockSize) {

  static FileDetails of(Location location, FileInfo info) {
    if (location.isLocal()) {
      return local(location, info);
    }
    if ("hdfs".equals(location.fs().typeName())) {
      return HdfsDetails.details(location, info);
    }
    return new FileDetails(info, null, null, null, null, null);
  }

  private static FileDetails local(Location location, FileInfo info) {
    try {
      PosixFileAttributes attributes = Files.readAttributes(Path.of(info.path()), PosixFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
      return new FileDetails(info, PosixFilePermissions.toString(attributes.permissions()),
          attributes.owner().getName(), attributes.group().getName(), null, null);
    } catch (IOException | RuntimeException e) {
      throw CliErrors.at(location.given(), e);
    }
  }

  /** {@code -p}: gives {@code target} the modification time and permissions of {@code source}. */
  static void preserve(Location source, Location target) {
    FileInfo info = source.info();
    FileDetails details = of(source, info);
    try {
      if (target.isLocal()) {
        Path path = Path.of(target.path());
        if (info.mtime() != null) {
          Files.setLastModifiedTime(path, FileTime.from(info.mtime()));
        }
        if (details.permissions() != null) {
          Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(details.permissions()));
        }
      } else if ("hdfs".equals(target.fs().typeName())) {
        HdfsDetails.preserve(target, info, details.permissions());
      }
    } catch (IOException | RuntimeException e) {
      throw CliErrors.at(target.given(), e);
    }
  }
}
