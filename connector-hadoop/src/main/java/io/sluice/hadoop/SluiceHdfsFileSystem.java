package io.sluice.hadoop;

import io.sluice.hdfs.HadoopFileSystem;
import io.sluice.hdfs.HdfsFile;
import io.sluice.hdfs.HdfsReadStatistics;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.LongAdder;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.statistics.IOStatistics;
import org.apache.hadoop.fs.statistics.IOStatisticsSource;
import org.apache.hadoop.hdfs.DistributedFileSystem;

/**
 * A Hadoop {@code FileSystem} for {@code hdfs:} whose reads go through Sluice: set
 * {@code fs.hdfs.impl=io.sluice.hadoop.SluiceHdfsFileSystem} (in Spark
 * {@code spark.hadoop.fs.hdfs.impl}) and unmodified jobs read local replicas by pure-Java
 * short-circuit and zero-copy reads, no libhadoop needed.
 *
 * <p>Everything but {@link #open(Path, int)} is Hadoop's own {@link DistributedFileSystem}: listing,
 * writing, renames, permissions and block locations behave exactly as they do without Sluice.
 * Reads use a second, plain {@code DistributedFileSystem} client for the same cluster underneath a
 * Sluice {@link HadoopFileSystem} (so Sluice's own opens cannot recurse into this class).
 * Short-circuit follows Hadoop's switch {@code dfs.client.read.shortcircuit} together with
 * {@code dfs.client.use.legacy.blockreader.local}; the DataNode must list the user in
 * {@code dfs.block.local-path-access.user}.
 *
 * <p>The file system is an {@link IOStatisticsSource}: counters {@code sluice_bytes_read},
 * {@code sluice_remote_bytes_read}, {@code sluice_short_circuit_bytes_read} and
 * {@code sluice_zero_copy_bytes_read} sum every stream it opened, the closed ones and the open ones.
 */
public class SluiceHdfsFileSystem extends DistributedFileSystem implements IOStatisticsSource {
  private HadoopFileSystem readers;
  /** What closed streams read; open streams are added when asked. */
  private final LongAdder[] closedStreamTotals = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};
  private final java.util.Set<SluiceFsInputStream> openStreams = java.util.concurrent.ConcurrentHashMap.newKeySet();

  @Override
  public void initialize(URI uri, Configuration conf) throws IOException {
    super.initialize(uri, conf);
    Configuration plain = new Configuration(conf);
    plain.set("fs.hdfs.impl", DistributedFileSystem.class.getName());
    plain.set("fs.defaultFS", getUri().toString());
    readers = HadoopFileSystem.fromConfiguration(plain);
  }

  @Override
  public FSDataInputStream open(Path path, int bufferSize) throws IOException {
    statistics.incrementReadOps(1);
    String hdfsPath = makeQualified(path).toUri().getPath();
    HdfsFile file = readers.openInputFile(hdfsPath);
    SluiceFsInputStream stream = new SluiceFsInputStream(file, statistics, this::streamClosed);
    openStreams.add(stream);
    return new FSDataInputStream(stream);
  }

  private void streamClosed(SluiceFsInputStream stream, HdfsReadStatistics finalCounts) {
    if (openStreams.remove(stream)) {
      closedStreamTotals[0].add(finalCounts.bytesRead());
      closedStreamTotals[1].add(finalCounts.remoteBytesRead());
      closedStreamTotals[2].add(finalCounts.shortCircuitBytesRead());
      closedStreamTotals[3].add(finalCounts.zeroCopyBytesRead());
    }
  }

  /** The sum over every stream this file system opened (a snapshot). */
  public HdfsReadStatistics readStatistics() {
    long[] sums = new long[4];
    for (int i = 0; i < 4; i++) {
      sums[i] = closedStreamTotals[i].sum();
    }
    for (SluiceFsInputStream stream : openStreams) {
      HdfsReadStatistics counts = stream.readStatistics();
      sums[0] += counts.bytesRead();
      sums[1] += counts.remoteBytesRead();
      sums[2] += counts.shortCircuitBytesRead();
      sums[3] += counts.zeroCopyBytesRead();
    }
    return new HdfsReadStatistics(sums[0], sums[1], sums[2], sums[3]);
  }

  @Override
  public IOStatistics getIOStatistics() {
    return SluiceIoStatistics.of(readStatistics());
  }

  @Override
  public void close() throws IOException {
    try {
      if (readers != null) {
        readers.close();
      }
    } finally {
      super.close();
    }
  }
}
