package io.sluice.hadoop;

import io.sluice.hdfs.HdfsReadStatistics;
import java.util.Map;
import org.apache.hadoop.fs.statistics.IOStatistics;
import org.apache.hadoop.fs.statistics.MeanStatistic;

/** Sluice's HDFS read counters as Hadoop IO statistics (counters only; a snapshot). */
final class SluiceIoStatistics implements IOStatistics {
  static final String BYTES_READ = "sluice_bytes_read";
  static final String REMOTE_BYTES_READ = "sluice_remote_bytes_read";
  static final String SHORT_CIRCUIT_BYTES_READ = "sluice_short_circuit_bytes_read";
  static final String ZERO_COPY_BYTES_READ = "sluice_zero_copy_bytes_read";

  private final Map<String, Long> counters;

  private SluiceIoStatistics(Map<String, Long> counters) {
    this.counters = counters;
  }

  static SluiceIoStatistics of(HdfsReadStatistics counts) {
    return new SluiceIoStatistics(Map.of(
        BYTES_READ, counts.bytesRead(),
        REMOTE_BYTES_READ, counts.remoteBytesRead(),
        SHORT_CIRCUIT_BYTES_READ, counts.shortCircuitBytesRead(),
        ZERO_COPY_BYTES_READ, counts.zeroCopyBytesRead()));
  }

  @Override
  public Map<String, Long> counters() {
    return counters;
  }

  @Override
  public Map<String, Long> gauges() {
    return Map.of();
  }

  @Override
  public Map<String, Long> minimums() {
    return Map.of();
  }

  @Override
  public Map<String, Long> maximums() {
    return Map.of();
  }

  @Override
  public Map<String, MeanStatistic> meanStatistics() {
    return Map.of();
  }

  @Override
  public String toString() {
    return "SluiceIoStatistics" + new java.util.TreeMap<>(counters);
  }
}
