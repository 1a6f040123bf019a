package io.sluice.hdfs;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.hdfs.server.datanode.BlockMetadataHeader;
import org.apache.hadoop.util.DataChecksum;

/**
 * The stored checksums of one mapped HDFS block replica and their verification, once per chunk,
 * without ever handing the mapping itself to the CRC intrinsics.
 *
 * <p>The bytes are first copied from the mapping into a small per-thread heap array,
 * {@link #COPY_CHUNK_BYTES} at a time, and the checksum runs over that copy: the copy is an ordinary
 * JVM memory access, which the JVM turns into an {@link InternalError} when the block file shrank
 * under the mapping, whereas the CRC32C and CRC32 intrinsics read memory in stub code the JVM does
 * not guard, where the same fault is SIGBUS (issue 10, scenario 5). A copy chunk of 16 KiB stays in
 * the 32 KiB L1 data cache, so the checksum reads the copy from L1.
 *
 * <p>Which chunks were verified is kept in a {@link VerifiedChunks}: private to this mapping, or
 * shared by every open of the same unchanged replica in this process ({@link VerifiedReplicas}).
 *
 * <p>Thread-safe: chunks are marked verified under a lock; two threads may verify the same chunk
 * at once, which is harmless.
 */
final class MappedBlockChecksums {
  /** Bytes copied from a mapping into the heap per verification step: half the L1 data cache. */
  static final int COPY_CHUNK_BYTES = 16 * 1024;
  /**
   * The copy step in use: {@link #COPY_CHUNK_BYTES}; changed only by the benchmark, which compares
   * it with the 64 KiB of the first safe route.
   */
  static int copyChunkBytesForBenchmark = COPY_CHUNK_BYTES;
  /** Each thread's copy buffer. */
  private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[COPY_CHUNK_BYTES]);
  /**
   * Benchmark-only switch (issue 10's measurement): verify CRC32C/CRC32 in place over the mapping,
   * the route that crashes with SIGBUS when the block file shrinks. Never set outside the benchmark.
   */
  static boolean inPlaceChecksumsForBenchmark = Boolean.getBoolean("sluice.bench.hdfsInPlaceChecksums");

  private final ByteBuffer data;
  private final int length;
  /** Named in checksum errors (the block file). */
  private final String blockName;
  /** Where the block starts in the HDFS file, for positions in checksum errors. */
  private final long fileOffset;
  private final DataChecksum.Type type;
  private final int bytesPerChecksum;
  /**
   * The stored checksums (big-endian, one per chunk), read into the heap once: a mapping of the
   * {@code .meta} file could shrink under us like the block file.
   */
  private final ByteBuffer checksums;
  /** Chunks already verified (maybe by another open of the same replica). */
  private final VerifiedChunks verified;
  /** Bytes run through a checksum by every instance of this process: lets tests see what was verified. */
  private static final LongAdder BYTES_VERIFIED = new LongAdder();

  /**
   * Checksums of {@code data} (the mapped block, position 0 = first byte of the block, at least
   * {@code length} bytes), {@code checksums} holding one stored checksum per chunk.
   */
  MappedBlockChecksums(ByteBuffer data, int length, String blockName, long fileOffset, DataChecksum.Type type,
      int bytesPerChecksum, ByteBuffer checksums) {
    this(data, length, blockName, fileOffset, type, bytesPerChecksum, checksums, VerifiedChunks::new);
  }

  /**
   * As above, with the record of verified chunks from {@code verifiedChunks} (given the chunk
   * count): a shared one makes chunks verified by another open of the same replica count here.
   */
  MappedBlockChecksums(ByteBuffer data, int length, String blockName, long fileOffset, DataChecksum.Type type,
      int bytesPerChecksum, ByteBuffer checksums, IntFunction<VerifiedChunks> verifiedChunks) {
    this.data = Objects.requireNonNull(data, "data");
    this.blockName = Objects.requireNonNull(blockName, "blockName");
    this.type = Objects.requireNonNull(type, "type");
    Objects.requireNonNull(checksums, "checksums");
    if (length < 0 || length > data.capacity()) {
      throw new IllegalArgumentException("block length " + length + " outside the mapping of " + data.capacity() + " bytes");
    }
    if (bytesPerChecksum <= 0) {
      throw new IllegalArgumentException("bytesPerChecksum must be positive: " + bytesPerChecksum);
    }
    long chunks = (length + (long) bytesPerChecksum - 1) / bytesPerChecksum;
    if (checksums.remaining() != chunks * type.size) {
      throw new IllegalArgumentException(checksums.remaining() + " bytes of checksums for " + chunks + " chunks of "
          + type + " (" + type.size + " bytes each) in " + blockName);
    }
    this.length = length;
    this.fileOffset = fileOffset;
    this.bytesPerChecksum = bytesPerChecksum;
    this.checksums = checksums.slice();
    this.verified = verifiedChunks.apply((int) chunks);
    if (verified.count() != chunks) {
      throw new IllegalArgumentException("record of " + verified.count() + " verified chunks for " + chunks
          + " chunks of " + blockName);
    }
  }

  /** Bytes run through a checksum so far by this process (every block, every open). */
  static long bytesVerifiedInProcess() {
    return BYTES_VERIFIED.sum();
  }

  /**
   * Reads the checksums of a block of {@code length} bytes from its {@code .meta} file (a
   * {@link BlockMetadataHeader} followed by one checksum per chunk); null when the replica has
   * none ({@code DataChecksum.Type.NULL}).
   */
  static MappedBlockChecksums read(Path metaFile, ByteBuffer data, int length, String blockName, long fileOffset)
      throws IOException {
    return read(metaFile, data, length, blockName, fileOffset, VerifiedChunks::new);
  }

  /** As above, with the record of verified chunks from {@code verifiedChunks} (given the chunk count). */
  static MappedBlockChecksums read(Path metaFile, ByteBuffer data, int length, String blockName, long fileOffset,
      IntFunction<VerifiedChunks> verifiedChunks) throws IOException {
    DataChecksum checksum;
    try (DataInputStream meta = new DataInputStream(new BufferedInputStream(Files.newInputStream(metaFile)))) {
      checksum = BlockMetadataHeader.readDataChecksum(meta, metaFile);
    }
    if (checksum.getChecksumSize() == 0) { // DataChecksum.Type.NULL: nothing to verify
      return null;
    }
    int bytesPerChecksum = checksum.getBytesPerChecksum();
    long chunks = (length + (long) bytesPerChecksum - 1) / bytesPerChecksum;
    long checksumBytes = chunks * checksum.getChecksumSize();
    ByteBuffer checksums;
    try (FileChannel channel = FileChannel.open(metaFile, StandardOpenOption.READ)) {
      long headerSize = BlockMetadataHeader.getHeaderSize();
      if (channel.size() < headerSize + checksumBytes) {
        throw new IOException("meta file " + metaFile + " has " + channel.size() + " bytes, expected "
            + (headerSize + checksumBytes));
      }
      checksums = ByteBuffer.allocate(Math.toIntExact(checksumBytes));
      while (checksums.hasRemaining()) {
        if (channel.read(checksums, headerSize + checksums.position()) < 0) {
          throw new IOException("meta file " + metaFile + " ended at " + (headerSize + checksums.position())
              + " bytes, expected " + (headerSize + checksumBytes));
        }
      }
      checksums.flip();
    }
    return new MappedBlockChecksums(data, length, blockName, fileOffset, checksum.getChecksumType(), bytesPerChecksum,
        checksums, verifiedChunks);
  }

  /**
   * Verifies every not yet verified chunk that overlaps {@code [offset, offset + count)} of the block.
   *
   * @throws ChecksumException naming the block file and the file position of the first bad chunk
   * @throws InternalError when the mapping faulted while copying (the block file shrank)
   */
  void verify(long offset, long count) throws ChecksumException {
    if (offset < 0 || count < 0 || offset + count > length) {
      throw new IndexOutOfBoundsException("range [" + offset + ", " + (offset + count) + ") outside block "
          + blockName + " of " + length + " bytes");
    }
    if (count == 0 || verified.isComplete()) {
      return;
    }
    int first = (int) (offset / bytesPerChecksum);
    int end = (int) ((offset + count - 1) / bytesPerChecksum) + 1;
    int chunk = first;
    while (chunk < end) {
      int runStart = verified.nextUnverified(chunk, end);
      if (runStart >= end) {
        return;
      }
      int runEnd = verified.nextVerified(runStart, end);
      verifyChunks(runStart, runEnd);
      verified.markVerified(runStart, runEnd);
      chunk = runEnd;
    }
  }

  /** Verifies chunks {@code [firstChunk, endChunk)} through the heap copy (see the class comment). */
  private void verifyChunks(int firstChunk, int endChunk) throws ChecksumException {
    if (inPlaceChecksumsForBenchmark) {
      verifyChunksInPlace(firstChunk, endChunk);
      return;
    }
    Checksum crc = switch (type) {
      case CRC32C -> new CRC32C();
      case CRC32 -> new CRC32();
      default -> null;
    };
    int chunksPerCopy = Math.max(1, copyChunkBytesForBenchmark / bytesPerChecksum);
    byte[] copy = scratch(chunksPerCopy * bytesPerChecksum);
    for (int runStart = firstChunk; runStart < endChunk; runStart += chunksPerCopy) {
      int runEnd = Math.min(runStart + chunksPerCopy, endChunk);
      int dataStart = runStart * bytesPerChecksum;
      int dataLength = (int) (Math.min((long) runEnd * bytesPerChecksum, length) - dataStart);
      data.get(dataStart, copy, 0, dataLength);
      BYTES_VERIFIED.add(dataLength);
      if (crc == null) { // other kinds: Hadoop's implementation, over the heap copy
        ByteBuffer chunkSums = checksums.duplicate().limit(runEnd * type.size).position(runStart * type.size);
        // DataChecksum keeps running state, so each verification gets its own.
        DataChecksum checksum = DataChecksum.newDataChecksum(type, bytesPerChecksum);
        checksum.verifyChunkedSums(ByteBuffer.wrap(copy, 0, dataLength), chunkSums, blockName, fileOffset + dataStart);
        continue;
      }
      for (int index = runStart; index < runEnd; index++) {
        int start = (index - runStart) * bytesPerChecksum;
        int end = Math.min(start + bytesPerChecksum, dataLength);
        crc.reset();
        crc.update(copy, start, end - start);
        checkChunk(index, (int) crc.getValue());
      }
    }
  }

  private void checkChunk(int index, int actual) throws ChecksumException {
    int expected = checksums.getInt(index * 4); // big-endian, as DataChecksum writes them
    if (actual != expected) {
      long position = fileOffset + (long) index * bytesPerChecksum;
      throw new ChecksumException(String.format("Checksum %s not matched for %s at position %d: expected=%08X but computed=%08X",
          type, blockName, position, expected, actual), position);
    }
  }

  /**
   * The route before issue 10, kept only so the benchmark can compare against it: CRC32C/CRC32
   * straight over the mapping. A block file that shrinks under it crashes the JVM (SIGBUS).
   */
  private void verifyChunksInPlace(int firstChunk, int endChunk) throws ChecksumException {
    Checksum crc = type == DataChecksum.Type.CRC32 ? new CRC32() : new CRC32C();
    ByteBuffer chunk = data.duplicate();
    for (int index = firstChunk; index < endChunk; index++) {
      int start = index * bytesPerChecksum;
      int end = Math.min(start + bytesPerChecksum, length);
      chunk.limit(end).position(start);
      BYTES_VERIFIED.add(end - start);
      crc.reset();
      crc.update(chunk);
      checkChunk(index, (int) crc.getValue());
    }
  }

  private static byte[] scratch(int size) {
    byte[] copy = SCRATCH.get();
    if (copy.length < size) {
      copy = new byte[size];
      SCRATCH.set(copy);
    }
    return copy;
  }
}
