package io.sluice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.fs.MemoryFileSystem;
import io.sluice.io.BufferOutputStream;
import io.sluice.io.BufferReader;
import io.sluice.io.BufferedInputStream;
import io.sluice.io.BufferedOutputStream;
import io.sluice.io.CompressedInputStream;
import io.sluice.io.CompressedOutputStream;
import io.sluice.io.FixedSizeBufferWriter;
import io.sluice.io.JavaFile;
import io.sluice.io.NativeFile;
import io.sluice.io.OwnedFile;
import io.sluice.memory.Buffer;
import io.sluice.memory.MutableBuffer;
import io.sluice.memory.ResizableBuffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The facade's dispatch and rules for in-memory and Java-stream sources (paths: connector-local's SluiceLocalTest). */
class SluiceTest {
  private static final byte[] DATA = "hello sluice\nsecond line\n".getBytes(StandardCharsets.US_ASCII);

  @Test
  void wrapIsZeroCopy() {
    byte[] array = {1, 2, 3};
    MutableBuffer buffer = Sluice.wrap(array);
    array[1] = 9;
    assertEquals(9, buffer.getByte(1));
    Buffer view = Sluice.wrap(ByteBuffer.wrap(array, 1, 2));
    assertEquals(2, view.size());
    assertEquals(9, view.getByte(0));
    assertThrows(NullPointerException.class, () -> Sluice.wrap((byte[]) null));
  }

  @Test
  void allocationsCountInTheDefaultPool() {
    long before = Sluice.totalAllocatedBytes();
    try (MutableBuffer a = Sluice.allocateBuffer(1000); ResizableBuffer b = Sluice.allocateResizableBuffer(64)) {
      assertEquals(before + 1024 + 64, Sluice.totalAllocatedBytes());
      assertEquals(1000, a.size());
      assertEquals(64, b.size());
      assertSame(Sluice.defaultMemoryPool(), io.sluice.memory.MemoryPools.defaultPool());
    }
    assertEquals(before, Sluice.totalAllocatedBytes());
  }

  @Test
  void nativeFileSourceIsReturnedAsIs() throws Exception {
    try (NativeFile file = new BufferReader(Buffer.wrap(DATA))) {
      assertSame(file, Sluice.inputStream(file));
      assertSame(file, Sluice.inputStream(file, null, 0));
    }
  }

  @Test
  void inMemorySourcesAreReadZeroCopyAndNeverDecompressedImplicitly() throws Exception {
    byte[] gz = gzip(DATA);
    for (Object source : new Object[] {gz, Buffer.wrap(gz), ByteBuffer.wrap(gz)}) {
      try (NativeFile file = Sluice.inputStream(source)) {
        assertInstanceOf(BufferReader.class, file);
        assertArrayEquals(gz, file.read(), "source " + source.getClass());
      }
    }
  }

  @Test
  void explicitCodecDecompressesABuffer() throws Exception {
    try (NativeFile file = Sluice.inputStream(gzip(DATA), "gzip", 0)) {
      assertInstanceOf(CompressedInputStream.class, file);
      assertArrayEquals(DATA, file.read());
    }
  }

  @Test
  void layeringIsRawThenBufferedThenCompressed() throws Exception {
    try (NativeFile file = Sluice.inputStream(gzip(DATA), "gzip", 4096)) {
      CompressedInputStream compressed = assertInstanceOf(CompressedInputStream.class, file);
      BufferedInputStream buffered = assertInstanceOf(BufferedInputStream.class, compressed.raw());
      assertEquals(4096, buffered.bufferSize());
      assertArrayEquals(DATA, file.read());
    }
    try (NativeFile file = Sluice.inputStream(DATA, null, 16)) {
      assertInstanceOf(BufferedInputStream.class, file);
      assertArrayEquals("hello sluice\n".getBytes(StandardCharsets.US_ASCII), file.readLine());
    }
  }

  @Test
  void javaInputStreamIsWrapped() throws Exception {
    try (NativeFile file = Sluice.inputStream(new ByteArrayInputStream(DATA))) {
      assertInstanceOf(JavaFile.class, file);
      assertArrayEquals(DATA, file.read());
    }
  }

  @Test
  void negativeBufferSizeAndUnknownCodecAreRejected() {
    IllegalArgumentException negative =
        assertThrows(IllegalArgumentException.class, () -> Sluice.inputStream(DATA, null, -5));
    assertTrue(negative.getMessage().contains("-5"), negative.getMessage());
    IllegalArgumentException codec =
        assertThrows(IllegalArgumentException.class, () -> Sluice.inputStream(DATA, "nope", 0));
    assertTrue(codec.getMessage().contains("nope"), codec.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Sluice.outputStream(new ByteArrayOutputStream(), null, -1));
  }

  @Test
  void unsupportedTypesNameTheirClass() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sluice.inputStream(42));
    assertTrue(e.getMessage().contains("java.lang.Integer"), e.getMessage());
    assertThrows(NullPointerException.class, () -> Sluice.inputStream((Object) null));
    assertThrows(NullPointerException.class, () -> Sluice.outputStream((Object) null));
    assertThrows(IllegalArgumentException.class, () -> Sluice.outputStream(Buffer.wrap(ByteBuffer.allocate(4).asReadOnlyBuffer())));
  }

  @Test
  void mutableTargetsAreWrittenInPlace() throws Exception {
    byte[] array = new byte[5];
    try (NativeFile file = Sluice.outputStream(array)) {
      assertInstanceOf(FixedSizeBufferWriter.class, file);
      file.write(new byte[] {1, 2, 3});
      assertThrows(EOFException.class, () -> file.write(new byte[] {4, 5, 6}));
    }
    assertArrayEquals(new byte[] {1, 2, 3, 0, 0}, array);

    ByteBuffer direct = ByteBuffer.allocateDirect(4);
    try (NativeFile file = Sluice.outputStream(direct)) {
      file.write(new byte[] {7, 8});
    }
    assertEquals(7, direct.get(0));
    assertEquals(8, direct.get(1));

    try (MutableBuffer target = Sluice.allocateBuffer(3); NativeFile file = Sluice.outputStream(target)) {
      file.write(new byte[] {9, 9, 9});
      assertEquals("090909", target.hex());
    }
  }

  @Test
  void outputStreamCompressesOverBufferedOverRaw() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (NativeFile file = Sluice.outputStream(sink, "gzip", 1024)) {
      CompressedOutputStream compressed = assertInstanceOf(CompressedOutputStream.class, file);
      assertEquals(1024, assertInstanceOf(BufferedOutputStream.class, compressed.raw()).bufferSize());
      file.write(DATA);
    }
    assertArrayEquals(DATA, new GZIPInputStream(new ByteArrayInputStream(sink.toByteArray())).readAllBytes());
  }

  @Test
  void javaOutputStreamTargetIsNotCompressedByDetect() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (NativeFile file = Sluice.outputStream(sink)) {
      file.write(DATA);
    }
    assertArrayEquals(DATA, sink.toByteArray());
  }

  @Test
  void compressAndDecompressRoundTrip() throws Exception {
    try (Buffer compressed = Sluice.compress(Buffer.wrap(DATA), "zstd");
        Buffer back = Sluice.decompress(compressed, DATA.length, "zstd")) {
      assertArrayEquals(DATA, back.toByteArray());
    }
    assertThrows(IllegalArgumentException.class, () -> Sluice.compress(Buffer.wrap(DATA), "zip"));
  }

  @Test
  void memoryMapWithoutConnectorLocalNamesTheArtifact() {
    UnsupportedOperationException e =
        assertThrows(UnsupportedOperationException.class, () -> Sluice.memoryMap("/tmp/x", "r"));
    assertTrue(e.getMessage().contains("io.sluice:connector-local"), e.getMessage());
  }

  @Test
  void bufferOutputStreamAsTargetIsReturnedAsIs() throws Exception {
    try (BufferOutputStream out = new BufferOutputStream()) {
      assertSame(out, Sluice.outputStream(out, null, 0));
      out.write(DATA);
      try (Buffer value = out.getValue()) {
        assertArrayEquals(DATA, value.toByteArray());
      }
    }
  }

  private static byte[] gzip(byte[] data) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  @Test
  void memUrisWorkThroughTheFacadeAndTheirFilesAreNotWrapped() throws Exception {
    MemoryFileSystem mem = MemoryFileSystem.named("sluice-test");
    try {
      mem.createDir("/d", false);
      try (NativeFile out = Sluice.outputStream("mem://sluice-test/d/data.csv.gz")) {
        out.write(DATA);
      }
      try (NativeFile raw = mem.openInputFile("/d/data.csv.gz")) {
        byte[] stored = raw.read();
        assertEquals(0x1f, stored[0] & 0xff, "compressed by the extension");
        assertEquals(0x8b, stored[1] & 0xff);
      }
      try (NativeFile in = Sluice.inputStream(URI.create("mem://sluice-test/d/data.csv.gz"))) {
        assertArrayEquals(DATA, in.read());
      }
      // A memory file system holds nothing to release, so the file is not tied to it.
      try (NativeFile plain = Sluice.inputStream("mem://sluice-test/d/data.csv.gz", null, 0)) {
        assertFalse(plain instanceof OwnedFile, plain.getClass().getName());
      }
      assertFalse(mem.closeReleasesResources());
    } finally {
      MemoryFileSystem.unregister("sluice-test");
    }
  }
}
