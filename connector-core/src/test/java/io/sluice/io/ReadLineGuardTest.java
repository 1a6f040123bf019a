package io.sluice.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.memory.Buffer;
import io.sluice.testing.ChildJvm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 case 4: {@code readLine()} on data without a newline stops at the line-length guard
 * (64 MiB by default, {@code readLine(long maxBytes)} for another) with an IOException naming the
 * limit and how to raise it, instead of running out of memory. Seekable kinds keep their position
 * on failure; a stream has consumed {@code maxBytes + 1} bytes.
 */
class ReadLineGuardTest {
  private static final long GIB = 1L << 30;
  private static final long DEFAULT_LIMIT = 64L << 20;

  /** A seekable read-only file of {@code size} bytes of {@code fill}, costing no memory. */
  static final class ConstantFile extends RandomAccessReader {
    private final long size;
    private final byte fill;

    ConstantFile(long size, byte fill) {
      this.size = size;
      this.fill = fill;
    }

    @Override
    protected int readAtImpl(long at, ByteBuffer dst) {
      if (at >= size) {
        return -1;
      }
      int n = (int) Math.min(dst.remaining(), size - at);
      for (int i = 0; i < n; i++) {
        dst.put(fill);
      }
      return n;
    }

    @Override
    protected long sizeImpl() {
      return size;
    }

    @Override
    protected void closeImpl() {}
  }

  /** The same bytes as a stream (not seekable). */
  static final class ConstantStream extends ReadOnlyStream {
    private final ConstantFile file;

    ConstantStream(long size, byte fill) {
      this.file = new ConstantFile(size, fill);
    }

    @Override
    protected int readImpl(ByteBuffer dst) throws IOException {
      return file.readImpl(dst);
    }

    @Override
    protected long tellImpl() {
      return file.tellImpl();
    }

    @Override
    protected void closeImpl() {}
  }

  private static String limitMessage(long limit, long at) {
    return "readLine: no '\\n' within the line-length limit of " + limit + " bytes from position " + at
        + "; read longer lines with readLine(long maxBytes)";
  }

  @Test
  void threeGibWithoutNewlineHitsTheDefaultGuardAndKeepsThePosition() throws IOException {
    try (NativeFile file = new ConstantFile(3 * GIB, (byte) 'x')) {
      file.seek(5);
      IOException e = assertThrows(IOException.class, file::readLine);
      assertEquals(limitMessage(DEFAULT_LIMIT, 5), e.getMessage());
      assertEquals(5, file.tell(), "a seekable file keeps its position");
      assertArrayEquals(new byte[] {'x', 'x'}, file.read(2));
    }
  }

  @Test
  void aStreamWithoutNewlineHitsTheGuardHavingConsumedLimitPlusOne() throws IOException {
    try (NativeFile stream = new ConstantStream(3 * GIB, (byte) 'x')) {
      IOException e = assertThrows(IOException.class, stream::readLine);
      assertEquals(limitMessage(DEFAULT_LIMIT, 0), e.getMessage());
      assertEquals(DEFAULT_LIMIT + 1, stream.tell());
    }
  }

  @Test
  void aBufferedStreamWithoutNewlineHitsTheGuardToo() throws IOException {
    try (NativeFile stream = new BufferedInputStream(new ConstantStream(3 * GIB, (byte) 'x'), 1 << 16)) {
      IOException e = assertThrows(IOException.class, stream::readLine);
      assertEquals(limitMessage(DEFAULT_LIMIT, 0), e.getMessage());
      assertEquals(DEFAULT_LIMIT + 1, stream.tell());
    }
  }

  @Test
  void readLinesUsesTheDefaultGuardToo() throws IOException {
    try (NativeFile file = new ConstantFile(DEFAULT_LIMIT + 1, (byte) 'y')) {
      IOException e = assertThrows(IOException.class, file::readLines);
      assertEquals(limitMessage(DEFAULT_LIMIT, 0), e.getMessage());
    }
  }

  @Test
  void aLineOfExactlyTheDefaultLimitIsRead() throws IOException {
    try (NativeFile file = new ConstantFile(DEFAULT_LIMIT, (byte) 'z')) {
      byte[] line = file.readLine(); // no newline, ends at EOF: exactly the limit
      assertEquals(DEFAULT_LIMIT, line.length);
      assertEquals(0, file.readLine().length);
    }
  }

  private static byte[] lines(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** maxBytes counts the line with its '\n': at the limit passes, one more fails, on every kind. */
  @Test
  void maxBytesBoundaryOnEveryKind() throws IOException {
    byte[] data = lines("abcd\nabcde\nabc");
    for (int kind = 0; kind < 4; kind++) {
      try (NativeFile file = switch (kind) {
        case 0 -> new BufferReader(Buffer.wrap(data));
        case 1 -> new JavaFile(new java.io.ByteArrayInputStream(data));
        case 2 -> new BufferedInputStream(new BufferReader(Buffer.wrap(data)), 3); // lines span refills
        default -> new BufferedInputStream(new BufferReader(Buffer.wrap(data)), 64);
      }) {
        assertArrayEquals(lines("abcd\n"), file.readLine(5));
        IOException e = assertThrows(IOException.class, () -> file.readLine(5));
        assertEquals(limitMessage(5, 5), e.getMessage());
        if (file.seekable()) {
          assertEquals(5, file.tell());
          assertArrayEquals(lines("abcde\n"), file.readLine(6));
        } else {
          assertEquals(11, file.tell(), "a stream consumed maxBytes + 1 bytes");
        }
        assertArrayEquals(lines("abc"), file.readLine(3), "an unterminated last line at the limit");
        assertEquals(0, file.readLine(3).length);
      }
    }
  }

  @Test
  void maxBytesMustBePositive() throws IOException {
    try (NativeFile file = new BufferReader(Buffer.wrap(lines("a\n")))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> file.readLine(0));
      assertEquals("maxBytes must be > 0: 0", e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> file.readLine(-7));
      assertArrayEquals(lines("a\n"), file.readLine(Long.MAX_VALUE));
    }
  }

  @Test
  void ordinaryLinesAreUnchanged() throws IOException {
    byte[] data = new byte[100_000];
    Arrays.fill(data, (byte) 'q');
    data[70_000] = '\n';
    try (NativeFile file = new BufferReader(Buffer.wrap(data))) {
      assertEquals(70_001, file.readLine().length);
      assertEquals(29_999, file.readLine().length);
    }
  }

  /** Before the guard this scenario died of OutOfMemoryError; run where that cannot take the build down. */
  @Test
  void threeGibWithoutNewlineInASmallHeapFailsCleanly() {
    ChildJvm.Result result = ChildJvm.run(LongLineScenario.class, List.of("-Xmx256m"), Duration.ofSeconds(120));
    assertFalse(result.crashed(), result.describe());
    assertEquals(0, result.exitCode(), result.describe());
    assertEquals(List.of("seekable: IOException " + limitMessage(DEFAULT_LIMIT, 0) + " position 0",
        "stream: IOException " + limitMessage(DEFAULT_LIMIT, 0) + " position " + (DEFAULT_LIMIT + 1)),
        result.lines());
  }

  public static final class LongLineScenario {
    public static void main(String[] args) throws IOException {
      report("seekable", new ConstantFile(3 * GIB, (byte) 'x'));
      report("stream", new ConstantStream(3 * GIB, (byte) 'x'));
    }

    private static void report(String kind, NativeFile file) throws IOException {
      try {
        byte[] line = file.readLine();
        System.out.println(kind + ": read " + line.length);
      } catch (IOException e) {
        System.out.println(kind + ": IOException " + e.getMessage() + " position " + file.tell());
      } catch (OutOfMemoryError e) {
        System.out.println(kind + ": OutOfMemoryError " + e.getMessage());
      } finally {
        file.close();
      }
    }
  }
}
