package io.sluice.hdfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.fs.FileInfo;
import io.sluice.fs.FileSelector;
import io.sluice.fs.FileSystem;
import io.sluice.fs.FileSystemAndPath;
import io.sluice.fs.WriteOptions;
import io.sluice.io.NativeFile;
import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** HadoopFileSystem's FileSystem behaviours and HdfsFile writers on a real MiniDFSCluster. */
class HadoopFileSystemTest {
  @RegisterExtension
  static final MiniHdfsExtension HDFS = MiniHdfsExtension.shared(new MiniHdfs.Settings(1, true));

  private static HadoopFileSystem fs;
  private static org.apache.hadoop.fs.FileSystem hadoop;
  private String dir;

  @BeforeAll
  static void connect() throws IOException {
    fs = HDFS.hdfs().connect();
    hadoop = HDFS.hdfs().hadoopClient();
  }

  @AfterAll
  static void disconnect() throws IOException {
    fs.close();
    hadoop.close();
  }

  @BeforeEach
  void freshDirectory() throws IOException {
    dir = "/fs-test/" + UUID.randomUUID();
    fs.createDir(dir, true);
  }

  private String write(String name, byte[] content) throws IOException {
    String path = dir + "/" + name;
    try (NativeFile out = fs.openOutputStream(path, null, 0)) { // bytes as given, whatever the name
      assertEquals(content.length, out.write(content));
    }
    return path;
  }

  private byte[] readAll(String path) throws IOException {
    try (NativeFile in = fs.openInputFile(path)) {
      return in.read();
    }
  }

  // What every file system does (metadata, listings, directories, delete / move / copy, output,
  // append and atomic streams) is in HadoopFileSystemContractTest (FileSystemContract); this class
  // keeps what is HDFS's own.

  // ---------------------------------------------------------------- reading

  @Test
  void openingAMissingFileThrowsFileNotFound() {
    assertThrows(FileNotFoundException.class, () -> fs.openInputFile(dir + "/missing"));
    assertThrows(FileNotFoundException.class, () -> fs.openInputStream(dir + "/missing"));
  }

  @Test
  void outputOverADirectoryIsFileAlreadyExists() {
    assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> fs.openOutputStream(dir));
  }

  @Test
  void readsLandInPoolMemoryAndSeekPastEndIsEof() throws IOException {
    byte[] content = TestData.random(2 * MiniHdfs.BLOCK_SIZE + 5, 3);
    String path = write("data", content);
    try (HadoopFileSystem remote = HadoopFileSystem.connect(HDFS.hdfs().options().shortCircuit(false).build());
        HdfsFile file = remote.openInputFile(path)) {
      assertEquals("rb", file.mode());
      assertTrue(file.seekable());
      assertEquals(content.length, file.size());
      long before = MemoryPools.defaultPool().bytesAllocated();
      try (Buffer buffer = file.readBufferAt(10, content.length - 10)) {
        assertEquals(before + roundUp64(content.length - 10), MemoryPools.defaultPool().bytesAllocated(),
            "one pool allocation of the read's size");
        assertArrayEquals(TestData.slice(content, 10, content.length - 10), buffer.toByteArray());
      }
      try (MutableBuffer target = MemoryPools.defaultPool().allocate(1000)) {
        file.seek(MiniHdfs.BLOCK_SIZE - 500);
        assertEquals(1000, file.readInto(target));
        assertArrayEquals(TestData.slice(content, MiniHdfs.BLOCK_SIZE - 500, 1000), target.toByteArray());
      }
      ByteBuffer direct = ByteBuffer.allocateDirect(100);
      assertEquals(100, file.readInto(direct));
      assertEquals(MiniHdfs.BLOCK_SIZE + 600, file.tell());

      EOFException e = assertThrows(EOFException.class, () -> file.seek(content.length + 1));
      assertTrue(e.getMessage().contains(String.valueOf(content.length + 1)), e.getMessage());
      assertEquals(MiniHdfs.BLOCK_SIZE + 600, file.tell(), "position unchanged");
      assertEquals(content.length, file.seek(content.length));
      assertEquals(0, file.read(10).length);
    }
  }

  private static long roundUp64(long n) {
    return (n + 63) / 64 * 64;
  }

  // ---------------------------------------------------------------- writing

  @Test
  void writerCountsBytesAndHflushMakesThemVisible() throws IOException {
    String path = dir + "/w";
    byte[] first = TestData.random(1000, 1);
    try (HdfsFile out = fs.openOutputStream(path, WriteOptions.DEFAULT)) {
      assertEquals("wb", out.mode());
      assertTrue(out.writable());
      assertFalse(out.readable());
      assertFalse(out.seekable());
      out.write(first);
      try (MutableBuffer pooled = MemoryPools.defaultPool().allocate(500)) {
        pooled.fill((byte) 7);
        assertEquals(500, out.write(pooled));
      }
      assertEquals(1500, out.tell());
      assertEquals(1500, out.size());
      out.hflush();
      assertEquals(1500, hadoop.open(new Path(path)).readAllBytes().length, "hflush made the bytes visible");
      out.write(ByteBuffer.wrap(new byte[] {1, 2}));
      out.hsync();
      assertThrows(UnsupportedOperationException.class, () -> out.read(1));
      assertThrows(UnsupportedOperationException.class, () -> out.seek(0));
    }
    byte[] back = readAll(path);
    assertEquals(1502, back.length);
    assertArrayEquals(first, TestData.slice(back, 0, 1000));
    assertEquals(7, back[1499]);
    assertEquals(2, back[1501]);
  }

  @Test
  void closedWriterRefusesHflush() throws IOException {
    HdfsFile out = fs.openOutputStream(dir + "/closed", WriteOptions.DEFAULT);
    out.close();
    out.close(); // idempotent
    IOException e = assertThrows(IOException.class, out::hflush);
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
  }

  // ---------------------------------------------------------------- atomic writes

  @Test
  void abortedOrAbandonedAtomicWriteLeavesNothingVisible() throws IOException {
    String path = dir + "/never.bin";
    HdfsFile out = fs.openOutputStream(path, WriteOptions.builder().atomic(true).build());
    out.write(new byte[100]);
    out.hflush();
    // A writer that dies before close: only a hidden temporary name exists, left out of listings.
    assertEquals(List.of(), fs.getFileInfo(new FileSelector(dir)));
    org.apache.hadoop.fs.FileStatus[] raw = hadoop.listStatus(new org.apache.hadoop.fs.Path(dir));
    assertEquals(1, raw.length);
    assertEquals(".never.bin.sluice-tmp-0", raw[0].getPath().getName());
    assertFalse(fs.getFileInfo(path).exists());

    IOException e = assertThrows(IOException.class, out::abort);
    assertTrue(e.getMessage().contains("not published"), e.getMessage());
    assertTrue(out.isClosed());
    assertFalse(fs.getFileInfo(path).exists());
    assertEquals(List.of(), fs.getFileInfo(new FileSelector(dir)), "the temporary file was deleted");
  }

  private static List<String> paths(List<FileInfo> infos) {
    return infos.stream().map(FileInfo::path).toList();
  }

  // ---------------------------------------------------------------- construction, options, URIs

  @Test
  void optionsCompareByValueAndSoDoFileSystems() throws IOException {
    HdfsOptions a = HDFS.hdfs().options().user("alice").extraConf("k", "v").build();
    HdfsOptions b = HDFS.hdfs().options().user("alice").extraConf("k", "v").build();
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, a.toBuilder().replication(2).build());
    try (HadoopFileSystem x = HadoopFileSystem.connect(a); HadoopFileSystem y = HadoopFileSystem.connect(b)) {
      assertEquals(x, y);
      assertNotEquals(x.configuration().get("dfs.client.context"), y.configuration().get("dfs.client.context"),
          "each instance has its own client context");
    }
  }

  @Test
  void badOptionValuesNameTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HdfsOptions.builder().port(-5));
    assertTrue(e.getMessage().contains("-5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> HdfsOptions.builder().replication(0));
    assertTrue(e.getMessage().contains("0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> HdfsOptions.builder().bufferSize(-1));
    assertTrue(e.getMessage().contains("-1"), e.getMessage());
    NullPointerException npe = assertThrows(NullPointerException.class, () -> HdfsOptions.builder().host(null));
    assertTrue(npe.getMessage().contains("host"), npe.getMessage());
  }

  @Test
  void userOptionActsAsThatUser() throws IOException {
    try (HadoopFileSystem asBob = HadoopFileSystem.connect(HDFS.hdfs().options().user("bob").build())) {
      String path = dir + "/bobs";
      hadoop.setPermission(new Path(dir), new org.apache.hadoop.fs.permission.FsPermission((short) 0777));
      try (NativeFile out = asBob.openOutputStream(path)) {
        out.write(new byte[] {1});
      }
      assertEquals("bob", hadoop.getFileStatus(new Path(path)).getOwner());
    }
  }

  @Test
  void fromConfigurationUsesDefaultFs() throws IOException {
    String path = write("conf", new byte[] {4, 2});
    try (HadoopFileSystem viaConf = HadoopFileSystem.fromConfiguration(HDFS.hdfs().clientConfiguration())) {
      assertNull(viaConf.options());
      assertArrayEquals(new byte[] {4, 2}, viaConf.openInputFile(path).read());
    }
  }

  @Test
  void fromUriRoutesHdfsWithQueryOptions() throws IOException {
    String path = write("uri", new byte[] {8});
    String uri = "hdfs://127.0.0.1:" + HDFS.hdfs().nameNodePort() + path + "?user=carol&replication=1&dfs.client.retry.window.base=10";
    FileSystemAndPath resolved = FileSystem.fromUri(uri);
    try (FileSystem routed = resolved.fs()) {
      HadoopFileSystem hdfs = assertInstanceOf(HadoopFileSystem.class, routed);
      assertEquals(path, resolved.path());
      assertEquals("carol", hdfs.options().user());
      assertEquals(1, hdfs.options().replication());
      assertEquals("10", hdfs.options().extraConf().get("dfs.client.retry.window.base"));
      try (NativeFile in = routed.openInputFile(resolved.path())) {
        assertArrayEquals(new byte[] {8}, in.read());
      }
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FileSystem.fromUri("hdfs://127.0.0.1:1/x?replication=many"));
    assertTrue(e.getMessage().contains("many"), e.getMessage());
  }
}
