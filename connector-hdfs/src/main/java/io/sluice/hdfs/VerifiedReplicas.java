package io.sluice.hdfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which chunks of which finalized local replicas this process has already verified against their
 * stored checksums, so that a replica mapped by many opens (every engine reopens its files) is
 * verified once per process instead of once per open.
 *
 * <p>A replica is remembered under its HDFS identity (block pool id, block id, generation stamp,
 * length) <em>and</em> the identity of its block file and {@code .meta} file on this host's disk
 * (device and inode, size, modification and status-change times, {@link FileIdentity}). Anything
 * that rewrites, replaces, truncates or appends to either file through the file system changes
 * that identity, so the next open gets a fresh record and verifies again; HDFS {@code truncate}
 * and {@code append} also change the generation stamp.
 *
 * <p>What is not caught (the residual risk, see the class comment of {@link MappedLocalBlocks}):
 * a change to the block file that keeps its identity. That is a write landing within the same
 * timestamp tick as the earlier verification (file times advance in kernel clock ticks, a few
 * milliseconds) with the size unchanged, or corruption below the file system (media errors,
 * writes to the raw device) after the pages were verified. Hadoop's client skips its checksums
 * only for replicas the DataNode has cached and mlocked (verified once when cached); every other
 * Hadoop read verifies again, and the DataNode's block scanner finds media corruption on disk over
 * time. Turn this off with {@link HdfsOptions.Builder#rememberVerifiedReplicas(boolean)} to verify
 * on every open as Hadoop does.
 *
 * <p>Bounded: at most {@link #DEFAULT_CAPACITY} replicas (least recently used ones are forgotten and
 * simply verified again). A replica verified completely costs a few dozen bytes; a partly verified
 * one keeps one bit per chunk (32 KiB for a 128 MiB block of 512-byte chunks). Thread-safe.
 */
final class VerifiedReplicas {
  /** Replicas remembered by the process-wide instance. */
  static final int DEFAULT_CAPACITY = 1024;
  private static final VerifiedReplicas PROCESS = new VerifiedReplicas(DEFAULT_CAPACITY);

  private final int capacity;
  /** In access order, so the eldest entry is the least recently used; guarded by {@code this}. */
  private final LinkedHashMap<Key, VerifiedChunks> replicas;

  VerifiedReplicas(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
    this.replicas = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, VerifiedChunks> eldest) {
        return size() > VerifiedReplicas.this.capacity;
      }
    };
  }

  /** The instance shared by every file system of this process. */
  static VerifiedReplicas process() {
    return PROCESS;
  }

  /**
   * The verified chunks of the replica {@code key} names, shared with every other open of it:
   * a new record with no chunk verified when this process has none (or one for another chunk
   * count, which a well-formed key never has).
   */
  synchronized VerifiedChunks chunksOf(Key key, int chunkCount) {
    Objects.requireNonNull(key, "key");
    VerifiedChunks chunks = replicas.get(key);
    if (chunks == null || chunks.count() != chunkCount) {
      chunks = new VerifiedChunks(chunkCount);
      replicas.put(key, chunks);
    }
    return chunks;
  }

  /** Replicas remembered now. */
  synchronized int size() {
    return replicas.size();
  }

  /** Forgets every replica (tests and the benchmark's first-read routes). */
  synchronized void clear() {
    replicas.clear();
  }

  /** One replica as it is on this host's disk: HDFS identity plus the files' identities. */
  record Key(String blockPoolId, long blockId, long generationStamp, long blockLength, FileIdentity blockFile,
      FileIdentity metaFile) {
    Key {
      Objects.requireNonNull(blockPoolId, "blockPoolId");
      Objects.requireNonNull(blockFile, "blockFile");
      Objects.requireNonNull(metaFile, "metaFile");
    }
  }

  /**
   * A file's identity on disk: which file (device and inode where the platform says, else the
   * JDK's file key), its size, and its modification and status-change times (the status-change
   * time cannot be set back by a user, unlike the modification time).
   */
  record FileIdentity(Object fileKey, long size, FileTime modified, FileTime changed) {
    static FileIdentity of(Path file) throws IOException {
      try {
        Map<String, Object> unix = Files.readAttributes(file, "unix:dev,ino,size,lastModifiedTime,ctime");
        return new FileIdentity(unix.get("dev") + ":" + unix.get("ino"), (Long) unix.get("size"),
            (FileTime) unix.get("lastModifiedTime"), (FileTime) unix.get("ctime"));
      } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
        BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class);
        if (basic.fileKey() == null) {
          throw new IOException("cannot tell the identity of " + file + ": the file system gives no file key");
        }
        return new FileIdentity(basic.fileKey(), basic.size(), basic.lastModifiedTime(), basic.lastModifiedTime());
      }
    }
  }
}
