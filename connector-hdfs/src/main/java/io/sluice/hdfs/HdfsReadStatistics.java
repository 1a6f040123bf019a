package io.sluice.hdfs;

/**
 * Which read path served the bytes an {@link HdfsFile} has read so far (a snapshot).
 *
 * <ul>
 *   <li>{@link #bytesRead()}: every byte returned to the caller, whatever the path.</li>
 *   <li>{@link #remoteBytesRead()}: bytes that came through a DataNode's TCP data transfer path,
 *       loopback included (a DataNode on this host without short-circuit still counts here).</li>
 *   <li>{@link #shortCircuitBytesRead()}: bytes read straight from a local block file, bypassing
 *       the DataNode (Hadoop's legacy local block reader, or Sluice's mapped blocks).</li>
 *   <li>{@link #zeroCopyBytesRead()}: bytes handed out as views of a memory-mapped local block
 *       file, never copied. Zero-copy bytes are short-circuit bytes, and both are part of
 *       {@code bytesRead}; so {@code bytesRead == remoteBytesRead + shortCircuitBytesRead}.</li>
 * </ul>
 */
public record HdfsReadStatistics(
    long bytesRead, long remoteBytesRead, long shortCircuitBytesRead, long zeroCopyBytesRead) {

  /** Nothing read yet. */
  public static final HdfsReadStatistics EMPTY = new HdfsReadStatistics(0, 0, 0, 0);
}
