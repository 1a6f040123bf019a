package io.sluice.bench.io;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.PooledByteBufAllocator;
import io.sluice.bench.ForkFlags;
import io.sluice.io.BufferOutputStream;
import io.sluice.memory.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writes {@code totalBytes} into a growing in-memory output stream in chunks of {@code chunk}
 * bytes, then takes the written value, as a user collecting output in memory would. Each
 * operation starts from an empty stream, so growth is part of the cost.
 *
 * <p>The "value" is what each API hands out: Sluice's {@code getValue()} (the pool memory itself,
 * closed after), {@code ByteArrayOutputStream.toByteArray()} (a copy), Netty's
 * {@code ByteBufOutputStream.buffer()} (the ByteBuf itself, released after). {@link Writer#ROOF}
 * copies the chunks into a pre-sized {@code byte[]}: no growth, no calls through a stream, the
 * best any growing stream can hope for.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.ARROW_OPENS_NIO, "-Xms6g", "-Xmx6g"})
public class OutputStreamWrite {

  /** The competitors. */
  public enum Writer {
    /** {@code io.sluice.io.BufferOutputStream} + {@code getValue()}. */
    SLUICE_BUFFER_OUTPUT_STREAM,
    /** {@code java.io.ByteArrayOutputStream} + {@code toByteArray()}. */
    BYTE_ARRAY_OUTPUT_STREAM,
    /** Netty {@code ByteBufOutputStream} over a pooled direct {@code ByteBuf}. */
    NETTY_BYTEBUF_OUTPUT_STREAM,
    /** {@code System.arraycopy} into a pre-sized {@code byte[]}: the roof. */
    ROOF
  }

  @Param({"16", "4096", "65536"})
  public int chunk;

  /** 1 GiB by default, as issue 3 asks; lower it with -p totalBytes=... for quick runs. */
  @Param({"1073741824"})
  public long totalBytes;

  @Param
  public Writer writer;

  private byte[] data;
  private byte[] roof;

  @Setup
  public void setUp() {
    data = new byte[chunk];
    for (int i = 0; i < chunk; i++) {
      data[i] = (byte) (i * 31 + 7);
    }
    if (writer == Writer.ROOF) {
      roof = new byte[Math.toIntExact(totalBytes)];
    }
  }

  /** Returns a checksum of the value (its size and last byte) so nothing can be optimised away. */
  @Benchmark
  public long writeThenTakeValue() throws IOException {
    long writes = totalBytes / chunk;
    switch (writer) {
      case SLUICE_BUFFER_OUTPUT_STREAM: {
        BufferOutputStream out = new BufferOutputStream();
        for (long i = 0; i < writes; i++) {
          out.write(data, 0, chunk);
        }
        try (Buffer value = out.getValue()) {
          return value.size() + value.getByte(value.size() - 1);
        }
      }
      case BYTE_ARRAY_OUTPUT_STREAM: {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long i = 0; i < writes; i++) {
          out.write(data, 0, chunk);
        }
        byte[] value = out.toByteArray();
        return value.length + value[value.length - 1];
      }
      case NETTY_BYTEBUF_OUTPUT_STREAM: {
        ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer();
        try (ByteBufOutputStream out = new ByteBufOutputStream(buffer)) {
          for (long i = 0; i < writes; i++) {
            out.write(data, 0, chunk);
          }
          ByteBuf value = out.buffer();
          return value.readableBytes() + value.getByte(value.writerIndex() - 1);
        } finally {
          buffer.release();
        }
      }
      case ROOF: {
        int at = 0;
        for (long i = 0; i < writes; i++) {
          System.arraycopy(data, 0, roof, at, chunk);
          at += chunk;
        }
        return at + roof[at - 1];
      }
      default:
        throw new IllegalArgumentException("unknown writer " + writer);
    }
  }
}
