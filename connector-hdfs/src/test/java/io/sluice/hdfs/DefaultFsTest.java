package io.sluice.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.fs.FileSystem;
import io.sluice.fs.FileSystemAndPath;
import io.sluice.io.NativeFile;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 case 2: {@code hdfs:///path} (no host) goes to the hdfs:// {@code fs.defaultFS} of
 * {@code HADOOP_CONF_DIR} (or the system property {@code sluice.hadoop.conf.dir}, or the class path)
 * and otherwise fails naming {@code fs.defaultFS} and {@code HADOOP_CONF_DIR}; it never opens a
 * local file.
 */
class DefaultFsTest {
  @RegisterExtension
  static final MiniHdfsExtension HDFS = MiniHdfsExtension.shared(MiniHdfs.STANDARD);

  private static final String REMOTE = "/default-fs-test/hello.txt";
  private static final String CONTENT = "hello from the cluster\n";

  @TempDir
  Path dir;

  @BeforeAll
  static void writeRemoteFile() throws IOException {
    try (org.apache.hadoop.fs.FileSystem client = HDFS.hdfs().hadoopClient();
        OutputStream out = client.create(new org.apache.hadoop.fs.Path(REMOTE), true)) {
      out.write(CONTENT.getBytes(StandardCharsets.UTF_8));
    }
  }

  @AfterEach
  void clearProperty() {
    System.clearProperty(DefaultFs.CONF_DIR_PROPERTY);
  }

  private Path confDir(String defaultFs) throws IOException {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    if (defaultFs != null) {
      Files.writeString(conf.resolve("core-site.xml"), "<?xml version=\"1.0\"?>\n<configuration>\n"
          + "  <property><name>fs.defaultFS</name><value>" + defaultFs + "</value></property>\n</configuration>\n");
    }
    return conf;
  }

  /** The report: hdfs:///etc/hostname read the local file. Now there is no configuration, so it fails. */
  @Test
  void withoutConfigurationAHostlessUriFailsInsteadOfOpeningTheLocalFile() throws IOException {
    Path local = Files.writeString(dir.resolve("local.txt"), "local file\n");
    System.setProperty(DefaultFs.CONF_DIR_PROPERTY, confDir(null).toString()); // a conf dir without core-site.xml
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
      FileSystemAndPath opened = FileSystem.fromUri("hdfs://" + local);
      try (FileSystem fs = opened.fs(); NativeFile in = fs.openInputFile(opened.path())) {
        throw new AssertionError("opened " + fs + " and read " + new String(in.read(), StandardCharsets.UTF_8));
      }
    });
    assertTrue(e.getMessage().startsWith("'hdfs://" + local + "' names no NameNode and no fs.defaultFS is configured"),
        e.getMessage());
    assertTrue(e.getMessage().contains("HADOOP_CONF_DIR"), e.getMessage());
  }

  @Test
  void aLocalDefaultFsIsRefused() throws IOException {
    for (String notHdfs : List.of("file:///", "viewfs://cluster", "hdfs:///", "webhdfs://nn:9870")) {
      System.setProperty(DefaultFs.CONF_DIR_PROPERTY, confDir(notHdfs).toString());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> FileSystem.fromUri("hdfs:///etc/hostname"));
      assertTrue(e.getMessage().contains("fs.defaultFS in " + dir.resolve("conf").resolve("core-site.xml")
          + " (system property sluice.hadoop.conf.dir) is '" + notHdfs + "', not an hdfs://host URI"), e.getMessage());
      assertTrue(e.getMessage().contains("HADOOP_CONF_DIR"), e.getMessage());
    }
  }

  @Test
  void aHostlessUriReadsFromTheConfiguredCluster() throws IOException {
    System.setProperty(DefaultFs.CONF_DIR_PROPERTY, confDir(HDFS.hdfs().uri()).toString());
    FileSystemAndPath opened = FileSystem.fromUri("hdfs://" + REMOTE);
    try (HadoopFileSystem fs = assertInstanceOf(HadoopFileSystem.class, opened.fs());
        NativeFile in = fs.openInputFile(opened.path())) {
      assertInstanceOf(DistributedFileSystem.class, fs.hadoopFileSystem());
      assertEquals(URI.create(HDFS.hdfs().uri()), fs.hadoopFileSystem().getUri());
      assertEquals(CONTENT, new String(in.read(), StandardCharsets.UTF_8));
    }
    // hdfs:/path (no authority at all) means the same
    assertEquals(HdfsOptions.builder().host("127.0.0.1").port(HDFS.hdfs().nameNodePort()).build(),
        HadoopFileSystemProvider.optionsFromUri(URI.create("hdfs:/x")));
  }

  @Test
  void theHostlessUriQueryIsStillCheckedAgainstTheAllowList() throws IOException {
    System.setProperty(DefaultFs.CONF_DIR_PROPERTY, confDir(HDFS.hdfs().uri()).toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FileSystem.fromUri("hdfs:///etc/hostname?fs.hdfs.impl=org.apache.hadoop.fs.RawLocalFileSystem"));
    assertTrue(e.getMessage().contains("'fs.hdfs.impl'"), e.getMessage());
  }

  @Test
  void opaqueHdfsUrisAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FileSystem.fromUri("hdfs:etc/hostname"));
    assertTrue(e.getMessage().contains("'hdfs:etc/hostname' is not a hierarchical URI"), e.getMessage());
  }

  /** The environment variable, which only a new process can be given: a child JVM reads the cluster through it. */
  @Test
  void hadoopConfDirFromTheEnvironmentIsUsed() throws Exception {
    Path conf = confDir(HDFS.hdfs().uri());
    Result withConf = runChild(conf.toString(), "hdfs://" + REMOTE);
    assertEquals(0, withConf.exitCode, withConf.output);
    assertTrue(withConf.output.contains("READ " + CONTENT.strip()), withConf.output);

    Path local = Files.writeString(dir.resolve("local.txt"), "local file\n");
    Result emptyConf = runChild(Files.createDirectories(dir.resolve("empty")).toString(), "hdfs://" + local);
    assertEquals(0, emptyConf.exitCode, emptyConf.output);
    assertTrue(emptyConf.output.contains("REFUSED java.lang.IllegalArgumentException: 'hdfs://" + local
        + "' names no NameNode and no fs.defaultFS is configured"), emptyConf.output);
    assertFalse(emptyConf.output.contains("local file"), emptyConf.output);
  }

  private record Result(int exitCode, String output) {}

  private static Result runChild(String hadoopConfDir, String uri) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (Runtime.version().feature() >= 23) {
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), ReadUri.class.getName(), uri));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("HADOOP_CONF_DIR", hadoopConfDir);
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  /** Child JVM: opens the URI and prints what it read, or the exception that refused it. */
  public static final class ReadUri {
    public static void main(String[] args) throws IOException {
      try {
        FileSystemAndPath opened = FileSystem.fromUri(args[0]);
        try (FileSystem fs = opened.fs(); NativeFile in = fs.openInputFile(opened.path())) {
          System.out.println("READ " + new String(in.read(), StandardCharsets.UTF_8).strip());
        }
      } catch (IllegalArgumentException e) {
        System.out.println("REFUSED " + e);
      }
    }
  }
}
