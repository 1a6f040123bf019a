package io.sluice.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.hdfs.server.datanode.BlockMetadataHeader;
import org.apache.hadoop.util.DataChecksum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Checksum verification of a mapped block, on its own (no cluster): a block file and .meta written here. */
class MappedBlockChecksumsTest {
  private static final int BYTES_PER_CHECKSUM = 512;
  /** Three 16 KiB copy steps and a partial chunk at the end. */
  private static final int LENGTH = 3 * MappedBlockChecksums.COPY_CHUNK_BYTES + 700;

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(value = DataChecksum.Type.class, names = {"CRC32C", "CRC32"})
  void aBlockWithItsOwnChecksumsVerifies(DataChecksum.Type type) throws IOException {
    byte[] bytes = randomBytes(LENGTH);
    MappedBlockChecksums checksums = checksumsOf(bytes, type, bytes);
    checksums.verify(0, LENGTH);
    checksums.verify(LENGTH - 1, 1);
    checksums.verify(5, 0);
  }

  @ParameterizedTest
  @EnumSource(value = DataChecksum.Type.class, names = {"CRC32C", "CRC32"})
  void aCorruptChunkIsNamedWithItsFilePosition(DataChecksum.Type type) throws IOException {
    byte[] stored = randomBytes(LENGTH);
    byte[] onDisk = stored.clone();
    int corruptAt = 2 * MappedBlockChecksums.COPY_CHUNK_BYTES + 3 * BYTES_PER_CHECKSUM + 17; // chunk 67
    onDisk[corruptAt] ^= 0x40;
    MappedBlockChecksums checksums = checksumsOf(stored, type, onDisk);
    checksums.verify(0, corruptAt - 17); // chunks before the bad one pass
    ChecksumException e = assertThrows(ChecksumException.class, () -> checksums.verify(0, LENGTH));
    long position = 1_000_000 + 67 * BYTES_PER_CHECKSUM;
    assertEquals(position, e.getPos());
    assertEquals(String.format("Checksum %s not matched for blk_1 at position %d: expected=%08X but computed=%08X",
        type, position, crc(type, stored, 67), crc(type, onDisk, 67)), e.getMessage());
    // The chunk stays unverified: asking again fails again.
    assertThrows(ChecksumException.class, () -> checksums.verify(corruptAt, 1));
  }

  @Test
  void aPartialLastChunkIsCheckedOverItsRealLength() throws IOException {
    byte[] stored = randomBytes(LENGTH);
    byte[] onDisk = stored.clone();
    onDisk[LENGTH - 1] ^= 1;
    MappedBlockChecksums checksums = checksumsOf(stored, DataChecksum.Type.CRC32C, onDisk);
    ChecksumException e = assertThrows(ChecksumException.class, () -> checksums.verify(LENGTH - 1, 1));
    assertEquals(1_000_000 + (LENGTH / BYTES_PER_CHECKSUM) * BYTES_PER_CHECKSUM, e.getPos());
  }

  @Test
  void eachChunkIsVerifiedOnce() throws IOException {
    byte[] stored = randomBytes(LENGTH);
    ByteBuffer mapping = ByteBuffer.allocateDirect(LENGTH);
    mapping.put(stored).clear();
    MappedBlockChecksums checksums = new MappedBlockChecksums(mapping, LENGTH, "blk_1", 0, DataChecksum.Type.CRC32C,
        BYTES_PER_CHECKSUM, sums(DataChecksum.Type.CRC32C, stored));
    checksums.verify(0, 1024); // chunks 0 and 1
    mapping.put(10, (byte) (stored[10] ^ 1)); // changes a verified chunk: not read again
    mapping.put(1024, (byte) (stored[1024] ^ 1)); // chunk 2, not verified yet
    checksums.verify(0, 1024);
    ChecksumException e = assertThrows(ChecksumException.class, () -> checksums.verify(0, 1025));
    assertEquals(1024, e.getPos());
  }

  @Test
  void rangesOutsideTheBlockAndMismatchedChecksumsAreRefused() {
    ByteBuffer mapping = ByteBuffer.allocateDirect(1000);
    ByteBuffer twoSums = ByteBuffer.allocate(8);
    MappedBlockChecksums checksums =
        new MappedBlockChecksums(mapping, 1000, "blk_2", 0, DataChecksum.Type.CRC32C, 512, twoSums);
    IndexOutOfBoundsException outside = assertThrows(IndexOutOfBoundsException.class, () -> checksums.verify(999, 2));
    assertEquals("range [999, 1001) outside block blk_2 of 1000 bytes", outside.getMessage());
    IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class,
        () -> new MappedBlockChecksums(mapping, 1000, "blk_2", 0, DataChecksum.Type.CRC32C, 512, ByteBuffer.allocate(4)));
    assertEquals("4 bytes of checksums for 2 chunks of CRC32C (4 bytes each) in blk_2", tooFew.getMessage());
    IllegalArgumentException longer = assertThrows(IllegalArgumentException.class,
        () -> new MappedBlockChecksums(mapping, 1001, "blk_2", 0, DataChecksum.Type.CRC32C, 512, twoSums));
    assertEquals("block length 1001 outside the mapping of 1000 bytes", longer.getMessage());
  }

  @Test
  void readsTheMetaFileWrittenTheWayTheDataNodeWritesIt() throws IOException {
    byte[] bytes = randomBytes(LENGTH);
    Path meta = writeMeta(dir.resolve("blk_3_1001.meta"), DataChecksum.Type.CRC32C, bytes);
    MappedBlockChecksums checksums = MappedBlockChecksums.read(meta, map(bytes), LENGTH, "blk_3", 0);
    checksums.verify(0, LENGTH);
    Files.write(meta, java.util.Arrays.copyOf(Files.readAllBytes(meta), (int) Files.size(meta) - 4));
    IOException shortMeta = assertThrows(IOException.class, () -> MappedBlockChecksums.read(meta, map(bytes), LENGTH, "blk_3", 0));
    long expected = BlockMetadataHeader.getHeaderSize() + ((LENGTH + 511) / 512) * 4L;
    assertEquals("meta file " + meta + " has " + (expected - 4) + " bytes, expected " + expected, shortMeta.getMessage());
  }

  // ---------------------------------------------------------------- helpers

  private MappedBlockChecksums checksumsOf(byte[] stored, DataChecksum.Type type, byte[] onDisk) throws IOException {
    return new MappedBlockChecksums(map(onDisk), LENGTH, "blk_1", 1_000_000, type, BYTES_PER_CHECKSUM,
        sums(type, stored));
  }

  /** The bytes as a real read-only file mapping, as MappedLocalBlocks makes them. */
  private MappedByteBuffer map(byte[] bytes) throws IOException {
    Path file = Files.createTempFile(dir, "blk", ".data");
    Files.write(file, bytes);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return channel.map(FileChannel.MapMode.READ_ONLY, 0, bytes.length);
    }
  }

  private static Path writeMeta(Path meta, DataChecksum.Type type, byte[] bytes) throws IOException {
    try (OutputStream file = Files.newOutputStream(meta); DataOutputStream out = new DataOutputStream(file)) {
      BlockMetadataHeader.writeHeader(out, DataChecksum.newDataChecksum(type, BYTES_PER_CHECKSUM));
      ByteBuffer sums = sums(type, bytes);
      out.write(sums.array(), 0, sums.remaining());
    }
    return meta;
  }

  private static ByteBuffer sums(DataChecksum.Type type, byte[] bytes) {
    int chunks = (bytes.length + BYTES_PER_CHECKSUM - 1) / BYTES_PER_CHECKSUM;
    ByteBuffer sums = ByteBuffer.allocate(chunks * 4);
    for (int chunk = 0; chunk < chunks; chunk++) {
      sums.putInt(crc(type, bytes, chunk));
    }
    return sums.flip();
  }

  private static int crc(DataChecksum.Type type, byte[] bytes, int chunk) {
    Checksum crc = type == DataChecksum.Type.CRC32 ? new CRC32() : new CRC32C();
    int start = chunk * BYTES_PER_CHECKSUM;
    crc.update(bytes, start, Math.min(BYTES_PER_CHECKSUM, bytes.length - start));
    return (int) crc.getValue();
  }

  private static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    return bytes;
  }
}
