package io.sluice.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-process record of verified replicas (VerifiedReplicas, VerifiedChunks), without a cluster. */
class VerifiedReplicasTest {
  @TempDir
  Path dir;

  private static VerifiedReplicas.Key key(long generationStamp, VerifiedReplicas.FileIdentity file) {
    return new VerifiedReplicas.Key("BP-1", 1073741825L, generationStamp, 4096, file, file);
  }

  private Path file(String name, int size) throws IOException {
    Path path = dir.resolve(name);
    Files.write(path, new byte[size]);
    return path;
  }

  @Test
  void chunksAreRecordedInRunsAndTheBitsAreDroppedOnceAllAreVerified() {
    VerifiedChunks chunks = new VerifiedChunks(10);
    assertFalse(chunks.isComplete());
    assertEquals(0, chunks.nextUnverified(0, 10));
    assertEquals(10, chunks.nextVerified(0, 10));
    chunks.markVerified(2, 5);
    assertEquals(0, chunks.nextUnverified(0, 10));
    assertEquals(2, chunks.nextVerified(0, 10));
    assertEquals(5, chunks.nextUnverified(2, 10));
    assertEquals(4, chunks.nextUnverified(2, 4), "end when every chunk of the range is verified");
    chunks.markVerified(0, 2);
    chunks.markVerified(5, 10);
    assertTrue(chunks.isComplete());
    assertEquals(10, chunks.nextUnverified(0, 10));
    assertTrue(new VerifiedChunks(0).isComplete(), "an empty block has nothing to verify");
    IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> new VerifiedChunks(3).markVerified(2, 4));
    assertEquals("chunks [2, 4) outside [0, 3)", e.getMessage());
    assertEquals("chunk count must not be negative: -1",
        assertThrows(IllegalArgumentException.class, () -> new VerifiedChunks(-1)).getMessage());
  }

  @Test
  void theSameReplicaSharesOneRecordAndAnyChangeOfItsIdentityGetsAFreshOne() throws IOException {
    VerifiedReplicas replicas = new VerifiedReplicas(8);
    VerifiedReplicas.FileIdentity identity = VerifiedReplicas.FileIdentity.of(file("blk", 4096));
    VerifiedChunks first = replicas.chunksOf(key(1001, identity), 8);
    first.markVerified(0, 8);
    assertSame(first, replicas.chunksOf(key(1001, identity), 8));
    assertNotSame(first, replicas.chunksOf(key(1002, identity), 8), "new generation stamp");
    assertFalse(replicas.chunksOf(key(1002, identity), 8).isComplete());
    VerifiedReplicas.FileIdentity otherFile = VerifiedReplicas.FileIdentity.of(file("blk-copy", 4096));
    assertNotEquals(identity, otherFile, "another inode");
    assertNotSame(first, replicas.chunksOf(key(1001, otherFile), 8));
    assertNotSame(first, replicas.chunksOf(new VerifiedReplicas.Key("BP-1", 1073741825L, 1001, 4096, identity, otherFile), 8),
        "another .meta file");
    assertEquals(4, replicas.size());
  }

  @Test
  void rewritingAFileInPlaceWithTheSameSizeChangesItsIdentity() throws Exception {
    Path block = file("blk_rewritten", 4096);
    VerifiedReplicas.FileIdentity before = VerifiedReplicas.FileIdentity.of(block);
    assertEquals(before, VerifiedReplicas.FileIdentity.of(block), "nothing changed: same identity");
    // File times advance in kernel clock ticks (a few ms): a write in the same tick keeps them.
    // That is the residual risk the class comment names; here the write comes in a later tick.
    TestData.waitForFileTimesToPass(block);
    try (RandomAccessFile raf = new RandomAccessFile(block.toFile(), "rw")) {
      raf.seek(100);
      raf.write(0); // the same byte: content and size unchanged, only the times move
    }
    VerifiedReplicas.FileIdentity after = VerifiedReplicas.FileIdentity.of(block);
    assertEquals(before.size(), after.size());
    assertEquals(before.fileKey(), after.fileKey());
    assertNotEquals(before, after, "a write moves the modification and status-change times");
  }

  @Test
  void theLeastRecentlyUsedReplicaIsForgottenPastTheCapacity() throws IOException {
    VerifiedReplicas replicas = new VerifiedReplicas(2);
    VerifiedReplicas.FileIdentity identity = VerifiedReplicas.FileIdentity.of(file("blk", 4096));
    VerifiedChunks one = replicas.chunksOf(key(1, identity), 4);
    VerifiedChunks two = replicas.chunksOf(key(2, identity), 4);
    assertSame(one, replicas.chunksOf(key(1, identity), 4)); // 1 is now the most recently used
    replicas.chunksOf(key(3, identity), 4);
    assertEquals(2, replicas.size());
    assertSame(one, replicas.chunksOf(key(1, identity), 4));
    assertNotSame(two, replicas.chunksOf(key(2, identity), 4), "2 was forgotten");
    assertEquals("capacity must be positive: 0",
        assertThrows(IllegalArgumentException.class, () -> new VerifiedReplicas(0)).getMessage());
  }

  @Test
  void twoThreadsRecordingChunksOfOneReplicaLoseNoChunk() throws Exception {
    VerifiedReplicas replicas = new VerifiedReplicas(4);
    VerifiedReplicas.FileIdentity identity = VerifiedReplicas.FileIdentity.of(file("blk", 4096));
    for (int round = 0; round < 2000; round++) {
      VerifiedReplicas.Key key = key(round, identity);
      int chunks = 64;
      CyclicBarrier start = new CyclicBarrier(2);
      Thread other = new Thread(() -> {
        await(start);
        for (int chunk = 1; chunk < chunks; chunk += 2) {
          replicas.chunksOf(key, chunks).markVerified(chunk, chunk + 1);
        }
      });
      other.start();
      await(start);
      for (int chunk = 0; chunk < chunks; chunk += 2) {
        replicas.chunksOf(key, chunks).markVerified(chunk, chunk + 1);
      }
      other.join();
      assertTrue(replicas.chunksOf(key, chunks).isComplete(), "round " + round);
    }
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theSwitchIsOnByDefaultAndSurvivesSerialization() throws Exception {
    HdfsOptions on = HdfsOptions.builder().build();
    HdfsOptions off = HdfsOptions.builder().rememberVerifiedReplicas(false).build();
    assertTrue(on.rememberVerifiedReplicas());
    assertFalse(off.rememberVerifiedReplicas());
    assertNotEquals(on, off);
    assertFalse(off.toBuilder().build().rememberVerifiedReplicas());
    assertTrue(off.toString().endsWith(", rememberVerifiedReplicas=false)"), off.toString());
    assertEquals("false", off.toConfiguration().get(HdfsOptions.REMEMBER_VERIFIED_REPLICAS_KEY));
    assertEquals(null, on.toConfiguration().get(HdfsOptions.REMEMBER_VERIFIED_REPLICAS_KEY), "default: not set, true");
    for (HdfsOptions options : new HdfsOptions[] {on, off}) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(options);
      }
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        HdfsOptions back = (HdfsOptions) in.readObject();
        assertEquals(options, back);
        assertEquals(options.rememberVerifiedReplicas(), back.rememberVerifiedReplicas());
      }
    }
  }
}
