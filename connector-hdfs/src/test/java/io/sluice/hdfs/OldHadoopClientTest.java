package io.sluice.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.io.Range;
import io.sluice.memory.Buffer;
import io.sluice.testing.ChildJvm;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * HadoopFileSystem on the Hadoop clients Spark puts first on its class path: 3.3.4 (Spark 3.5: no
 * {@code FileRange}, no {@code readVectored}) and 3.4.2 (Spark 4). A child JVM with that client's
 * jars instead of 3.5.0 reads ranges from this test's MiniDFSCluster. Before, {@code readRanges}
 * failed on 3.3.4 with {@code NoClassDefFoundError: org/apache/hadoop/fs/FileRange}.
 */
class OldHadoopClientTest {
  @RegisterExtension
  static final MiniHdfsExtension HDFS = MiniHdfsExtension.perClass(new MiniHdfs.Settings(1, false));

  private static final String PATH = "/old-client/data.bin";
  private static final byte[] DATA = TestData.random(3 * MiniHdfs.BLOCK_SIZE + 77, 11);

  @BeforeAll
  static void writeData() throws Exception {
    try (FileSystem fs = HDFS.hdfs().hadoopClient()) {
      TestData.write(fs, PATH, DATA);
    }
  }

  @ParameterizedTest
  @CsvSource({"3.3.4, FileRange absent", "3.4.2, FileRange present"})
  void readRangesWorksOnTheHadoopClientsSparkShips(String version, String fileRangeLine) throws Exception {
    List<String> classPath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (!name.startsWith("hadoop-client-")) {
        classPath.add(entry);
      }
    }
    try (Stream<Path> jars = Files.list(Path.of("target", "hadoop-client-" + version))) {
      jars.forEach(jar -> classPath.add(jar.toAbsolutePath().toString()));
    }
    ChildJvm.Result result = ChildJvm.run(Scenario.class, List.of(), String.join(File.pathSeparator, classPath),
        Duration.ofSeconds(120), String.valueOf(HDFS.hdfs().nameNodePort()));
    assertFalse(result.crashed(), result.describe());
    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.lines().contains("hadoop " + version), result.describe());
    assertTrue(result.lines().contains(fileRangeLine), result.describe());
    long expectedSum = 0;
    for (int[] range : Scenario.RANGES) {
      for (int i = range[0]; i < range[0] + range[1]; i++) {
        expectedSum += DATA[i] & 0xFF;
      }
    }
    assertTrue(result.lines().contains("ranges " + Scenario.RANGES.length + " sum " + expectedSum), result.describe());
  }

  /** Connects with the old client and reads ranges in and across blocks; prints what it saw. */
  public static final class Scenario {
    static final int[][] RANGES = {
        {10, 100}, {MiniHdfs.BLOCK_SIZE - 5, 10}, {2 * MiniHdfs.BLOCK_SIZE, 5000}, {3 * MiniHdfs.BLOCK_SIZE, 77}};

    public static void main(String[] args) throws Exception {
      System.out.println("hadoop " + org.apache.hadoop.util.VersionInfo.getVersion());
      try {
        Class.forName("org.apache.hadoop.fs.FileRange");
        System.out.println("FileRange present");
      } catch (ClassNotFoundException expected) {
        System.out.println("FileRange absent");
      }
      HdfsOptions options = HdfsOptions.builder().host("127.0.0.1").port(Integer.parseInt(args[0]))
          .extraConf("dfs.client.context", "old-client-" + System.nanoTime()).build();
      try (HadoopFileSystem fs = HadoopFileSystem.connect(options); HdfsFile file = fs.openInputFile(PATH)) {
        List<Range> ranges = Arrays.stream(RANGES).map(r -> Range.of(r[0], r[1])).toList();
        long sum = 0;
        for (Buffer buffer : file.readRanges(ranges)) {
          try (buffer) {
            for (long i = 0; i < buffer.size(); i++) {
              sum += buffer.getByte(i) & 0xFF;
            }
          }
        }
        System.out.println("ranges " + ranges.size() + " sum " + sum);
      }
    }
  }
}
