package io.sluice.bench.local;

import io.sluice.bench.ForkFlags;
import io.sluice.local.MemoryMappedFile;
import io.sluice.local.OSFile;
import io.sluice.io.NativeFile;
import io.sluice.memory.Buffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 16 KiB positional reads at random offsets of a 1 GiB file in the page cache, into a new
 * {@code byte[]} each (what {@code readAt} returns), from 1, 2 and 8 threads sharing one open file.
 * Offsets come from a per-thread seeded generator, the same sequence for every reader.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX})
public class RandomPositionalRead {
  static final int READ_SIZE = 16 * 1024;

  /** The competitors. */
  public enum Reader {
    /** {@code MemoryMappedFile.readAt}: a copy out of the mapping. */
    SLUICE_MMAP_READAT,
    /** {@code OSFile.readAt}: a {@code pread} (through an aligned staging buffer) into a new array. */
    SLUICE_OSFILE_READAT,
    /**
     * {@code OSFile.readBufferAt} into pool memory, then {@code close()}: the same bytes without a
     * heap array, the yardstick for {@code readAt} (issue 16 asks {@code readAt} >= 0.9x of it).
     */
    SLUICE_OSFILE_READBUFFERAT,
    /** {@code FileChannel.read(ByteBuffer.wrap(new byte[16384]), position)}. */
    FILECHANNEL_PREAD
  }

  @Param({"1073741824"})
  public long fileSize;

  @Param
  public Reader reader;

  private NativeFile file;
  private FileChannel channel;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path path = BenchFile.ensure(fileSize);
    switch (reader) {
      case SLUICE_MMAP_READAT -> file = MemoryMappedFile.open(path.toString(), "r");
      case SLUICE_OSFILE_READAT, SLUICE_OSFILE_READBUFFERAT -> file = new OSFile(path.toString(), "rb");
      case FILECHANNEL_PREAD -> channel = FileChannel.open(path, StandardOpenOption.READ);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    if (file != null) {
      file.close();
    }
    if (channel != null) {
      channel.close();
    }
  }

  /** Per-thread offsets. */
  @State(Scope.Thread)
  public static class Offsets {
    private SplittableRandom random;

    @Setup(Level.Trial)
    public void setUp() {
      random = new SplittableRandom(Thread.currentThread().getId());
    }
  }

  private Object readOnce(Offsets offsets) throws IOException {
    long position = offsets.random.nextLong(fileSize - READ_SIZE);
    if (reader == Reader.SLUICE_OSFILE_READBUFFERAT) {
      try (Buffer buffer = file.readBufferAt(position, READ_SIZE)) {
        return buffer.getByte(0) + buffer.getByte(READ_SIZE - 1) + buffer.size();
      }
    }
    if (reader == Reader.FILECHANNEL_PREAD) {
      byte[] out = new byte[READ_SIZE];
      ByteBuffer dst = ByteBuffer.wrap(out);
      while (dst.hasRemaining()) {
        channel.read(dst, position + dst.position());
      }
      return out;
    }
    return file.readAt(position, READ_SIZE);
  }

  @Benchmark
  @Threads(1)
  public Object threads1(Offsets offsets) throws IOException {
    return readOnce(offsets);
  }

  @Benchmark
  @Threads(2)
  public Object threads2(Offsets offsets) throws IOException {
    return readOnce(offsets);
  }

  @Benchmark
  @Threads(8)
  public Object threads8(Offsets offsets) throws IOException {
    return readOnce(offsets);
  }
}
