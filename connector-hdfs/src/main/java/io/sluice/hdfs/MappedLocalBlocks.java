package io.sluice.hdfs;

import io.sluice.memory.Buffer;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PrivilegedExceptionAction;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.hdfs.DFSUtilClient;
import org.apache.hadoop.hdfs.client.HdfsDataInputStream;
import org.apache.hadoop.hdfs.protocol.BlockLocalPathInfo;
import org.apache.hadoop.hdfs.protocol.ClientDatanodeProtocol;
import org.apache.hadoop.hdfs.protocol.DatanodeInfo;
import org.apache.hadoop.hdfs.protocol.ExtendedBlock;
import org.apache.hadoop.hdfs.protocol.LocatedBlock;
import org.apache.hadoop.ipc.RPC;
import org.apache.hadoop.security.UserGroupInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zero-copy reads of the blocks of one HDFS file whose replica is on this host.
 *
 * <p>Hadoop's own zero-copy API ({@code read(ByteBufferPool, ...)}) only maps blocks the DataNode
 * has cached and otherwise copies; its legacy short-circuit reader reads local block files but
 * copies too. This class goes one step further on the same permission: it asks the local DataNode
 * where a block's files are ({@link ClientDatanodeProtocol#getBlockLocalPathInfo}, the RPC the
 * legacy reader uses, allowed by {@code dfs.block.local-path-access.user}), maps the block file
 * read-only and hands out slices of a {@link Buffer#foreign} over the mapping. Checksums come from the
 * block's {@code .meta} file (a {@code BlockMetadataHeader} followed by one checksum per
 * {@code bytesPerChecksum} chunk) and are verified once per chunk before a view of it is handed
 * out, unless the caller opted out ({@link MappedBlockChecksums}). By default a chunk is verified
 * once per JVM, not once per open: later opens of the same unchanged replica (same generation
 * stamp and length, same block and {@code .meta} files on disk) reuse the record of verified
 * chunks ({@link VerifiedReplicas}, which also says what that does not catch).
 *
 * <p>Only finalized replicas are mapped: their block files never change again (appends to an
 * HDFS file go to a new replica state and only add bytes past what was mapped). Whenever a block
 * cannot be served this way (no local replica, a range spanning two blocks, the DataNode refusing
 * the RPC, a replica being written, a checksum mismatch) {@link #read} returns {@code null} and
 * the caller takes the normal path; a block that failed once is not tried again by this file.
 * Views stay valid after {@link #close()}: each keeps its mapping reachable.
 *
 * <p>Thread-safe: positional reads may call {@link #read} from many threads.
 */
final class MappedLocalBlocks implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(MappedLocalBlocks.class);
  private static final Object UNAVAILABLE = new Object();

  private final HdfsDataInputStream in;
  private final Configuration rpcConf;
  private final UserGroupInformation user;
  private final String path;
  private final boolean verifyChecksums;
  /** Verified chunks shared by every open of an unchanged replica; null to verify on every open. */
  private final VerifiedReplicas verifiedReplicas;
  private final BadReplicaReporter badReplicaReporter;
  private final int socketTimeout;
  private final boolean connectToDataNodeViaHostname;
  private final AtomicLong zeroCopyBytes = new AtomicLong();
  /** Block index -> {@link MappedBlock} or {@link #UNAVAILABLE}. */
  private final Map<Integer, Object> blocks = new ConcurrentHashMap<>();
  /** Block index -> DataNodes (by UUID) whose replica failed its checksums. */
  private final Map<Integer, Set<String>> badReplicas = new ConcurrentHashMap<>();
  /** Local DataNode proxies by IPC address; guarded by {@code this}. */
  private final Map<String, ClientDatanodeProtocol> proxies = new HashMap<>();
  private volatile List<LocatedBlock> locatedBlocks;
  private volatile boolean closed;

  /** Tells the NameNode about a replica whose checksums failed, as Hadoop's own readers do. */
  interface BadReplicaReporter {
    void report(LocatedBlock replica) throws IOException;
  }

  /**
   * @param verifiedReplicas where verified chunks are remembered across opens; null verifies on every open
   * @param badReplicaReporter told about each replica whose checksums fail; may be null
   * @param user who asks the DataNode for block paths (the DataNode only answers the users its
   *     {@code dfs.block.local-path-access.user} names)
   */
  MappedLocalBlocks(HdfsDataInputStream in, Configuration conf, UserGroupInformation user, String path,
      boolean verifyChecksums, VerifiedReplicas verifiedReplicas, BadReplicaReporter badReplicaReporter) {
    this.in = in;
    this.verifiedReplicas = verifiedReplicas;
    this.badReplicaReporter = badReplicaReporter;
    this.path = path;
    this.verifyChecksums = verifyChecksums;
    this.user = user;
    this.socketTimeout = conf.getInt("dfs.client.socket-timeout", 60_000);
    this.connectToDataNodeViaHostname = conf.getBoolean("dfs.client.use.datanode.hostname", false);
    // A local DataNode that died must not make every read wait through ten connection retries.
    this.rpcConf = new Configuration(conf);
    rpcConf.setInt("ipc.client.connect.max.retries", 1);
    rpcConf.setInt("ipc.client.connect.max.retries.on.timeouts", 1);
  }

  /**
   * A zero-copy view of {@code [position, position + length)} of the file, or {@code null} when
   * this range cannot be served from a mapped local block (the caller then reads normally).
   */
  Buffer read(long position, long length) throws IOException {
    if (closed || length <= 0) {
      return null;
    }
    List<LocatedBlock> located = locatedBlocks();
    int index = blockIndex(located, position);
    if (index < 0) {
      return null;
    }
    LocatedBlock block = located.get(index);
    long offsetInBlock = position - block.getStartOffset();
    if (offsetInBlock + length > block.getBlockSize()) {
      return null; // spans two blocks: one view cannot cover two mappings
    }
    // Each local replica gets one chance: a replica whose checksums fail is skipped and the next
    // local one is mapped; when none is left the caller's normal path reads a remote replica.
    for (int attempt = 0; attempt <= block.getLocations().length; attempt++) {
      MappedBlock mapped = mappedBlock(index, block);
      if (mapped == null) {
        return null;
      }
      try {
        mapped.verify(offsetInBlock, length);
      } catch (InternalError e) {
        // The JVM's answer to a fault while copying from the mapping: the block file shrank.
        dropChangedReplica(index, mapped, e.toString());
        return null;
      } catch (ChecksumException e) {
        if (mapped.changedOnDisk()) { // truncated (new generation stamp) or rewritten: not corruption
          dropChangedReplica(index, mapped, e.getMessage());
          return null;
        }
        LOG.warn("Checksum error in local replica {} of {} on {}; trying another replica: {}",
            mapped.blockFile, path, mapped.dataNode, e.getMessage());
        badReplicas.computeIfAbsent(index, i -> ConcurrentHashMap.newKeySet()).add(mapped.dataNode);
        blocks.remove(index, mapped);
        reportBadReplica(block, mapped.dataNode);
        continue;
      }
      zeroCopyBytes.addAndGet(length);
      return mapped.view(offsetInBlock, length);
    }
    return null;
  }

  /**
   * A replica that changed under its mapping (HDFS {@code truncate} shrinks a finalized block file
   * in place and gives it a new generation stamp; or someone shrank it on the DataNode's disk) is
   * no longer mapped by this file: the block's located information is stale too, so the caller's
   * normal path, which asks the DataNode, serves this block from now on. Views handed out before
   * keep their mapping; only pages past the new end fault, and reads through a view raise
   * {@link InternalError} there rather than crash.
   */
  private void dropChangedReplica(int index, MappedBlock mapped, String why) {
    LOG.info("Local replica {} of {} changed under its mapping ({}); reading the block through the DataNode",
        mapped.blockFile, path, why);
    blocks.replace(index, mapped, UNAVAILABLE);
  }

  private void reportBadReplica(LocatedBlock block, String dataNodeUuid) {
    if (badReplicaReporter == null) {
      return;
    }
    for (DatanodeInfo dataNode : block.getLocations()) {
      if (dataNode.getDatanodeUuid().equals(dataNodeUuid)) {
        try {
          badReplicaReporter.report(new LocatedBlock(block.getBlock(), new DatanodeInfo[] {dataNode}));
        } catch (IOException | RuntimeException e) {
          LOG.warn("Could not report corrupt replica of {} on {} to the NameNode: {}", block.getBlock(), dataNode, e.toString());
        }
      }
    }
  }

  /** Bytes handed out as views of mapped blocks so far. */
  long zeroCopyBytesRead() {
    return zeroCopyBytes.get();
  }

  /** The mapping of a block, for tests that check a view's address lies inside it. */
  Buffer mappingOf(long position) throws IOException {
    List<LocatedBlock> located = locatedBlocks();
    int index = blockIndex(located, position);
    Object state = index < 0 ? null : blocks.get(index);
    return state instanceof MappedBlock mapped ? mapped.mapping : null;
  }

  private List<LocatedBlock> locatedBlocks() throws IOException {
    List<LocatedBlock> located = locatedBlocks;
    if (located == null) {
      located = List.copyOf(in.getAllBlocks());
      locatedBlocks = located;
    }
    return located;
  }

  private static int blockIndex(List<LocatedBlock> located, long position) {
    int low = 0;
    int high = located.size() - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      LocatedBlock block = located.get(mid);
      if (position < block.getStartOffset()) {
        high = mid - 1;
      } else if (position >= block.getStartOffset() + block.getBlockSize()) {
        low = mid + 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  private MappedBlock mappedBlock(int index, LocatedBlock block) {
    Object state = blocks.get(index);
    if (state == null) {
      // Two threads may map the same block at once; one mapping wins, the other is dropped (GC unmaps it).
      state = blocks.computeIfAbsent(index, i -> mapOrUnavailable(block, badReplicas.getOrDefault(i, Set.of())));
    }
    return state instanceof MappedBlock mapped ? mapped : null;
  }

  private Object mapOrUnavailable(LocatedBlock block, Set<String> skippedDataNodes) {
    if (block.isCorrupt() || block.isStriped() || block.getBlockSize() == 0
        || block.getBlockSize() > Integer.MAX_VALUE) {
      return UNAVAILABLE;
    }
    for (DatanodeInfo dataNode : block.getLocations()) {
      try {
        if (skippedDataNodes.contains(dataNode.getDatanodeUuid()) || !isLocal(dataNode)) {
          continue;
        }
        BlockLocalPathInfo info = proxy(dataNode).getBlockLocalPathInfo(block.getBlock(), block.getBlockToken());
        if (info == null) {
          continue;
        }
        return MappedBlock.map(block, dataNode.getDatanodeUuid(), info, verifyChecksums, verifiedReplicas);
      } catch (IOException | RuntimeException e) {
        LOG.debug("Block {} of {} cannot be mapped from {}: {}", block.getBlock(), path, dataNode, e.toString());
      }
    }
    return UNAVAILABLE;
  }

  private static boolean isLocal(DatanodeInfo dataNode) throws IOException {
    InetSocketAddress address = new InetSocketAddress(dataNode.getIpAddr(), dataNode.getXferPort());
    return !address.isUnresolved() && DFSUtilClient.isLocalAddress(address);
  }

  private synchronized ClientDatanodeProtocol proxy(DatanodeInfo dataNode) throws IOException {
    if (closed) {
      throw new IOException("closed");
    }
    String key = dataNode.getIpcAddr(false);
    ClientDatanodeProtocol proxy = proxies.get(key);
    if (proxy == null) {
      try {
        proxy = user.doAs((PrivilegedExceptionAction<ClientDatanodeProtocol>) () ->
            DFSUtilClient.createClientDatanodeProtocolProxy(dataNode, rpcConf, socketTimeout,
                connectToDataNodeViaHostname));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while connecting to " + key);
      }
      proxies.put(key, proxy);
    }
    return proxy;
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (ClientDatanodeProtocol proxy : proxies.values()) {
      RPC.stopProxy(proxy);
    }
    proxies.clear();
  }

  /** One finalized local replica, mapped read-only, with its checksums. */
  private static final class MappedBlock {
    /** UUID of the DataNode holding this replica. */
    final String dataNode;
    final Path blockFile;
    /** The {@code .meta} file, whose name carries the generation stamp; null without checksums. */
    final Path metaFile;
    final int length;
    /** The whole block as a buffer; views are slices of it, so they keep the mapping reachable. */
    final Buffer mapping;
    /** Null when checksums are not verified (the caller opted out, or the replica has none). */
    final MappedBlockChecksums checksums;

    private MappedBlock(String dataNode, Path blockFile, Path metaFile, int length, MappedByteBuffer data,
        MappedBlockChecksums checksums) {
      this.dataNode = dataNode;
      this.blockFile = blockFile;
      this.metaFile = metaFile;
      this.length = length;
      long address;
      try (Buffer wrapped = Buffer.wrap(data)) {
        address = wrapped.address();
      }
      this.mapping = Buffer.foreign(address, length, data);
      this.checksums = checksums;
    }

    static MappedBlock map(LocatedBlock block, String dataNode, BlockLocalPathInfo info, boolean verifyChecksums,
        VerifiedReplicas verifiedReplicas) throws IOException {
      Path blockFile = Path.of(info.getBlockPath());
      // Finalized replicas live under ".../current/finalized/"; anything else (rbw, temporary)
      // may still change under a mapping.
      if (!blockFile.toString().contains("/finalized/")) {
        throw new IOException("replica is not finalized: " + blockFile);
      }
      int length = Math.toIntExact(block.getBlockSize());
      boolean remember = verifyChecksums && verifiedReplicas != null;
      VerifiedReplicas.FileIdentity blockBefore = remember ? VerifiedReplicas.FileIdentity.of(blockFile) : null;
      MappedByteBuffer data;
      try (FileChannel channel = FileChannel.open(blockFile, StandardOpenOption.READ)) {
        if (channel.size() != length) {
          throw new IOException("block file " + blockFile + " has " + channel.size() + " bytes, expected " + length);
        }
        data = channel.map(FileChannel.MapMode.READ_ONLY, 0, length);
      }
      if (!verifyChecksums) {
        return new MappedBlock(dataNode, blockFile, null, length, data, null);
      }
      Path metaFile = Path.of(info.getMetaPath());
      IntFunction<VerifiedChunks> verifiedChunks = VerifiedChunks::new;
      if (remember) {
        // The same file before and after the mapping (nothing replaced or rewrote it meanwhile):
        // the mapping shows the replica this identity names, so its record may be shared.
        VerifiedReplicas.FileIdentity blockAfter = VerifiedReplicas.FileIdentity.of(blockFile);
        if (blockAfter.equals(blockBefore)) {
          ExtendedBlock replica = block.getBlock();
          VerifiedReplicas.Key key = new VerifiedReplicas.Key(replica.getBlockPoolId(), replica.getBlockId(),
              replica.getGenerationStamp(), length, blockAfter, VerifiedReplicas.FileIdentity.of(metaFile));
          verifiedChunks = chunks -> verifiedReplicas.chunksOf(key, chunks);
        }
      }
      MappedBlockChecksums checksums = MappedBlockChecksums.read(metaFile, data, length, blockFile.toString(),
          block.getStartOffset(), verifiedChunks);
      return new MappedBlock(dataNode, blockFile, checksums == null ? null : metaFile, length, data, checksums);
    }

    /**
     * Whether the replica on disk is no longer the one mapped: its block file has another length,
     * or its {@code .meta} file (named after the generation stamp) is gone, as after a truncate.
     */
    boolean changedOnDisk() {
      try {
        return Files.size(blockFile) != length || (metaFile != null && !Files.exists(metaFile));
      } catch (IOException e) {
        return true; // the block file is gone
      }
    }

    Buffer view(long offsetInBlock, long viewLength) {
      return mapping.slice(offsetInBlock, viewLength);
    }

    /**
     * Verifies every not yet verified chunk that overlaps {@code [offset, offset + count)}.
     *
     * @throws InternalError when the mapping faulted (the block file shrank)
     */
    void verify(long offset, long count) throws ChecksumException {
      if (checksums != null) {
        checksums.verify(offset, count);
      }
    }
  }
}
