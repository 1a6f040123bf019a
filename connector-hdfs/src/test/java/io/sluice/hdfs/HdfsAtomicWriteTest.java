package io.sluice.hdfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.fs.FileInfo;
import io.sluice.fs.FileSelector;
import io.sluice.fs.FileSystems;
import io.sluice.fs.WriteOptions;
import io.sluice.io.NativeFile;
import io.sluice.testing.RunningChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exclusive, parent-creating and atomic writes on HDFS, and temporaries of writers that died: a
 * child JVM killed mid-write keeps its temporary open for write (leased) until the lease expires; the
 * next atomic write then removes it, cleanOrphans removes it, and neither touches a live writer's.
 */
class HdfsAtomicWriteTest {
  /** Its own cluster: the tests change the NameNode's lease limits. */
  @RegisterExtension
  static final MiniHdfsExtension HDFS = MiniHdfsExtension.perClass(new MiniHdfs.Settings(1, false));
  private static final WriteOptions ATOMIC = WriteOptions.builder().atomic(true).build();
  /** HDFS defaults, restored after each test. */
  private static final long SOFT_LIMIT = 60_000;
  private static final long HARD_LIMIT = 20 * 60_000;

  private static HadoopFileSystem fs;
  private static DistributedFileSystem hadoop;
  private String dir;

  @BeforeAll
  static void connect() throws IOException {
    fs = HDFS.hdfs().connect();
    hadoop = (DistributedFileSystem) HDFS.hdfs().hadoopClient();
  }

  @AfterAll
  static void disconnect() throws IOException {
    fs.close();
    hadoop.close();
  }

  @BeforeEach
  void freshDirectory() throws IOException {
    dir = "/atomic/" + UUID.randomUUID();
    fs.createDir(dir, true);
  }

  @AfterEach
  void defaultLeases() {
    HDFS.hdfs().cluster().setLeasePeriod(SOFT_LIMIT, HARD_LIMIT);
  }

  private List<String> rawNames(String directory) throws IOException {
    return Arrays.stream(hadoop.listStatus(new Path(directory))).map(s -> s.getPath().getName()).sorted().toList();
  }

  private byte[] read(String path) throws IOException {
    try (NativeFile in = fs.openInputFile(path)) {
      return in.read();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  // ---------------------------------------------------------------- exclusive and createParents

  @Test
  void exclusiveRefusesAnExistingTargetAndLeavesIt() throws IOException {
    String target = dir + "/t";
    try (NativeFile out = fs.openOutputStream(target)) {
      out.write(bytes("old"));
    }
    for (boolean atomic : new boolean[] {false, true}) {
      FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
          () -> fs.openOutputStream(target, WriteOptions.builder().atomic(atomic).exclusive(true).build()));
      assertEquals(target, e.getFile());
      assertArrayEquals(bytes("old"), read(target));
    }
    assertEquals(List.of("t"), rawNames(dir));
  }

  @Test
  void exclusiveRacesAreDecidedByTheNameNode() throws IOException {
    // Plain exclusive: create(overwrite=false) itself refuses a file created after our check.
    String plain = dir + "/plain";
    NativeFile first = fs.openOutputStream(plain, WriteOptions.builder().exclusive(true).build());
    FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
        () -> fs.openOutputStream(plain, WriteOptions.builder().exclusive(true).build()));
    assertEquals(plain, e.getFile());
    first.write(bytes("first"));
    first.close();
    assertArrayEquals(bytes("first"), read(plain));

    // Atomic exclusive: the publishing rename does not overwrite a target that appeared meanwhile.
    String target = dir + "/t";
    NativeFile late = fs.openOutputStream(target, WriteOptions.builder().atomic(true).exclusive(true).build());
    late.write(bytes("late"));
    try (NativeFile other = fs.openOutputStream(target)) {
      other.write(bytes("winner"));
    }
    FileAlreadyExistsException atClose = assertThrows(FileAlreadyExistsException.class, late::close);
    assertEquals(target + ": exclusive write: the target appeared while it was written; nothing was published",
        atClose.getMessage());
    assertArrayEquals(bytes("winner"), read(target));
    assertEquals(List.of("plain", "t"), rawNames(dir));
  }

  @Test
  void aMissingParentIsNamedOrCreated() throws IOException {
    for (boolean atomic : new boolean[] {false, true}) {
      String target = dir + "/" + atomic + "/b/c.bin";
      WriteOptions plain = WriteOptions.builder().atomic(atomic).build();
      NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> fs.openOutputStream(target, plain));
      assertEquals(dir + "/" + atomic + "/b", e.getFile());
      assertEquals(dir + "/" + atomic + "/b: the parent directory of " + target + " does not exist", e.getMessage());
      try (NativeFile out = fs.openOutputStream(target, plain.toBuilder().createParents(true).build())) {
        out.write(bytes("deep"));
      }
      assertArrayEquals(bytes("deep"), read(target));
      assertEquals(List.of("c.bin"), rawNames(dir + "/" + atomic + "/b"));
    }
  }

  // ---------------------------------------------------------------- writers that die

  /** Child JVM: an atomic write of {@code args[1]} on the cluster {@code args[0]}; 100 KiB hflushed, then WRITING. */
  public static final class DyingWriter {
    public static void main(String[] args) throws Exception {
      Configuration conf = new Configuration();
      conf.set("fs.defaultFS", args[0]);
      conf.setInt("ipc.client.connect.max.retries", 2);
      HadoopFileSystem fs = HadoopFileSystem.fromConfiguration(conf);
      HdfsFile out = fs.openOutputStream(args[1], ATOMIC);
      out.write(new byte[100 * 1024]);
      out.hflush();
      System.out.println("WRITING");
      System.out.flush();
      Thread.sleep(600_000);
      out.close();
    }
  }

  private RunningChildJvm writer(String target) throws IOException {
    RunningChildJvm child = RunningChildJvm.start(DyingWriter.class, List.of("-Xmx256m"), HDFS.hdfs().uri(), target);
    child.awaitLine("WRITING");
    return child;
  }

  /** Lets every lease not renewed in the last second expire (the soft limit), as 60 s of HDFS time would. */
  private static void expireDeadLeases() throws InterruptedException {
    HDFS.hdfs().cluster().setLeasePeriod(1_000, HARD_LIMIT);
    Thread.sleep(2_000);
  }

  @Test
  void killDashNineLeavesAnOpenTemporaryThatTheNextAtomicWriteRemoves() throws Exception {
    String target = dir + "/t";
    try (RunningChildJvm child = writer(target)) {
      assertEquals(137, child.kill());
    }
    Path temporary = new Path(dir, ".t.sluice-tmp-0");
    assertEquals(List.of(".t.sluice-tmp-0"), rawNames(dir));
    assertFalse(hadoop.isFileClosed(temporary), "still open for write: the dead writer's lease holds it");
    assertEquals(List.of(), fs.getFileInfo(new FileSelector(dir)), "hidden from listings");

    // Within the lease's soft limit the NameNode still counts the writer as alive: slot 1 is used.
    try (NativeFile out = fs.openOutputStream(target, ATOMIC)) {
      assertEquals(List.of(".t.sluice-tmp-0", ".t.sluice-tmp-1"), rawNames(dir));
      out.write(bytes("while leased"));
    }
    assertEquals(List.of(".t.sluice-tmp-0", "t"), rawNames(dir));

    expireDeadLeases();
    try (NativeFile out = fs.openOutputStream(target, ATOMIC)) {
      assertEquals(List.of(".t.sluice-tmp-0", "t"), rawNames(dir), "slot 0 reclaimed: the dead one was removed");
      out.write(bytes("next"));
    }
    assertEquals(List.of("t"), rawNames(dir), "nothing left behind");
    assertArrayEquals(bytes("next"), read(target));
  }

  @Test
  void cleanOrphansRemovesDeadWritersTemporariesButNeverALiveOnes() throws Exception {
    fs.createDir(dir + "/sub", false);
    try (RunningChildJvm live = writer(dir + "/live")) {
      try (RunningChildJvm dead = writer(dir + "/sub/dead")) {
        dead.kill();
      }
      NativeFile ours = fs.openOutputStream(dir + "/ours", ATOMIC);
      assertEquals(List.of(), FileSystems.cleanOrphans(fs, dir, Duration.ZERO),
          "within the soft limit the NameNode counts both leases as live");

      expireDeadLeases();
      assertEquals(List.of(dir + "/sub/.dead.sluice-tmp-0"), FileSystems.cleanOrphans(fs, dir + "/sub", Duration.ZERO));
      // Back to the HDFS default: the live writer renewed its lease within the last 60 s.
      HDFS.hdfs().cluster().setLeasePeriod(SOFT_LIMIT, HARD_LIMIT);
      assertEquals(List.of(), FileSystems.cleanOrphans(fs, dir, Duration.ZERO));
      assertEquals(List.of(".live.sluice-tmp-0", ".ours.sluice-tmp-0", "sub"), rawNames(dir));
      assertEquals(List.of(), rawNames(dir + "/sub"));
      assertFalse(hadoop.isFileClosed(new Path(dir, ".live.sluice-tmp-0")), "the live writer still holds it open");
      ours.close();
      live.kill();
    }
    assertEquals(List.of(".live.sluice-tmp-0", "ours", "sub"), rawNames(dir));
  }

  @Test
  void sigtermOfAWriterLeavesNothing() throws Exception {
    String target = dir + "/t";
    try (RunningChildJvm child = writer(target)) {
      assertEquals(List.of(".t.sluice-tmp-0"), rawNames(dir));
      assertEquals(143, child.terminate());
    }
    assertEquals(List.of(), rawNames(dir));
  }

  @Test
  void closingTheFileSystemDiscardsItsOpenAtomicWrites() throws IOException {
    HadoopFileSystem other = HDFS.hdfs().connect();
    NativeFile out = other.openOutputStream(dir + "/t", ATOMIC);
    out.write(bytes("never"));
    assertEquals(List.of(".t.sluice-tmp-0"), rawNames(dir));
    other.close();
    assertEquals(List.of(), rawNames(dir));
    assertThrows(IOException.class, out::close);
    assertFalse(fs.getFileInfo(dir + "/t").exists());
    List<FileInfo> listed = fs.getFileInfo(new FileSelector(dir));
    assertTrue(listed.isEmpty(), listed.toString());
  }
}
