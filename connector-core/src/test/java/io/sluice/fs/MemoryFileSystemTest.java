package io.sluice.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.io.NativeFile;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@link MemoryFileSystem} adds to the file system contract: paths, URIs, times, snapshots, threads. */
class MemoryFileSystemTest {
  private static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");

  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    private Instant now = T0;

    void advanceSeconds(long seconds) {
      now = now.plusSeconds(seconds);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final ManualClock clock = new ManualClock();
  private final MemoryFileSystem fs = new MemoryFileSystem(clock);

  @AfterEach
  void forgetNamedInstances() {
    MemoryFileSystem.unregister("unit-test");
    MemoryFileSystem.unregister(MemoryFileSystem.DEFAULT_NAME);
  }

  private void write(String path, byte[] content) throws IOException {
    try (NativeFile out = fs.openOutputStream(path, null, 0)) {
      out.write(content);
    }
  }

  private byte[] read(FileSystem on, String path) throws IOException {
    try (NativeFile in = on.openInputFile(path)) {
      return in.read();
    }
  }

  @Test
  void pathsAreAbsoluteWithoutDoubledOrTrailingSeparators() {
    assertEquals("/", fs.normalizePath("/"));
    assertEquals("/", fs.normalizePath("//"));
    assertEquals("/a/b", fs.normalizePath("/a//b/"));
    assertEquals("/a b/c", fs.normalizePath("mem:///a%20b/c"));
    assertEquals("/a", fs.normalizePath("mem:/a"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a/b", "./a", "/a/../b", "/a/./b", "/..", "/a\\b", "/a\u0000b", "/a\nb",
      "mem:a/b", "mem:///a?x=1", "mem:///a#f"})
  void refusedPathsAreNamed(String path) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fs.getFileInfo(path));
    assertTrue(e.getMessage().contains("'" + path + "'"), e.getMessage());
  }

  @Test
  void timesComeFromTheClockAndDirectoriesChangeWithTheirEntries() throws IOException {
    fs.createDir("/d", false);
    assertEquals(T0, fs.getFileInfo("/d").mtime());
    clock.advanceSeconds(10);
    write("/d/f", new byte[] {1});
    assertEquals(T0.plusSeconds(10), fs.getFileInfo("/d/f").mtime());
    assertEquals(T0.plusSeconds(10), fs.getFileInfo("/d").mtime(), "adding an entry changes the directory");
    clock.advanceSeconds(10);
    try (NativeFile out = fs.openAppendStream("/d/f", null, 0)) {
      out.write(new byte[] {2});
    }
    assertEquals(T0.plusSeconds(20), fs.getFileInfo("/d/f").mtime(), "a write changes the file");
    assertEquals(T0.plusSeconds(10), fs.getFileInfo("/d").mtime(), "not its directory");
    clock.advanceSeconds(10);
    fs.deleteFile("/d/f");
    assertEquals(T0.plusSeconds(30), fs.getFileInfo("/d").mtime());
  }

  @Test
  void readersSeeASnapshotAndWritersAppendAsTheyGo() throws IOException {
    NativeFile out = fs.openOutputStream("/f", null, 0);
    out.write(new byte[] {1, 2});
    try (NativeFile early = fs.openInputFile("/f")) {
      out.write(new byte[] {3});
      assertEquals(2, early.size(), "the snapshot taken at open");
      assertArrayEquals(new byte[] {1, 2}, early.read());
    }
    assertArrayEquals(new byte[] {1, 2, 3}, read(fs, "/f"), "written bytes are visible before close");
    fs.deleteFile("/f");
    out.write(new byte[] {4}); // into the unlinked file, as on a local disk
    out.close();
    assertFalse(fs.getFileInfo("/f").exists());
  }

  @Test
  void closedFilesNameTheirPath() throws IOException {
    write("/named", new byte[] {1});
    NativeFile in = fs.openInputFile("/named");
    in.close();
    IOException e = assertThrows(IOException.class, () -> in.read(1));
    assertEquals("I/O operation on closed file mem:/named", e.getMessage());
  }

  @Test
  void exclusiveAtomicOutputFailsAtCloseWhenTheTargetAppearedMeanwhile() throws IOException {
    NativeFile out = fs.openOutputStream("/late", WriteOptions.builder().atomic(true).exclusive(true).build());
    out.write(new byte[] {1});
    write("/late", new byte[] {2});
    FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, out::close);
    assertTrue(e.getMessage().contains("nothing was published"), e.getMessage());
    assertArrayEquals(new byte[] {2}, read(fs, "/late"));
  }

  @Test
  void movesRefuseTheRootAndMovingADirectoryIntoItself() throws IOException {
    fs.createDir("/a/b", true);
    assertThrows(IOException.class, () -> fs.move("/a", "/a/b/c"));
    assertThrows(IOException.class, () -> fs.move("/", "/x"));
    assertThrows(IOException.class, () -> fs.deleteDir("/"));
    assertTrue(fs.getFileInfo("/a/b").isDirectory());
  }

  @Test
  void memUrisReachNamedInstances() throws IOException {
    MemoryFileSystem named = MemoryFileSystem.named("unit-test");
    named.createDir("/data", false);
    try (NativeFile out = named.openOutputStream("/data/x.bin", null, 0)) {
      out.write(new byte[] {7});
    }
    FileSystemAndPath resolved = FileSystem.fromUri("mem://unit-test/data/x.bin");
    assertSame(named, resolved.fs());
    assertEquals("/data/x.bin", resolved.path());
    assertArrayEquals(new byte[] {7}, read(resolved.fs(), resolved.path()));
    resolved.fs().close(); // keeps the content
    assertArrayEquals(new byte[] {7}, read(named, "/data/x.bin"));

    assertSame(MemoryFileSystem.named(MemoryFileSystem.DEFAULT_NAME), FileSystem.fromUri("mem:/y").fs());
    assertSame(MemoryFileSystem.named(MemoryFileSystem.DEFAULT_NAME), FileSystem.fromUri("mem:///y").fs());
    assertEquals("/", FileSystem.fromUri("mem://unit-test").path());
    assertNotEquals(named, new MemoryFileSystem(), "only the same instance is equal");

    assertTrue(MemoryFileSystem.unregister("unit-test"));
    assertFalse(MemoryFileSystem.unregister("unit-test"));
    assertFalse(FileSystem.fromUri("mem://unit-test/data/x.bin").fs().getFileInfo("/data/x.bin").exists(),
        "a fresh instance after unregister");
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem://unit-test/x?size=1", "mem://unit-test/x#frag", "mem://user@unit-test/x",
      "mem://unit-test:99/x", "mem:relative", "mem://bad_name/x"})
  void malformedMemUrisAreRefused(String uri) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FileSystem.fromUri(uri));
    assertTrue(e.getMessage().contains("mem"), e.getMessage());
  }

  /**
   * Two threads share one instance: one appends records to a log and renames files in and out of a
   * directory, the other lists and reads. Every read sees whole records, every listing a consistent
   * directory. Bounded by rounds.
   */
  @Test
  void twoThreadsShareOneInstance() throws Exception {
    int rounds = 5000;
    fs.createDir("/dir", false);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread writer = new Thread(() -> {
      try (NativeFile log = fs.openAppendStream("/log", null, 0)) {
        for (int i = 0; i < rounds; i++) {
          log.write(new byte[] {(byte) i, (byte) i, (byte) i, (byte) i});
          String name = "/dir/f" + (i % 7);
          if (fs.getFileInfo(name).exists()) {
            fs.move(name, "/moved");
          } else {
            try (NativeFile out = fs.openOutputStream(name, WriteOptions.builder().atomic(true).build(), null, 0)) {
              out.write(new byte[] {(byte) i});
            }
          }
        }
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "mem-writer");
    writer.start();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < rounds && problems.isEmpty(); i++) {
      if (fs.getFileInfo("/log").exists()) {
        byte[] log = read(fs, "/log");
        if (log.length % 4 != 0) {
          problems.add("a partial record: " + log.length + " bytes");
        }
        for (int r = 0; r + 4 <= log.length; r += 4) {
          if (log[r] != log[r + 1] || log[r] != log[r + 2] || log[r] != log[r + 3]) {
            problems.add("a torn record at " + r);
          }
        }
      }
      for (FileInfo info : fs.getFileInfo(new FileSelector("/dir"))) {
        if (!info.isFile() || info.size() != 1) {
          problems.add("a listing showed " + info);
        }
      }
    }
    writer.join();
    if (failure.get() != null) {
      throw new AssertionError("the writer failed", failure.get());
    }
    assertEquals(List.of(), problems);
    assertEquals(4L * rounds, fs.getFileInfo("/log").size());
  }
}
