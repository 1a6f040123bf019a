package io.sluice.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.io.contract.SequentialReaderContract;
import io.sluice.io.contract.TestData;
import io.sluice.io.contract.WriterContract;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FixedSizeBufferWriterTest extends WriterContract {
  static final int CAPACITY = 400_000;
  private final List<MutableBuffer> targets = new ArrayList<>();

  @AfterEach
  void closeTargets() {
    targets.forEach(MutableBuffer::close);
  }

  MutableBuffer newTarget() {
    MutableBuffer target = MemoryPools.defaultPool().allocate(CAPACITY);
    target.fill((byte) 0);
    targets.add(target);
    return target;
  }

  @Override
  protected NativeFile openWriter() {
    return new FixedSizeBufferWriter(newTarget());
  }

  @Override
  protected byte[] finish(NativeFile writer) throws IOException {
    writer.close();
    return targets.get(targets.size() - 1).toByteArray();
  }

  @Override
  protected long capacity() {
    return CAPACITY;
  }

  @Test
  void closingLeavesTheTargetOpen() throws IOException {
    MutableBuffer target = newTarget();
    new FixedSizeBufferWriter(target).close();
    assertFalse(target.isReleased());
  }

  @Test
  void parallelCopyWritesExactBytes() throws IOException {
    byte[] content = TestData.bytes(CAPACITY - 501);
    for (int threads : new int[] {2, 3, 8}) {
      for (long blocksize : new long[] {1, 64, 4096, 1 << 20}) {
        MutableBuffer target = newTarget();
        try (FixedSizeBufferWriter writer = new FixedSizeBufferWriter(target)) {
          writer.setMemcopyThreads(threads);
          writer.setMemcopyBlocksize(blocksize);
          writer.setMemcopyThreshold(1000);
          writer.write(new byte[] {7});
          writer.write(content);
          writer.write(new byte[500]); // below the threshold
          assertThrows(java.io.EOFException.class, () -> writer.write(new byte[1]));
        }
        byte[] got = target.toByteArray();
        assertEquals(7, got[0]);
        assertArrayEquals(content, TestData.slice(got, 1, CAPACITY - 500), threads + " threads, blocks of " + blocksize);
      }
    }
  }

  @Test
  void memcopySettingsRejectBadValues() {
    FixedSizeBufferWriter writer = new FixedSizeBufferWriter(newTarget());
    SequentialReaderContract.assertMessageContains("0",
        assertThrows(IllegalArgumentException.class, () -> writer.setMemcopyThreads(0)));
    SequentialReaderContract.assertMessageContains("-1",
        assertThrows(IllegalArgumentException.class, () -> writer.setMemcopyBlocksize(-1)));
    SequentialReaderContract.assertMessageContains("-2",
        assertThrows(IllegalArgumentException.class, () -> writer.setMemcopyThreshold(-2)));
  }

  /** The same contract with every write copied by four threads. */
  @Nested
  class Parallel extends WriterContract {
    @Override
    protected NativeFile openWriter() {
      FixedSizeBufferWriter writer = new FixedSizeBufferWriter(newTarget());
      writer.setMemcopyThreads(4);
      writer.setMemcopyThreshold(0);
      writer.setMemcopyBlocksize(8);
      return writer;
    }

    @Override
    protected byte[] finish(NativeFile writer) throws IOException {
      return FixedSizeBufferWriterTest.this.finish(writer);
    }

    @Override
    protected long capacity() {
      return CAPACITY;
    }
  }
}
