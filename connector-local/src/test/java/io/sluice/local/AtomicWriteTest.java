package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.fs.AtomicOutput;
import io.sluice.fs.FileInfo;
import io.sluice.fs.FileSelector;
import io.sluice.fs.FileSystem;
import io.sluice.fs.FileSystems;
import io.sluice.fs.SubTreeFileSystem;
import io.sluice.fs.WriteOptions;
import io.sluice.io.NativeFile;
import io.sluice.testing.RunningChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Atomic, exclusive and parent-creating writes on local files, and the temporaries of writers that
 * died: killed child JVMs leave them, the next atomic write and {@code cleanOrphans} remove them, a
 * live writer's never; SIGTERM leaves nothing.
 */
class AtomicWriteTest {
  private static final WriteOptions ATOMIC = WriteOptions.builder().atomic(true).build();
  private static final byte[] OLD = "old".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path temp;
  private final LocalFileSystem fs = new LocalFileSystem();

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static void write(NativeFile out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.US_ASCII));
  }

  // ---------------------------------------------------------------- WriteOptions

  @Test
  void writeOptionsIsAValue() {
    WriteOptions all = WriteOptions.builder().atomic(true).exclusive(true).createParents(true).build();
    assertEquals(new WriteOptions(true, true, true), all);
    assertEquals(new WriteOptions(true, true, true).hashCode(), all.hashCode());
    assertEquals(WriteOptions.DEFAULT, WriteOptions.builder().build());
    assertEquals(new WriteOptions(false, false, false), WriteOptions.DEFAULT);
    assertNotEquals(ATOMIC, WriteOptions.builder().atomic(true).exclusive(true).build());
    assertEquals(all, all.toBuilder().build());
    assertEquals(new WriteOptions(true, false, true), all.toBuilder().exclusive(false).build());
    assertEquals("WriteOptions[atomic=true, exclusive=false, createParents=false]", ATOMIC.toString());
  }

  @Test
  void temporaryNamesOfTheOneScheme() {
    assertEquals(".part.csv.sluice-tmp-0", AtomicOutput.slotName("part.csv", 0));
    assertEquals(".part.csv.sluice-tmp-12", AtomicOutput.slotName("part.csv", 12));
    assertTrue(AtomicOutput.stagingName("part.csv").matches("\\.part\\.csv\\.sluice-tmp-n[0-9a-f]{16}"));
    assertEquals("part.csv", AtomicOutput.targetOf(".part.csv.sluice-tmp-3").orElseThrow());
    assertEquals(".hidden", AtomicOutput.targetOf("..hidden.sluice-tmp-0").orElseThrow());
    assertTrue(AtomicOutput.isTemporaryName(".a.sluice-tmp-n0123456789abcdef"));
    // Neither of the two v0.1 schemes, nor near misses, is taken for a temporary.
    for (String name : List.of("a.sluice-tmp-0", ".a.sluice-tmp-", ".a.sluice-tmp-x", ".a.sluice-tmp-0.tmp",
        ".a.sluice-0c0e2a4c-51a5-4e8b-9f52-9f2d2a0f0d11.tmp", ".a.sluice-tmp-n0123", ".sluice-tmp-0")) {
      assertFalse(AtomicOutput.isTemporaryName(name), name);
    }
    assertThrows(IllegalArgumentException.class, () -> AtomicOutput.slotName("a/b", 0));
    assertThrows(IllegalArgumentException.class, () -> AtomicOutput.slotName("a", AtomicOutput.MAX_SLOTS));
  }

  // ---------------------------------------------------------------- exclusive and createParents

  @Test
  void exclusiveRefusesAnExistingTargetAtomicallyAndLeavesItAlone() throws IOException {
    Path target = Files.write(temp.resolve("t"), OLD);
    for (boolean atomic : new boolean[] {false, true}) {
      WriteOptions options = WriteOptions.builder().atomic(atomic).exclusive(true).build();
      FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
          () -> fs.openOutputStream(target.toString(), options));
      assertEquals(target.toString(), e.getFile());
      assertArrayEquals(OLD, Files.readAllBytes(target));
      assertEquals(List.of("t"), names(temp));
    }
    // A link at the name counts as existing and is not followed (O_EXCL).
    Path link = Files.createSymbolicLink(temp.resolve("link"), temp.resolve("missing"));
    assertThrows(FileAlreadyExistsException.class,
        () -> fs.openOutputStream(link.toString(), WriteOptions.builder().exclusive(true).build()));
    assertFalse(Files.exists(temp.resolve("missing")));
  }

  @Test
  void exclusiveWritesANewFile() throws IOException {
    for (boolean atomic : new boolean[] {false, true}) {
      Path target = temp.resolve("new-" + atomic);
      try (NativeFile out = fs.openOutputStream(target.toString(),
          WriteOptions.builder().atomic(atomic).exclusive(true).build())) {
        write(out, "fresh");
      }
      assertEquals("fresh", Files.readString(target));
    }
    assertEquals(List.of("new-false", "new-true"), names(temp));
  }

  @Test
  void atomicExclusiveNeverReplacesATargetThatAppearedWhileItWasWritten() throws IOException {
    Path target = temp.resolve("t");
    NativeFile out = fs.openOutputStream(target.toString(), WriteOptions.builder().atomic(true).exclusive(true).build());
    write(out, "late");
    Files.write(target, OLD); // another writer got there first
    FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, out::close);
    assertEquals(target.toString(), e.getFile());
    assertEquals(target + ": exclusive write: the target appeared while it was written; nothing was published",
        e.getMessage());
    assertArrayEquals(OLD, Files.readAllBytes(target));
    assertEquals(List.of("t"), names(temp), "the temporary is gone");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aMissingParentIsNamedOrCreated(boolean atomic) throws IOException {
    Path target = temp.resolve("a/b/c.bin");
    WriteOptions plain = WriteOptions.builder().atomic(atomic).build();
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> fs.openOutputStream(target.toString(), plain));
    assertEquals(temp.resolve("a/b").toString(), e.getFile());
    assertEquals(temp.resolve("a/b") + ": the parent directory of " + target + " does not exist", e.getMessage());
    assertFalse(Files.exists(temp.resolve("a")));

    try (NativeFile out = fs.openOutputStream(target.toString(), plain.toBuilder().createParents(true).build())) {
      write(out, "deep");
    }
    assertEquals("deep", Files.readString(target));
    assertEquals(List.of("c.bin"), names(temp.resolve("a/b")));
  }

  // ---------------------------------------------------------------- temporaries while writing

  @Test
  void anOpenAtomicWriteUsesSlotZeroAndIsHiddenFromListings() throws IOException {
    Files.write(temp.resolve("t"), OLD);
    try (NativeFile first = fs.openOutputStream(temp.resolve("t").toString(), ATOMIC);
        NativeFile second = fs.openOutputStream(temp.resolve("t").toString(), ATOMIC)) {
      write(first, "first");
      write(second, "second");
      assertEquals(List.of(".t.sluice-tmp-0", ".t.sluice-tmp-1", "t"), names(temp));
      List<String> listed = fs.getFileInfo(new FileSelector(temp.toString(), false, true)).stream()
          .map(FileInfo::path).toList();
      assertEquals(List.of(temp.resolve("t").toString()), listed);
      assertArrayEquals(OLD, Files.readAllBytes(temp.resolve("t")));
      // cleanOrphans never takes a live writer's temporary, however old.
      assertEquals(List.of(), FileSystems.cleanOrphans(fs, temp.toString(), Duration.ZERO));
      assertEquals(List.of(".t.sluice-tmp-0", ".t.sluice-tmp-1", "t"), names(temp));
    }
    // Resources close in reverse order: the last to close ("first") is what remains.
    assertEquals("first", Files.readString(temp.resolve("t")));
    assertEquals(List.of("t"), names(temp));
  }

  // ---------------------------------------------------------------- writers that die

  /**
   * Child JVM: opens an atomic write of {@code args[0]} (locally, or confined to {@code args[1]} when
   * given), writes 100 KiB, prints WRITING and waits to be killed.
   */
  public static final class DyingWriter {
    public static void main(String[] args) throws Exception {
      LocalFileSystem local = new LocalFileSystem();
      FileSystem fs = args.length > 1 ? new SubTreeFileSystem(args[1], local) : local;
      NativeFile out = fs.openOutputStream(args[0], ATOMIC);
      out.write(new byte[100 * 1024]);
      out.flush();
      System.out.println("WRITING");
      System.out.flush();
      Thread.sleep(600_000);
      out.close();
    }
  }

  private RunningChildJvm writer(Path target) throws IOException {
    RunningChildJvm child = RunningChildJvm.start(DyingWriter.class, List.of(), target.toString());
    child.awaitLine("WRITING");
    return child;
  }

  @Test
  void killDashNineLeavesATemporaryThatTheNextAtomicWriteRemoves() throws Exception {
    Path target = temp.resolve("t");
    try (RunningChildJvm child = writer(target)) {
      assertEquals(137, child.kill());
    }
    assertEquals(List.of(".t.sluice-tmp-0"), names(temp));
    assertEquals(100 * 1024, Files.size(temp.resolve(".t.sluice-tmp-0")));
    assertEquals(List.of(), fs.getFileInfo(new FileSelector(temp.toString(), false, false)), "hidden from listings");

    try (NativeFile out = fs.openOutputStream(target.toString(), ATOMIC)) {
      write(out, "next");
    }
    assertEquals(List.of("t"), names(temp), "nothing left behind");
    assertEquals("next", Files.readString(target));
  }

  @Test
  void theNextAtomicWriteSkipsALiveWritersSlotAndRemovesDeadOnesAfterIt() throws Exception {
    Path target = temp.resolve("t");
    try (RunningChildJvm dead0 = writer(target); RunningChildJvm live = writer(target)) {
      assertEquals(List.of(".t.sluice-tmp-0", ".t.sluice-tmp-1"), names(temp));
      try (RunningChildJvm dead2 = writer(target)) {
        dead2.kill();
      }
      dead0.kill();
      assertEquals(List.of(".t.sluice-tmp-0", ".t.sluice-tmp-1", ".t.sluice-tmp-2"), names(temp));
      try (NativeFile out = fs.openOutputStream(target.toString(), ATOMIC)) {
        // Slot 0 was dead: reused; slot 1 is live: kept; slot 2 was dead: removed.
        assertEquals(List.of(".t.sluice-tmp-0", ".t.sluice-tmp-1"), names(temp));
        write(out, "next");
      }
      assertEquals(List.of(".t.sluice-tmp-1", "t"), names(temp));
      assertEquals(100 * 1024, Files.size(temp.resolve(".t.sluice-tmp-1")), "the live writer's data is untouched");
      live.kill();
    }
  }

  @Test
  void cleanOrphansRemovesDeadWritersTemporariesButNeverALiveOnes() throws Exception {
    Files.createDirectories(temp.resolve("sub/deeper"));
    try (RunningChildJvm live = writer(temp.resolve("sub/live"))) {
      try (RunningChildJvm a = writer(temp.resolve("dead")); RunningChildJvm b = writer(temp.resolve("sub/deeper/x"))) {
        a.kill();
        b.kill();
      }
      NativeFile ours = fs.openOutputStream(temp.resolve("ours").toString(), ATOMIC);
      // Too young: nothing is old enough yet.
      assertEquals(List.of(), FileSystems.cleanOrphans(fs, temp.toString(), Duration.ofDays(1)));
      List<String> removed = FileSystems.cleanOrphans(fs, temp.toString(), Duration.ZERO);
      assertEquals(List.of(temp.resolve(".dead.sluice-tmp-0").toString(),
          temp.resolve("sub/deeper/.x.sluice-tmp-0").toString()), removed);
      assertEquals(List.of(".ours.sluice-tmp-0", "sub"), names(temp));
      assertEquals(List.of(".live.sluice-tmp-0", "deeper"), names(temp.resolve("sub")));
      assertEquals(List.of(), names(temp.resolve("sub/deeper")));
      ours.close();
      live.kill();
    }
    assertEquals(List.of(temp.resolve("sub/.live.sluice-tmp-0").toString()),
        FileSystems.cleanOrphans(fs, temp.toString(), Duration.ZERO));
    assertEquals(List.of("ours", "sub"), names(temp));
  }

  @Test
  void sigtermOfAWriterLeavesNothing() throws Exception {
    Path target = temp.resolve("t");
    try (RunningChildJvm child = writer(target)) {
      assertEquals(List.of(".t.sluice-tmp-0"), names(temp));
      assertEquals(143, child.terminate());
    }
    assertEquals(List.of(), names(temp));
  }

  @Test
  void ctrlCOfAWriterLeavesNothing() throws Exception {
    Path target = temp.resolve("t");
    try (RunningChildJvm child = writer(target)) {
      assertEquals(List.of(".t.sluice-tmp-0"), names(temp));
      assertEquals(130, child.interrupt());
    }
    assertEquals(List.of(), names(temp));
  }

  @Test
  void confinedAtomicWritesUseTheSameSchemeAndCleanup() throws Exception {
    Path base = Files.createDirectory(temp.resolve("base"));
    try (RunningChildJvm child = RunningChildJvm.start(DyingWriter.class, List.of(), "t", base.toString())) {
      child.awaitLine("WRITING");
      assertEquals(List.of(".t.sluice-tmp-0"), names(base));
      child.kill();
    }
    try (SubTreeFileSystem sub = new SubTreeFileSystem(base.toString(), fs)) {
      assertEquals(List.of(), sub.getFileInfo(new FileSelector("", false, false)));
      assertEquals(List.of(".t.sluice-tmp-0"), FileSystems.cleanOrphans(sub, "", Duration.ZERO));
      try (NativeFile out = sub.openOutputStream("t", WriteOptions.builder().atomic(true).exclusive(true).build())) {
        write(out, "confined");
      }
      assertEquals(List.of("t"), names(base));
      assertThrows(FileAlreadyExistsException.class,
          () -> sub.openOutputStream("t", WriteOptions.builder().atomic(true).exclusive(true).build()));
    }
  }

  @Test
  void cleanOrphansChecksItsArguments() {
    assertThrows(IllegalArgumentException.class,
        () -> FileSystems.cleanOrphans(fs, temp.toString(), Duration.ofSeconds(-1)));
    assertThrows(NoSuchFileException.class,
        () -> FileSystems.cleanOrphans(fs, temp.resolve("missing").toString(), Duration.ZERO));
    assertThrows(NullPointerException.class, () -> FileSystems.cleanOrphans(fs, null, Duration.ZERO));
  }
}
