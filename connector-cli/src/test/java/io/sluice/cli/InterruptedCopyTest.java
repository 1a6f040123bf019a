package io.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (here SIGTERM, which runs the same shutdown hooks) in the middle of a copy leaves nothing
 * behind: no temporary file, no partial destination, and an existing destination keeps its bytes.
 * The copy runs in a child process reading standard input, so the test decides when it is mid-way.
 */
class InterruptedCopyTest {
  @TempDir Path dir;

  private List<String> names() throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Starts {@code sluice cp [options] - DST}, feeds it a first MiB, and waits until its output file exists. */
  private Process startCopy(String hiddenPrefix, String... cpArgs) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    if (Runtime.version().feature() >= 23) {
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), SluiceCli.class.getName(), "cp"));
    command.addAll(List.of(cpArgs));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    OutputStream stdin = process.getOutputStream();
    stdin.write(new byte[1 << 20]);
    stdin.flush(); // stays open: the copy is waiting for more
    // Under way = the first MiB has reached the output file (so the copy registered its output
    // for cleanup, which happens between creating the file and the first write).
    for (int poll = 0; poll < 6000 && !written(hiddenPrefix); poll++) {
      Thread.sleep(10);
    }
    assertTrue(written(hiddenPrefix), "copy under way: " + names());
    return process;
  }

  private boolean written(String prefix) throws IOException {
    for (String name : names()) {
      if (name.startsWith(prefix) && Files.size(dir.resolve(name)) == 1 << 20) {
        return true;
      }
    }
    return false;
  }

  @Test
  void sigtermDuringAnAtomicCopyLeavesNoFile() throws Exception {
    Process copy = startCopy(".new.txt.sluice-tmp-", "-", dir.resolve("new.txt").toString());
    copy.toHandle().destroy(); // SIGTERM only: Process.destroy() would also close the pipe (EOF)
    assertEquals(143, copy.waitFor(), "killed by SIGTERM");
    assertEquals(List.of(), names());
  }

  @Test
  void sigtermDuringAForcedCopyKeepsTheOldBytes() throws Exception {
    Path existing = dir.resolve("old.txt");
    Files.writeString(existing, "old bytes");
    Process copy = startCopy(".old.txt.sluice-tmp-", "-f", "-", existing.toString());
    copy.toHandle().destroy();
    assertEquals(143, copy.waitFor());
    assertEquals(List.of("old.txt"), names());
    assertEquals("old bytes", Files.readString(existing));
  }

  @Test
  void sigtermDuringAnInPlaceCopyDeletesThePartialFile() throws Exception {
    Process copy = startCopy("partial.txt", "--no-atomic", "-", dir.resolve("partial.txt").toString());
    copy.toHandle().destroy();
    assertEquals(143, copy.waitFor());
    assertEquals(List.of(), names());
  }

  @Test
  void ctrlCThatAlsoEndsTheInputPublishesNothing() throws Exception {
    // Process.destroy() sends SIGTERM and then closes the pipe: what Ctrl-C does to
    // `producer | sluice cp - dst`, where the producer's death ends our input at the same moment.
    Process copy = startCopy(".piped.txt.sluice-tmp-", "-", dir.resolve("piped.txt").toString());
    copy.destroy();
    assertEquals(143, copy.waitFor());
    assertEquals(List.of(), names(), "a cut-off input is not published as a complete file");
  }
}
