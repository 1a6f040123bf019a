package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.Sluice;
import io.sluice.io.NativeFile;
import io.sluice.io.Range;
import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import io.sluice.testing.ChildJvm;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10 for local memory maps: scenario 8 (mappings pile up until a GC), reads over a file that
 * someone else truncated (an IOException naming the file, never InternalError or a crash), and
 * issue 11 item 8 ({@code createMemoryMap} of an impossible size leaves nothing behind).
 */
class MappedMemorySafetyTest {
  @TempDir
  Path dir;

  // ---------------------------------------------------------------- scenario 8

  /** 100,000 open/readBuffer/close rounds in a JVM that never collects garbage (Epsilon GC). */
  @ParameterizedTest
  @ValueSource(strings = {"buffer-first", "map-first"})
  void openReadCloseInALoopDoesNotPileUpMappings(String order) throws IOException {
    Path file = dir.resolve("loop.bin");
    Files.write(file, new byte[8192]);
    ChildJvm.Result result = ChildJvm.run(OpenReadCloseLoop.class,
        List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+UseEpsilonGC", "-Xms3g", "-Xmx3g"),
        Duration.ofSeconds(300), file.toString(), "100000", order);
    assertFalse(result.crashed(), result.describe());
    assertEquals(0, result.exitCode(), result.describe());
    List<String> lines = result.lines().stream().filter(line -> !line.startsWith("[")).toList(); // JVM warnings
    assertEquals("rounds 100000", lines.get(0), result.describe());
    long extra = Long.parseLong(lines.get(1).substring("most mappings above the start ".length()));
    assertTrue(extra <= 16, "mappings piled up: " + result.describe());
  }

  /** args: file, rounds, buffer-first|map-first. Prints rounds done and the peak of /proc/self/maps lines. */
  public static final class OpenReadCloseLoop {
    public static void main(String[] args) throws IOException {
      int rounds = Integer.parseInt(args[1]);
      boolean bufferFirst = args[2].equals("buffer-first");
      long start = mappings();
      long most = 0;
      int done = 0;
      for (; done < rounds; done++) {
        MemoryMappedFile map = MemoryMappedFile.open(args[0], "r");
        Buffer buffer = map.readBuffer(4096);
        buffer.getLong(4088);
        if (bufferFirst) {
          buffer.close();
          map.close();
        } else {
          map.close();
          buffer.getLong(0);
          buffer.close();
        }
        if (done % 1000 == 0) {
          most = Math.max(most, mappings() - start);
        }
      }
      System.out.println("rounds " + done);
      System.out.println("most mappings above the start " + most);
    }
  }

  static long mappings() throws IOException {
    try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
      return lines.count();
    }
  }

  static boolean mapped(Path file) throws IOException {
    String name = file.toRealPath().toString();
    try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
      return lines.anyMatch(line -> line.endsWith(" " + name));
    }
  }

  @Test
  void aMapIsUnmappedOnceItAndItsBuffersAreClosed() throws IOException {
    Path file = dir.resolve("unmap.bin");
    Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    MemoryMappedFile map = MemoryMappedFile.open(file.toString(), "r");
    Buffer first = map.readBuffer(4);
    Buffer second = map.readBufferAt(4, 5);
    assertTrue(mapped(file));
    map.close();
    assertArrayEquals(new byte[] {1, 2, 3, 4}, first.toByteArray(), "buffers stay valid after close");
    first.close();
    assertThrows(IllegalStateException.class, () -> first.getByte(0));
    assertTrue(mapped(file), "the second buffer still uses the region");
    assertEquals(9, second.getByte(4));
    second.close();
    assertFalse(mapped(file), "unmapped as soon as the map and its buffers are closed");
  }

  @Test
  void aReachableByteBufferViewKeepsTheRegionMappedUntilItIsCollected() throws IOException, InterruptedException {
    Path file = dir.resolve("view.bin");
    Files.write(file, new byte[] {10, 20, 30, 40});
    ByteBuffer view;
    try (MemoryMappedFile map = MemoryMappedFile.open(file.toString(), "r")) {
      Buffer buffer = map.readBuffer(4);
      view = buffer.asByteBuffer();
      buffer.close();
    }
    assertTrue(mapped(file));
    assertEquals(30, view.get(2), "a view of a closed buffer of a closed map still reads the file");
    view = null;
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (mapped(file) && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(20);
    }
    assertFalse(mapped(file), "unmapped once the view was collected");
  }

  @Test
  void aResizeRetiresOldWindowsWithoutDisturbingTheirBuffers() throws IOException {
    Path file = dir.resolve("resize.bin");
    try (MemoryMappedFile map = MemoryMappedFile.create(file.toString(), 8)) {
      map.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
      Buffer before = map.readBufferAt(0, 8);
      map.resize(16);
      assertEquals(8, before.getByte(7));
      assertEquals(0, map.readAt(8, 8)[7]);
      before.close();
      map.resize(4);
      assertArrayEquals(new byte[] {1, 2, 3, 4}, map.readAt(0, 4));
    }
    assertFalse(mapped(file));
  }

  @Test
  void readRangesOfAMapAreZeroCopyAndOutliveTheMap() throws IOException {
    Path file = dir.resolve("ranges.bin");
    Files.write(file, new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    long poolBefore = MemoryPools.defaultPool().bytesAllocated();
    List<Buffer> ranges;
    try (MemoryMappedFile map = MemoryMappedFile.open(file.toString(), "r")) {
      ranges = map.readRanges(List.of(Range.of(2, 3), Range.of(4, 4), Range.of(0, 1)));
      assertEquals(poolBefore, MemoryPools.defaultPool().bytesAllocated(), "no copies");
    }
    assertArrayEquals(new byte[] {2, 3, 4}, ranges.get(0).toByteArray());
    assertArrayEquals(new byte[] {4, 5, 6, 7}, ranges.get(1).toByteArray());
    assertArrayEquals(new byte[] {0}, ranges.get(2).toByteArray());
    ranges.forEach(Buffer::close);
  }

  // ---------------------------------------------------------------- truncated by someone else

  @ParameterizedTest
  @ValueSource(strings = {"r", "r+"})
  void everyReadOfATruncatedMapThrowsAnIOExceptionNamingTheFile(String mode) throws IOException {
    Path file = dir.resolve("truncated.bin");
    Files.write(file, new byte[1 << 20]);
    ChildJvm.Result result = ChildJvm.run(ReadsAfterTruncation.class, List.of("-Dtrace=1"), Duration.ofSeconds(120),
        file.toString(), mode);
    assertFalse(result.crashed(), result.describe());
    assertEquals(0, result.exitCode(), result.describe());
    List<String> expected = new ArrayList<>();
    for (String op : ReadsAfterTruncation.OPERATIONS) {
      expected.add(op + ": " + (op.equals("write") && mode.equals("r") ? "returned skipped (read-only map)"
          : "IOException naming the file"));
    }
    expected.add("done");
    assertEquals(expected, result.lines(), result.describe());
  }

  /** args: file (1 MiB), mode. Maps it, truncates it to 0 behind the map's back, then tries every read. */
  public static final class ReadsAfterTruncation {
    static final List<String> OPERATIONS = List.of("read", "readAll", "readBuffer", "readBufferAt", "readAt",
        "readIntoArray", "readIntoByteBuffer", "readIntoMutableBuffer", "readLine", "readRanges", "inputStream",
        "channel", "readAt x 20000", "readBufferAt x 20000", "write");

    public static void main(String[] args) throws Exception {
      String path = args[0];
      NativeFile map = Sluice.memoryMap(path, args[1]);
      map.readAt(0, 8); // maps the window before the truncation
      try (RandomAccessFile other = new RandomAccessFile(path, "rw")) {
        other.setLength(0);
      }
      List<Callable<Object>> calls = List.of(
          () -> map.read(100),
          () -> map.read(1 << 20),
          () -> map.readBuffer(100).getLong(0),
          () -> map.readBufferAt(4096 * 3, 4096).getLong(0),
          () -> map.readAt(5000, 10),
          () -> map.readInto(new byte[64], 0, 64),
          () -> map.readInto(ByteBuffer.allocateDirect(64)),
          () -> {
            try (MutableBuffer dst = MemoryPools.defaultPool().allocate(64)) {
              return map.readInto(dst);
            }
          },
          map::readLine,
          () -> map.readRanges(List.of(Range.of(0, 10), Range.of(8192, 10))).get(0).getLong(0),
          () -> map.asInputStream().read(),
          () -> map.asChannel().read(ByteBuffer.allocate(16)),
          () -> {
            for (int i = 0; i < 20000; i++) {
              try {
                map.readAt(i * 8, 8);
              } catch (IOException expected) {
                if (i == 19999) {
                  throw expected;
                }
                continue;
              }
              return "read succeeded in round " + i;
            }
            return "unreachable";
          },
          () -> {
            for (int i = 0; i < 20000; i++) {
              try {
                map.readBufferAt(i * 8, 8);
              } catch (IOException expected) {
                if (i == 19999) {
                  throw expected;
                }
                continue;
              }
              return "readBufferAt succeeded in round " + i;
            }
            return "unreachable";
          },
          () -> {
            if (!map.writable()) {
              return "skipped (read-only map)";
            }
            map.seek(0);
            return map.write(new byte[] {1, 2, 3});
          });
      for (int i = 0; i < calls.size(); i++) {
        map.seek(0);
        String outcome;
        try {
          outcome = "returned " + calls.get(i).call();
        } catch (IOException e) {
          outcome = e.getMessage() != null && e.getMessage().contains(path) ? "IOException naming the file"
              : "IOException without the file: " + e;
        } catch (Throwable t) {
          outcome = "threw " + t;
          if (System.getProperty("trace") != null) {
            t.printStackTrace(System.out);
          }
        }
        System.out.println(OPERATIONS.get(i) + ": " + outcome);
      }
      System.out.println("done");
    }
  }

  // ---------------------------------------------------------------- issue 11 item 8

  @Test
  void creatingAMapTooLargeForTheFileSystemLeavesNoFileBehind() {
    Path file = dir.resolve("huge.bin");
    IOException e = assertThrows(IOException.class, () -> MemoryMappedFile.create(file.toString(), Long.MAX_VALUE));
    assertTrue(e.getMessage().startsWith("cannot create a memory map of " + Long.MAX_VALUE + " bytes at " + file),
        e.getMessage());
    assertFalse(Files.exists(file), "no 0-byte file left behind");
    IOException viaFacade = assertThrows(IOException.class, () -> Sluice.createMemoryMap(file.toString(), Long.MAX_VALUE));
    assertTrue(viaFacade.getMessage().contains(file.toString()), viaFacade.getMessage());
    assertFalse(Files.exists(file));
  }

  @Test
  void creatingAMapTooLargeOverAnExistingFileKeepsItAndItsContent() throws IOException {
    Path file = dir.resolve("existing.bin");
    Files.write(file, new byte[] {7, 8, 9});
    assertThrows(IOException.class, () -> MemoryMappedFile.create(file.toString(), Long.MAX_VALUE));
    assertArrayEquals(new byte[] {7, 8, 9}, Files.readAllBytes(file));
    try (MemoryMappedFile map = MemoryMappedFile.create(file.toString(), 5)) {
      assertArrayEquals(new byte[5], map.readAt(0, 5), "create still truncates an existing file");
    }
  }
}
