package io.sluice.cli;

import io.sluice.fs.FileSystem;
import io.sluice.fs.FileSystemAndPath;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Turns a command-line location (local path or URI) into a file system and path. */
final class Locations {
  /**
   * Hadoop retries an unreachable NameNode for minutes by default; a command line should say so
   * within seconds. Added to Hadoop URIs unless the user set them in the query.
   */
  static final Map<String, String> FAIL_FAST = Map.of(
      "ipc.client.connect.max.retries", "0",
      "ipc.client.connect.max.retries.on.timeouts", "0",
      "ipc.client.connect.timeout", "3000",
      "dfs.client.retry.policy.enabled", "false",
      "dfs.client.failover.max.attempts", "0");

  private static final Set<String> HADOOP_SCHEMES = Set.of("hdfs", "viewfs", "webhdfs", "swebhdfs");

  private Locations() {}

  static FileSystemAndPath resolve(String location) throws IOException {
    return FileSystem.fromUri(withFailFast(location));
  }

  static String withFailFast(String location) {
    int colon = location.indexOf("://");
    if (colon <= 0 || !HADOOP_SCHEMES.contains(location.substring(0, colon).toLowerCase(Locale.ROOT))) {
      return location;
    }
    URI uri = URI.create(location);
    String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
    StringBuilder extra = new StringBuilder(query);
    for (Map.Entry<String, String> setting : FAIL_FAST.entrySet()) {
      if (!query.contains(setting.getKey() + "=")) {
        extra.append(extra.length() == 0 ? "" : "&").append(setting.getKey()).append('=').append(setting.getValue());
      }
    }
    int question = location.indexOf('?');
    String base = question < 0 ? location : location.substring(0, question);
    return base + "?" + extra;
  }

  /** The last path element, for copying a file into a directory. */
  static String baseName(String path) {
    String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    return p.substring(p.lastIndexOf('/') + 1);
  }

  static String join(String dir, String name) {
    return dir.endsWith("/") ? dir + name : dir + "/" + name;
  }
}
