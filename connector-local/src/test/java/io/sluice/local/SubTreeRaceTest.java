package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.fs.FileInfo;
import io.sluice.fs.FileSelector;
import io.sluice.fs.FileSystem;
import io.sluice.fs.FileType;
import io.sluice.fs.SubTreeFileSystem;
import io.sluice.fs.WriteOptions;
import io.sluice.io.NativeFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SubTreeFileSystem} over local files against concurrent changes: a link swapped in and out
 * while paths are used, the base directory replaced after construction, and link loops.
 */
class SubTreeRaceTest {
  private static final byte[] SECRET = "top secret, outside the base".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] INSIDE = "inside".getBytes(StandardCharsets.US_ASCII);
  private static final int SWAPS = 20_000;

  @TempDir Path temp;
  private Path base;
  private Path outside;

  @BeforeEach
  void setUp() throws IOException {
    base = Files.createDirectory(temp.resolve("base"));
    outside = Files.createDirectory(temp.resolve("outside"));
    Files.write(outside.resolve("secret.txt"), SECRET);
    Files.createDirectory(base.resolve("real"));
    Files.write(base.resolve("real/secret.txt"), INSIDE);
    Files.createSymbolicLink(base.resolve("evil"), outside);
  }

  /** What one reader thread saw while another swapped {@code d} between a directory and a link out. */
  private record RaceOutcome(int escapes, int insideReads, int refused, List<String> outsideNames) {}

  private RaceOutcome race(FileSystem fs) throws Exception {
    AtomicBoolean done = new AtomicBoolean();
    Throwable[] swapFailure = new Throwable[1];
    Thread swapper = new Thread(() -> {
      try {
        Path d = base.resolve("d");
        for (int i = 0; i < SWAPS / 2; i++) {
          Files.move(base.resolve("real"), d, StandardCopyOption.ATOMIC_MOVE);
          Files.move(d, base.resolve("real"), StandardCopyOption.ATOMIC_MOVE);
          Files.move(base.resolve("evil"), d, StandardCopyOption.ATOMIC_MOVE);
          Files.move(d, base.resolve("evil"), StandardCopyOption.ATOMIC_MOVE);
        }
      } catch (Throwable t) {
        swapFailure[0] = t;
      } finally {
        done.set(true);
      }
    }, "link-swapper");
    int escapes = 0;
    int inside = 0;
    int refused = 0;
    swapper.start();
    for (int round = 0; !done.get(); round++) {
      try {
        switch (round % 4) {
          case 0 -> {
            try (NativeFile in = fs.openInputFile("d/secret.txt")) {
              byte[] bytes = in.read();
              if (Arrays.equals(bytes, SECRET)) {
                escapes++;
              } else if (Arrays.equals(bytes, INSIDE)) {
                inside++;
              }
            }
          }
          case 1 -> {
            FileInfo info = fs.getFileInfo("d/secret.txt");
            if (info.size() == SECRET.length) {
              escapes++;
            }
          }
          case 2 -> {
            try (NativeFile out = fs.openOutputStream("d/written.txt")) {
              out.write(INSIDE);
            }
          }
          default -> {
            for (FileInfo info : fs.getFileInfo(new FileSelector("d", true, true))) {
              if (info.size() == SECRET.length) {
                escapes++;
              }
            }
          }
        }
      } catch (IOException | IllegalArgumentException e) {
        refused++; // the name was missing, or a link, at that moment
      }
    }
    swapper.join();
    if (swapFailure[0] != null) {
      throw new AssertionError("the swapper failed", swapFailure[0]);
    }
    try (Stream<Path> names = Files.list(outside)) {
      return new RaceOutcome(escapes, inside, refused, names.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void aLinkSwappedInAndOutNeverLeadsOutside() throws Exception {
    try (SubTreeFileSystem fs = new SubTreeFileSystem(base.toString(), new LocalFileSystem())) {
      assertTrue(fs.racesGuarded());
      RaceOutcome outcome = race(fs);
      assertEquals(0, outcome.escapes(), outcome.toString());
      assertEquals(List.of("secret.txt"), outcome.outsideNames(), "nothing was written outside: " + outcome);
      assertArrayEquals(SECRET, Files.readAllBytes(outside.resolve("secret.txt")));
    }
  }

  /** The same race against confinement by path strings (v0.1), for the notes: run with -Dsluice.race.baseline. */
  @Test
  @EnabledIfSystemProperty(named = "sluice.race.baseline", matches = "true")
  void baselineByPathStrings() throws Exception {
    RaceOutcome outcome = race(new SubTreeFileSystem(base.toString(), new PathStringsOnly(new LocalFileSystem())));
    System.out.println("path-string confinement: " + outcome);
  }

  @Test
  void aBaseReplacedByALinkAfterConstructionStillMeansTheOriginalDirectory() throws IOException {
    Files.write(base.resolve("mine.txt"), INSIDE);
    try (SubTreeFileSystem fs = new SubTreeFileSystem(base.toString(), new LocalFileSystem())) {
      Path moved = Files.move(base, temp.resolve("base-moved"));
      Files.createSymbolicLink(base, outside);

      NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> fs.openInputFile("secret.txt"));
      assertEquals(base.resolve("secret.txt").toString(), missing.getFile());
      assertEquals(FileType.NOT_FOUND, fs.getFileInfo("secret.txt").type());
      try (NativeFile in = fs.openInputFile("mine.txt")) {
        assertArrayEquals(INSIDE, in.read());
      }
      try (NativeFile out = fs.openOutputStream("new.txt", WriteOptions.builder().atomic(true).build())) {
        out.write(INSIDE);
      }
      fs.createDir("made/here", true);
      assertEquals(List.of("evil", "made", "made/here", "mine.txt", "new.txt", "real", "real/secret.txt"),
          fs.getFileInfo(new FileSelector("", false, true)).stream().map(FileInfo::path).toList());
      assertTrue(Files.isDirectory(moved.resolve("made/here")));
      assertArrayEquals(INSIDE, Files.readAllBytes(moved.resolve("new.txt")));
      try (Stream<Path> names = Files.list(outside)) {
        assertEquals(List.of(outside.resolve("secret.txt")), names.toList());
      }
    }
  }

  @Test
  void aLinkLoopIsOneEntryOfARecursiveListing() throws IOException {
    Files.createSymbolicLink(base.resolve("loop"), Path.of("loop"));
    Files.createSymbolicLink(base.resolve("real/ping"), Path.of("pong"));
    Files.createSymbolicLink(base.resolve("real/pong"), Path.of("ping"));
    Files.createSymbolicLink(base.resolve("real/up"), Path.of(".."));
    try (SubTreeFileSystem fs = new SubTreeFileSystem(base.toString(), new LocalFileSystem())) {
      List<String> listed = fs.getFileInfo(new FileSelector("", false, true)).stream()
          .map(i -> i.path() + " " + i.type() + " " + i.size() + " " + i.mtime()).toList();
      assertEquals(List.of(
          "evil UNKNOWN -1 null",
          "loop UNKNOWN -1 null",
          "real DIRECTORY -1 " + Files.getLastModifiedTime(base.resolve("real")).toInstant(),
          "real/ping UNKNOWN -1 null",
          "real/pong UNKNOWN -1 null",
          "real/secret.txt FILE 6 " + Files.getLastModifiedTime(base.resolve("real/secret.txt")).toInstant(),
          "real/up UNKNOWN -1 null"), listed);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fs.getFileInfo("loop/x"));
      assertEquals("path 'loop/x' is refused by SubTreeFileSystem: 'loop' is a symbolic link, and confined local"
          + " paths never follow links", e.getMessage());
    }
  }

  @Test
  void deletingATreeRemovesItsLinksNeverWhatTheyPointTo() throws IOException {
    Files.createSymbolicLink(base.resolve("real/out"), outside);
    Files.createSymbolicLink(base.resolve("real/file-out"), outside.resolve("secret.txt"));
    try (SubTreeFileSystem fs = new SubTreeFileSystem(base.toString(), new LocalFileSystem())) {
      fs.deleteDir("real");
      assertFalse(Files.exists(base.resolve("real")));
      fs.deleteDirContents("", false);
      try (Stream<Path> names = Files.list(base)) {
        assertEquals(List.of(), names.toList());
      }
    }
    assertArrayEquals(SECRET, Files.readAllBytes(outside.resolve("secret.txt")));
  }

  @Test
  void aMissingBaseFailsAtConstruction() {
    java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
        () -> new SubTreeFileSystem(temp.resolve("missing").toString(), new LocalFileSystem()));
    assertTrue(e.getCause() instanceof NoSuchFileException, e.toString());
    assertThrows(java.io.UncheckedIOException.class,
        () -> new SubTreeFileSystem(base.resolve("real/secret.txt").toString(), new LocalFileSystem()));
  }
}
