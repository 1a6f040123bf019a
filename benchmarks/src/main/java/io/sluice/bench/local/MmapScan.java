package io.sluice.bench.local;

import io.sluice.bench.ForkFlags;
import io.sluice.local.MemoryMappedFile;
import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 16 gap 4: the sum of every little-endian long of a file (one operation = one full pass),
 * with the file memory-mapped and kept open (its pages in the page cache and mapped after the
 * first pass), by each way of reading it, against a roof measured in the same run.
 *
 * <p>The roof ({@code ROOF_LONG_ARRAY_SUM}) is the fastest loop the JVM itself runs over the same
 * bytes: a plain {@code long[]} holding them, summed by a loop the JIT vectorizes. A scan cannot read
 * memory faster than that; the mapped readers add only what reading through their API costs.
 * {@code size} 64 MiB is larger than the last-level cache (memory bandwidth); 256 KiB fits in L2
 * (the per-long cost of each API).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 2, jvmArgsAppend = {ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX})
public class MmapScan {
  /** Longs copied per {@code getLongs} call: 16 KiB, so the array stays in the L1 cache. */
  static final int SCAN_CHUNK_LONGS = 2048;

  /** The readers. */
  public enum Reader {
    /** {@code MemoryMappedFile.readBufferAt(0, size)}, {@code Buffer.getLong} every 8 bytes. */
    SLUICE_MMAP_GETLONG,
    /** The same view, {@code Buffer.getLongs} 2048 at a time into a reused array, summed. */
    SLUICE_MMAP_GETLONGS,
    /** The bytes in pool memory, {@code getLong} every 8 bytes (SequentialFileRead's SLUICE_POOL_SCAN, formerly misnamed MEMORY_SCAN_ROOF). */
    SLUICE_POOL_GETLONG,
    /** The bytes in pool memory, {@code getLongs} 2048 at a time. */
    SLUICE_POOL_GETLONGS,
    /** {@code FileChannel.map}, little-endian {@code MappedByteBuffer.getLong(int)} every 8 bytes. */
    JDK_MAPPED_BYTEBUFFER_GETLONG,
    /** {@code FileChannel.map} as a {@code LongBuffer}, bulk {@code get(long[])} 2048 at a time, summed. */
    JDK_MAPPED_LONGBUFFER_BULK,
    /** The roof: the same bytes in a {@code long[]}, a plain (vectorized) sum loop. */
    ROOF_LONG_ARRAY_SUM
  }

  @Param({"67108864", "262144"})
  public int size;

  @Param
  public Reader reader;

  private MemoryMappedFile map;
  private Buffer view;
  private MutableBuffer pool;
  private MappedByteBuffer mapped;
  private LongBuffer mappedLongs;
  private long[] longs;
  private final long[] chunk = new long[SCAN_CHUNK_LONGS];

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path path = BenchFile.ensure(size);
    switch (reader) {
      case SLUICE_MMAP_GETLONG, SLUICE_MMAP_GETLONGS -> {
        map = MemoryMappedFile.open(path.toString(), "r");
        view = map.readBufferAt(0, size);
      }
      case SLUICE_POOL_GETLONG, SLUICE_POOL_GETLONGS -> {
        pool = MemoryPools.defaultPool().allocate(size);
        try (MemoryMappedFile in = MemoryMappedFile.open(path.toString(), "r"); Buffer all = in.readBufferAt(0, size)) {
          pool.setBytes(0, all, 0, size);
        }
      }
      case JDK_MAPPED_BYTEBUFFER_GETLONG, JDK_MAPPED_LONGBUFFER_BULK -> {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
          mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
        mapped.order(ByteOrder.LITTLE_ENDIAN);
        mappedLongs = mapped.duplicate().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
      }
      case ROOF_LONG_ARRAY_SUM -> {
        longs = new long[size / Long.BYTES];
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
          ByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN);
          bytes.asLongBuffer().get(longs);
        }
      }
      default -> throw new IllegalArgumentException("unknown reader " + reader);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    if (view != null) {
      view.close();
    }
    if (map != null) {
      map.close();
    }
    if (pool != null) {
      pool.close();
    }
  }

  // Each fork runs one reader, so the switch always takes the same branch.

  @Benchmark
  public long sum() {
    switch (reader) {
      case SLUICE_MMAP_GETLONG:
        return sumGetLong(view);
      case SLUICE_MMAP_GETLONGS:
        return sumGetLongs(view, chunk);
      case SLUICE_POOL_GETLONG:
        return sumGetLong(pool);
      case SLUICE_POOL_GETLONGS:
        return sumGetLongs(pool, chunk);
      case JDK_MAPPED_BYTEBUFFER_GETLONG:
        return sumByteBuffer(mapped);
      case JDK_MAPPED_LONGBUFFER_BULK:
        return sumLongBuffer(mappedLongs, chunk);
      case ROOF_LONG_ARRAY_SUM:
        return sumArray(longs, longs.length);
      default:
        throw new IllegalStateException("unknown reader " + reader);
    }
  }

  static long sumGetLong(Buffer buffer) {
    long sum = 0;
    long end = buffer.size() - Long.BYTES;
    for (long i = 0; i <= end; i += Long.BYTES) {
      sum += buffer.getLong(i);
    }
    return sum;
  }

  static long sumGetLongs(Buffer buffer, long[] chunk) {
    long sum = 0;
    long longs = buffer.size() / Long.BYTES;
    for (long at = 0; at < longs; at += chunk.length) {
      int n = (int) Math.min(chunk.length, longs - at);
      buffer.getLongs(at * Long.BYTES, chunk, 0, n);
      sum += sumArray(chunk, n);
    }
    return sum;
  }

  static long sumByteBuffer(ByteBuffer buffer) {
    long sum = 0;
    int end = buffer.capacity() - Long.BYTES;
    for (int i = 0; i <= end; i += Long.BYTES) {
      sum += buffer.getLong(i);
    }
    return sum;
  }

  static long sumLongBuffer(LongBuffer longs, long[] chunk) {
    long sum = 0;
    int total = longs.capacity();
    for (int at = 0; at < total; at += chunk.length) {
      int n = Math.min(chunk.length, total - at);
      longs.get(at, chunk, 0, n);
      sum += sumArray(chunk, n);
    }
    return sum;
  }

  static long sumArray(long[] values, int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += values[i];
    }
    return sum;
  }
}
