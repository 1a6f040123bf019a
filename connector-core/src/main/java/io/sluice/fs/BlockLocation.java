package io.sluice.fs;

import java.util.List;
import java.util.Objects;

/**
 * Where a byte range of a file is stored: {@code [offset, offset + length)} and the hosts holding a
 * copy (HDFS DataNodes; {@code "localhost"} for local files). What Spark and MapReduce use to run
 * a task next to its data.
 */
public record BlockLocation(long offset, long length, List<String> hosts) {
  public BlockLocation {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative: " + offset);
    }
    if (length < 0) {
      throw new IllegalArgumentException("length must not be negative: " + length);
    }
    hosts = List.copyOf(Objects.requireNonNull(hosts, "hosts"));
  }
}
