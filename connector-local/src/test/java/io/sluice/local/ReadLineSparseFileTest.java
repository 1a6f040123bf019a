package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.sluice.Sluice;
import io.sluice.io.NativeFile;
import io.sluice.testing.ChildJvm;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 case 4 on a real file: {@code readLine()} on a 3 GiB file without a newline (sparse:
 * zeros that take no disk) died of OutOfMemoryError; now the 64 MiB line guard stops it with an
 * IOException and the file keeps its position. Run in a child JVM with a small heap, as before the
 * guard this scenario exhausted memory.
 */
class ReadLineSparseFileTest {
  @TempDir
  Path dir;

  @Test
  void threeGibSparseFileWithoutNewline() throws IOException {
    Path file = dir.resolve("no-newline.bin");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(3L << 30);
    }
    ChildJvm.Result result = ChildJvm.run(Scenario.class, List.of("-Xmx256m"), Duration.ofSeconds(120),
        file.toString());
    assertFalse(result.crashed(), result.describe());
    assertEquals(0, result.exitCode(), result.describe());
    assertEquals(List.of("OSFile: IOException readLine: no '\\n' within the line-length limit of 67108864 bytes"
            + " from position 0; read longer lines with readLine(long maxBytes) position 0",
        "Sluice.inputStream: IOException readLine: no '\\n' within the line-length limit of 67108864 bytes"
            + " from position 0; read longer lines with readLine(long maxBytes) position 0"),
        result.lines());
  }

  @Test
  void aLineWithinTheGuardIsRead() throws IOException {
    Path file = dir.resolve("lines.txt");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(1 << 20);
      raf.seek((1 << 20) - 1);
      raf.write('\n');
    }
    try (NativeFile in = new OSFile(file.toString(), "r")) {
      assertEquals(1 << 20, in.readLine().length);
      assertArrayEquals(new byte[0], in.readLine());
    }
  }

  public static final class Scenario {
    public static void main(String[] args) throws IOException {
      report("OSFile", new OSFile(args[0], "r"));
      report("Sluice.inputStream", Sluice.inputStream(args[0]));
    }

    private static void report(String kind, NativeFile file) throws IOException {
      try {
        System.out.println(kind + ": read " + file.readLine().length);
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
