package io.sluice.bench.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Checks that each IO benchmark does what its name says for every competitor (same bytes
 * written, same bytes read, memory freed by the leak extension's count). No timing.
 */
class IoBenchmarksTest {

  @ParameterizedTest
  @ValueSource(ints = {16, 4096, 65536})
  void everyWriterProducesTheSameValue(int chunk) throws IOException {
    long expected = -1;
    for (OutputStreamWrite.Writer writer : OutputStreamWrite.Writer.values()) {
      OutputStreamWrite benchmark = new OutputStreamWrite();
      benchmark.chunk = chunk;
      benchmark.totalBytes = 4L << 20;
      benchmark.writer = writer;
      benchmark.setUp();
      long checksum = benchmark.writeThenTakeValue();
      if (expected == -1) {
        expected = checksum;
      }
      assertEquals(expected, checksum, writer.name());
    }
    assertEquals((4L << 20) + (byte) ((chunk - 1) * 31 + 7), expected);
  }

  @ParameterizedTest
  @EnumSource(ReadAtRandom.Read.class)
  void everyRandomReaderReadsTheRightBytes(ReadAtRandom.Read read) throws IOException {
    ReadAtRandom.SharedFile shared = new ReadAtRandom.SharedFile();
    shared.read = read;
    shared.setUp();
    try {
      ReadAtRandom.PerThread thread = new ReadAtRandom.PerThread();
      thread.setUp(shared);
      thread.random = new SplittableRandom(42);
      ReadAtRandom.PerThread offsets = new ReadAtRandom.PerThread();
      offsets.random = new SplittableRandom(42);
      ReadAtRandom benchmark = new ReadAtRandom();
      for (int i = 0; i < 1000; i++) {
        long offset = offsets.nextOffset();
        assertEquals(shared.source.getByte(offset + ReadAtRandom.READ_SIZE - 1), benchmark.read4k(shared, thread));
      }
    } finally {
      shared.tearDown();
    }
  }

  @ParameterizedTest
  @EnumSource(ReadBufferZeroCopy.Read.class)
  void everyBufferReadSeesTheSourceBytes(ReadBufferZeroCopy.Read read) throws IOException {
    ReadBufferZeroCopy benchmark = new ReadBufferZeroCopy();
    benchmark.read = read;
    benchmark.size = 16L << 20;
    benchmark.setUp();
    try {
      Blackhole blackhole = new Blackhole(
          "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
      assertEquals((byte) (((16L << 20) - 4096) >>> 12), benchmark.readBuffer(blackhole));
      blackhole.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
    } finally {
      benchmark.tearDown();
    }
  }
}
