package io.sluice.bench.local;

import io.sluice.bench.ForkFlags;
import io.sluice.local.MemoryMappedFile;
import io.sluice.local.OSFile;
import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
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
 * One sequential pass over a file in the page cache (one operation = the whole file), in chunks of
 * {@code chunk} bytes, by each read path. Every file is opened once per trial and rewound per pass,
 * so the mapping of the mmap reader stays populated (what a scan of a mapped file costs after the
 * first touch). Each pass returns a value that depends on the bytes read.
 *
 * <p>Peers: {@code FileChannel.read} into a reused direct buffer (as allocated, and page-aligned), {@code FileInputStream.read(byte[])},
 * Hadoop's {@code RawLocalFileSystem} and checksummed {@code LocalFileSystem} (which verifies the
 * file's {@code .crc}). Roofs: the same bytes already in memory, copied chunk by chunk into a
 * reused buffer ({@code MEMORY_COPY_ROOF}, Sluice's Unsafe memcpy). {@code SLUICE_POOL_SCAN} reads
 * them as a long every 8 bytes with Sluice's own {@code getLong} (what the mmap reader does on
 * mapped pages): it is not a roof; the machine's scan roof, measured against Sluice's scan in the
 * same run, is {@link MmapScan}'s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX})
public class SequentialFileRead {

  /** The competitors. */
  public enum Reader {
    /** {@code OSFile.readInto(MutableBuffer)} into one reused pool buffer of {@code chunk} bytes. */
    SLUICE_OSFILE_READINTO,
    /** {@code OSFile.readBuffer(chunk)}: a new pool buffer per chunk, closed after use. */
    SLUICE_OSFILE_READBUFFER,
    /** {@code MemoryMappedFile.readBuffer(chunk)} (zero-copy views), reading a long every 8 bytes. */
    SLUICE_MMAP_READBUFFER_SCAN,
    /**
     * {@code FileChannel.read(ByteBuffer)} into one reused {@code allocateDirect(chunk)} buffer, which
     * starts 16 bytes past a page boundary (malloc's alignment): what a plain user gets.
     */
    FILECHANNEL_DIRECT,
    /** The same into a page-aligned direct buffer ({@code allocateDirect(chunk + 4096).alignedSlice(4096)}): the fair peer. */
    FILECHANNEL_DIRECT_ALIGNED,
    /** {@code FileInputStream.read(byte[])} into one reused array. */
    FILEINPUTSTREAM,
    /** Hadoop {@code RawLocalFileSystem.open(...).read(byte[])}. */
    HADOOP_RAW_LOCAL,
    /** Hadoop checksummed {@code LocalFileSystem.open(...).read(byte[])}, CRCs verified. */
    HADOOP_CHECKSUMMED_LOCAL,
    /** The file's bytes already in pool memory, copied into a reused chunk buffer. */
    MEMORY_COPY_ROOF,
    /** The file's bytes already in pool memory, Sluice's {@code getLong} every 8 bytes (not a roof: see MmapScan). */
    SLUICE_POOL_SCAN
  }

  @Param({"1073741824"})
  public long fileSize;

  @Param({"65536", "1048576"})
  public int chunk;

  @Param
  public Reader reader;

  private Path path;
  private OSFile osFile;
  private MemoryMappedFile mmap;
  private MutableBuffer chunkBuffer;
  private FileChannel channel;
  private ByteBuffer direct;
  private FileInputStream fileInputStream;
  private FileSystem hadoop;
  private FSDataInputStream hadoopIn;
  private byte[] array;
  private MutableBuffer memory;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    path = BenchFile.ensure(fileSize);
    array = new byte[chunk];
    switch (reader) {
      case SLUICE_OSFILE_READINTO -> {
        osFile = new OSFile(path.toString(), "rb");
        chunkBuffer = MemoryPools.defaultPool().allocate(chunk);
      }
      case SLUICE_OSFILE_READBUFFER -> osFile = new OSFile(path.toString(), "rb");
      case SLUICE_MMAP_READBUFFER_SCAN -> mmap = MemoryMappedFile.open(path.toString(), "r");
      case FILECHANNEL_DIRECT -> {
        channel = FileChannel.open(path, StandardOpenOption.READ);
        direct = ByteBuffer.allocateDirect(chunk);
      }
      case FILECHANNEL_DIRECT_ALIGNED -> {
        channel = FileChannel.open(path, StandardOpenOption.READ);
        direct = ByteBuffer.allocateDirect(chunk + 4096).alignedSlice(4096).limit(chunk).slice();
      }
      case FILEINPUTSTREAM -> fileInputStream = new FileInputStream(path.toFile());
      case HADOOP_RAW_LOCAL, HADOOP_CHECKSUMMED_LOCAL -> {
        hadoop = reader == Reader.HADOOP_RAW_LOCAL ? new RawLocalFileSystem() : new LocalFileSystem();
        hadoop.initialize(java.net.URI.create("file:///"), new Configuration());
        hadoopIn = hadoop.open(new org.apache.hadoop.fs.Path(path.toUri()), chunk);
      }
      case MEMORY_COPY_ROOF, SLUICE_POOL_SCAN -> {
        memory = MemoryPools.defaultPool().allocate(fileSize);
        try (OSFile in = new OSFile(path.toString(), "rb")) {
          in.readInto(memory);
        }
        chunkBuffer = MemoryPools.defaultPool().allocate(chunk);
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    for (AutoCloseable c : new AutoCloseable[] {osFile, mmap, chunkBuffer, channel, fileInputStream, hadoopIn, hadoop, memory}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          throw new IOException(e);
        }
      }
    }
  }

  @Benchmark
  public long pass() throws IOException {
    switch (reader) {
      case SLUICE_OSFILE_READINTO: {
        osFile.seek(0);
        long total = 0;
        long n;
        while ((n = osFile.readInto(chunkBuffer)) > 0) {
          total += n + chunkBuffer.getByte(0);
        }
        return total;
      }
      case SLUICE_OSFILE_READBUFFER:
        return readBuffers(osFile, false);
      case SLUICE_MMAP_READBUFFER_SCAN:
        return readBuffers(mmap, true);
      case FILECHANNEL_DIRECT:
      case FILECHANNEL_DIRECT_ALIGNED: {
        channel.position(0);
        long total = 0;
        int n;
        direct.clear();
        while ((n = channel.read(direct)) >= 0) {
          total += n + direct.get(0);
          direct.clear();
        }
        return total;
      }
      case FILEINPUTSTREAM:
        fileInputStream.getChannel().position(0);
        return readArrays(fileInputStream);
      case HADOOP_RAW_LOCAL:
      case HADOOP_CHECKSUMMED_LOCAL:
        hadoopIn.seek(0);
        return readArrays(hadoopIn);
      case MEMORY_COPY_ROOF: {
        long total = 0;
        for (long at = 0; at < fileSize; at += chunk) {
          long length = Math.min(chunk, fileSize - at);
          chunkBuffer.setBytes(0, memory, at, length);
          total += length + chunkBuffer.getByte(0);
        }
        return total;
      }
      case SLUICE_POOL_SCAN: {
        long sum = 0;
        for (long at = 0; at + 8 <= fileSize; at += 8) {
          sum += memory.getLong(at);
        }
        return sum;
      }
      default:
        throw new AssertionError(reader);
    }
  }

  private long readBuffers(io.sluice.io.NativeFile file, boolean scan) throws IOException {
    file.seek(0);
    long total = 0;
    while (true) {
      try (Buffer buffer = file.readBuffer(chunk)) {
        long size = buffer.size();
        if (size == 0) {
          return total;
        }
        if (scan) {
          for (long i = 0; i + 8 <= size; i += 8) {
            total += buffer.getLong(i);
          }
        } else {
          total += size + buffer.getByte(0);
        }
      }
    }
  }

  private long readArrays(InputStream in) throws IOException {
    long total = 0;
    int n;
    while ((n = in.read(array, 0, array.length)) >= 0) {
      total += n + array[0];
    }
    return total;
  }
}
