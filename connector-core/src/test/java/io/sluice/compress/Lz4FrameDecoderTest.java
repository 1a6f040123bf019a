package io.sluice.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import net.jpountz.xxhash.XXHashFactory;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream.BlockSize;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream.Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Lz4FrameDecoderStream}, Sluice's LZ4 frame reader for linked blocks: byte-exact on what
 * the {@code lz4} tool writes in every mode, exact errors for each kind of damage, and a bounded
 * fuzz run in which every input either decodes or fails with exactly an {@link IOException} or
 * {@link EOFException} naming the codec (no index errors, no other runtime exception).
 */
class Lz4FrameDecoderTest {
  private static final int FLG_LINKED = 0x40; // version 1, linked blocks, no checksums
  private static final int BD_64K = 0x40;

  @TempDir
  Path dir;

  /** Data with matches at every distance up to the 64 KiB window, across block boundaries. */
  private static byte[] windowExercisingData(int size, long seed) {
    Random random = new Random(seed);
    byte[] data = new byte[size];
    int at = 0;
    while (at < size) {
      int kind = random.nextInt(4);
      int run = Math.min(size - at, 1 + random.nextInt(kind == 0 ? 40 : 3000));
      if (kind == 0 || at < 70_000) {
        byte[] text = CompressTestData.compressible(run, random.nextLong());
        System.arraycopy(text, 0, data, at, run);
      } else if (kind == 1) {
        int distance = 1 + random.nextInt(Math.min(at, 65_535));
        for (int i = 0; i < run; i++) {
          data[at + i] = data[at + i - distance]; // overlapping copies for short distances
        }
      } else if (kind == 2) {
        int distance = 60_000 + random.nextInt(5_536); // near the window's far edge
        for (int i = 0; i < run; i++) {
          data[at + i] = data[at + i - distance];
        }
      } else {
        byte[] noise = CompressTestData.random(run, random.nextLong());
        System.arraycopy(noise, 0, data, at, run);
      }
      at += run;
    }
    return data;
  }

  private static byte[] decodeAll(byte[] compressed, int maxChunk, long seed) throws IOException {
    Random random = new Random(seed);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = new Lz4FrameDecoderStream("lz4", new ByteArrayInputStream(compressed))) {
      byte[] chunk = new byte[maxChunk];
      while (true) {
        int n = in.read(chunk, 0, 1 + random.nextInt(maxChunk));
        if (n < 0) {
          return out.toByteArray();
        }
        out.write(chunk, 0, n);
      }
    }
  }

  private static byte[] commonsLinkedFrame(byte[] data, BlockSize size, boolean blockChecksum) throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (FramedLZ4CompressorOutputStream out = new FramedLZ4CompressorOutputStream(sink,
        new Parameters(size, true, blockChecksum, true))) {
      out.write(data);
    }
    return sink.toByteArray();
  }

  // ------------------------------------------------------------------ what the lz4 tool writes

  @ParameterizedTest
  @ValueSource(strings = {"-BD -B4", "-BD -B5", "-BD -B6", "-BD -B7", "-BI -B4", "-BI -B7", "-BD -B4 -BX",
      "-BD -B4 --no-frame-crc", "-BD -B5 --content-size", "-BD -B4 -9", "-BD -B4 --fast=3",
      "-BD -B4 -BX --content-size -12"})
  void decodesWhatTheLz4ToolWritesByteExact(String options) throws Exception {
    assumeTrue(CliToolInteropTest.onPath("lz4"), "command-line tool 'lz4' is not installed (apt-get install lz4)");
    for (int size : new int[] {0, 1, 65_536, 65_537, 3_000_000}) {
      byte[] data = size == 1 ? new byte[] {42} : windowExercisingData(size, size);
      byte[] compressed = lz4Tool(options, data);
      assertArrayEquals(data, decodeAll(compressed, 70_000, size), "lz4 " + options + ", size " + size);
      assertArrayEquals(data, CompressTestData.decompress(Codec.of("lz4"), compressed, 100_000, size),
          "through Codec.of(\"lz4\"): lz4 " + options + ", size " + size);
    }
  }

  @Test
  void concatenatedFramesOfEveryKindReadWhole() throws Exception {
    assumeTrue(CliToolInteropTest.onPath("lz4"), "command-line tool 'lz4' is not installed (apt-get install lz4)");
    byte[] a = windowExercisingData(300_000, 1);
    byte[] b = CompressTestData.random(70_000, 2);
    byte[] c = windowExercisingData(200_000, 3);
    byte[] sluice = CompressTestData.compress(Codec.of("lz4"), c); // independent blocks, content checksum
    byte[] skippable = {0x5A, 0x2A, 0x4D, 0x18, 3, 0, 0, 0, 1, 2, 3};
    byte[] joined = CompressTestData.concat(lz4Tool("-BD -B4", a), skippable, lz4Tool("-BI -BX -B5", b), sluice,
        lz4Tool("-BD -B6 --content-size", a));
    byte[] expected = CompressTestData.concat(a, b, c, a);
    assertArrayEquals(expected, decodeAll(joined, 9_000, 4));
    assertArrayEquals(expected, CompressTestData.decompress(Codec.of("lz4"), joined));
    // a stream that starts with a skippable frame goes to the same reader
    assertArrayEquals(CompressTestData.concat(b, a), CompressTestData.decompress(Codec.of("lz4"),
        CompressTestData.concat(skippable, lz4Tool("-BI", b), lz4Tool("-BD", a))));
  }

  @Test
  void singleByteReadsMatchBulkReads() throws IOException {
    byte[] data = windowExercisingData(150_000, 5);
    byte[] frame = commonsLinkedFrame(data, BlockSize.K64, true);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = new Lz4FrameDecoderStream("lz4", new ByteArrayInputStream(frame))) {
      for (int b = in.read(); b >= 0; b = in.read()) {
        out.write(b);
      }
      assertEquals(-1, in.read(new byte[10], 0, 10));
    }
    assertArrayEquals(data, out.toByteArray());
  }

  // ------------------------------------------------------------------ exact errors

  /** A frame of linked blocks (64 KiB maximum) holding {@code blocks} as compressed blocks. */
  private static byte[] handMadeFrame(int flg, byte[]... blocks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x04, 0x22, 0x4D, 0x18, (byte) flg, BD_64K});
    out.write((XXHashFactory.safeInstance().hash32().hash(new byte[] {(byte) flg, BD_64K}, 0, 2, 0) >>> 8) & 0xFF);
    for (byte[] block : blocks) {
      writeIntLE(out, block.length);
      out.writeBytes(block);
    }
    writeIntLE(out, 0);
    return out.toByteArray();
  }

  private static void writeIntLE(ByteArrayOutputStream out, int value) {
    out.write(value);
    out.write(value >>> 8);
    out.write(value >>> 16);
    out.write(value >>> 24);
  }

  private static <T extends IOException> T assertFails(Class<T> type, String message, byte[] input) {
    T e = assertThrows(type, () -> decodeAll(input, 1000, 1));
    assertEquals(type, e.getClass());
    assertEquals(message, e.getMessage());
    return e;
  }

  private static final byte[] EIGHT_LITERALS = {(byte) 0x80, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'};
  /** No literals, a match of 8 bytes at offset 8, then an empty last sequence. */
  private static final byte[] MATCH_8_BACK = {0x04, 0x08, 0x00, 0x00};

  @Test
  void linkedBlocksCopyFromThePreviousBlockAndIndependentOnesMayNot() throws IOException {
    assertArrayEquals("abcdefghabcdefgh".getBytes(StandardCharsets.US_ASCII),
        decodeAll(handMadeFrame(FLG_LINKED, EIGHT_LITERALS, MATCH_8_BACK), 100, 1));
    assertFails(IOException.class, "lz4: corrupt LZ4 block: match offset 8 reaches before the window (0 bytes of "
        + "history) (at output byte 0 of the block)", handMadeFrame(FLG_LINKED | 0x20, EIGHT_LITERALS, MATCH_8_BACK));
  }

  @Test
  void offsetBeforeTheWindowOfTheFrame() {
    byte[] oneLiteralThenOffset2 = {0x10, 'x', 0x02, 0x00, 0x00};
    assertFails(IOException.class, "lz4: corrupt LZ4 block: match offset 2 reaches before the window (1 bytes of "
        + "history) (at output byte 1 of the block)", handMadeFrame(FLG_LINKED, oneLiteralThenOffset2));
    assertFails(IOException.class, "lz4: corrupt LZ4 block: match offset 0 (not a valid offset) (at output byte 1 "
        + "of the block)", handMadeFrame(FLG_LINKED, new byte[] {0x10, 'x', 0x00, 0x00, 0x00}));
  }

  @Test
  void literalAndMatchOverruns() {
    assertFails(IOException.class, "lz4: corrupt LZ4 block: literal run of 25 bytes overruns the block's 0 "
        + "remaining input bytes (at output byte 0 of the block)", handMadeFrame(FLG_LINKED, new byte[] {(byte) 0xF0, 10}));
    // a match fills the block up to 5 bytes before its maximum, then 10 literals follow
    byte[] fillThenLiterals = new byte[4 + 257 + 1 + 10];
    fillThenLiterals[0] = 0x1F; // 1 literal, match length 15 + extension
    fillThenLiterals[1] = 'x';
    fillThenLiterals[2] = 1; // offset 1
    Arrays.fill(fillThenLiterals, 4, 4 + 256, (byte) 255);
    fillThenLiterals[260] = (byte) 231; // match length 15 + 256 * 255 + 231 + 4 = 65530
    fillThenLiterals[261] = (byte) 0xA0; // 10 literals
    assertFails(IOException.class, "lz4: corrupt LZ4 block: literal run of 10 bytes overruns the block maximum by 5 "
        + "bytes (at output byte 65531 of the block)", handMadeFrame(FLG_LINKED, fillThenLiterals));
    byte[] bigMatch = new byte[4 + 258 + 1];
    bigMatch[0] = 0x1F; // 1 literal, match length 15 + extension
    bigMatch[1] = 'y';
    bigMatch[2] = 1; // offset 1
    Arrays.fill(bigMatch, 4, 4 + 258, (byte) 255);
    assertFails(IOException.class, "lz4: corrupt LZ4 block: match of 65809 bytes overruns the block maximum by 274 "
        + "bytes (at output byte 1 of the block)", handMadeFrame(FLG_LINKED, bigMatch));
    assertFails(IOException.class, "lz4: corrupt LZ4 block: block ends inside a match offset (at output byte 1 of "
        + "the block)", handMadeFrame(FLG_LINKED, new byte[] {0x10, 'x', 0x02}));
    assertFails(IOException.class, "lz4: corrupt LZ4 block: block ends inside a match length (at output byte 1 of "
        + "the block)", handMadeFrame(FLG_LINKED, new byte[] {0x1F, 'x', 0x01, 0x00, (byte) 255}));
  }

  @Test
  void frameLevelDamage() throws IOException {
    byte[] data = windowExercisingData(200_000, 7);
    byte[] frame = commonsLinkedFrame(data, BlockSize.K64, true);
    assertFails(EOFException.class, "lz4: truncated data: input ended inside the content checksum of frame 1 "
        + "(2 of 4 bytes)", Arrays.copyOf(frame, frame.length - 2));
    byte[] headerOnly = Arrays.copyOf(frame, 7);
    assertFails(EOFException.class, "lz4: truncated data: input ended inside the size of a block of frame 1 at "
        + "offset 7 (0 of 4 bytes)", headerOnly);
    int firstBlockSize = (frame[7] & 0xFF) | (frame[8] & 0xFF) << 8 | (frame[9] & 0xFF) << 16;
    assertFails(EOFException.class, "lz4: truncated data: input ended inside the block of " + firstBlockSize
        + " bytes at offset 7 (100 of " + firstBlockSize + " bytes)", Arrays.copyOf(frame, 7 + 4 + 100));

    byte[] badBlockChecksum = frame.clone();
    badBlockChecksum[7 + 4 + 20] ^= 1;
    IOException e = assertThrows(IOException.class, () -> decodeAll(badBlockChecksum, 1000, 1));
    assertTrue(e.getMessage().startsWith("lz4: corrupt LZ4 frame: block checksum mismatch for the block at offset 7: "),
        e.getMessage());

    byte[] badContentChecksum = frame.clone();
    badContentChecksum[frame.length - 1] ^= 1;
    e = assertThrows(IOException.class, () -> decodeAll(badContentChecksum, 1000, 1));
    assertTrue(e.getMessage().startsWith("lz4: corrupt LZ4 frame: content checksum mismatch in frame 1: 0x"),
        e.getMessage());

    byte[] badHeaderChecksum = frame.clone();
    badHeaderChecksum[6] ^= 1;
    e = assertThrows(IOException.class, () -> decodeAll(badHeaderChecksum, 1000, 1));
    assertTrue(e.getMessage().startsWith("lz4: corrupt LZ4 frame: header checksum 0x"), e.getMessage());

    assertFails(IOException.class, "lz4: trailing garbage after frame 1: bytes 0x47415242 at offset " + frame.length
        + " are not an LZ4 frame magic number", CompressTestData.concat(frame, "GARBAGE".getBytes(StandardCharsets.US_ASCII)));
    assertFails(EOFException.class, "lz4: truncated data: input ended inside the magic number at offset "
        + frame.length, CompressTestData.concat(frame, new byte[] {0x04, 0x22}));

    byte[] tooBig = handMadeFrame(FLG_LINKED, new byte[] {0x10, 'x'});
    tooBig[7] = 1;
    tooBig[9] = 1; // size field 65537
    assertFails(IOException.class, "lz4: corrupt LZ4 frame: block size 65537 at offset 7 is more than the frame's "
        + "block maximum 65536", tooBig);
  }

  @Test
  void headerFieldsAreChecked() {
    assertFails(IOException.class, "lz4: corrupt LZ4 frame: frame 1 at offset 0 has version 2, only version 1 exists",
        withHeader(0x80, BD_64K));
    assertFails(IOException.class, "lz4: corrupt LZ4 frame: frame 1 at offset 0 sets reserved bits (FLG 0x42, BD 0x40)",
        withHeader(0x42, BD_64K));
    assertFails(IOException.class, "lz4: corrupt LZ4 frame: frame 1 at offset 0 has block maximum size code 3 "
        + "(valid: 4 to 7)", withHeader(FLG_LINKED, 0x30));
    assertFails(IOException.class, "lz4: frame 1 at offset 0 needs dictionary 0x4030201; decoding with a dictionary "
        + "is not supported", withHeader(FLG_LINKED | 0x01, BD_64K, 1, 2, 3, 4));
    assertFails(IOException.class, "lz4: corrupt LZ4 frame: frame 1 decodes to 8 bytes, its header declares 9",
        withHeader(FLG_LINKED | 0x08, BD_64K, 9, 0, 0, 0, 0, 0, 0, 0));
  }

  /** A frame header with a correct header checksum, then one block of eight literals. */
  private static byte[] withHeader(int flg, int bd, int... optional) {
    byte[] descriptor = new byte[2 + optional.length];
    descriptor[0] = (byte) flg;
    descriptor[1] = (byte) bd;
    for (int i = 0; i < optional.length; i++) {
      descriptor[2 + i] = (byte) optional[i];
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x04, 0x22, 0x4D, 0x18});
    out.writeBytes(descriptor);
    out.write((XXHashFactory.safeInstance().hash32().hash(descriptor, 0, descriptor.length, 0) >>> 8) & 0xFF);
    writeIntLE(out, EIGHT_LITERALS.length);
    out.writeBytes(EIGHT_LITERALS);
    writeIntLE(out, 0);
    return out.toByteArray();
  }

  // ------------------------------------------------------------------ fuzz

  /**
   * Random flips (1 to 4 bytes), truncations and splices of linked frames, 4,000 rounds from a fixed
   * seed: each input decodes or fails with exactly IOException or EOFException naming the codec.
   * With a content checksum, an input that still decodes must give the original bytes unless a
   * flip hit the header (which can turn the checksum off and pass its 8-bit check by chance).
   */
  @Test
  void fuzzedFramesFailOnlyWithCodecNamedIoExceptions() throws IOException {
    Random random = new Random(20261207);
    List<byte[]> originals = new ArrayList<>();
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      byte[] data = windowExercisingData(5_000 + i * 40_000, 100 + i);
      originals.add(data);
      frames.add(commonsLinkedFrame(data, i % 2 == 0 ? BlockSize.K64 : BlockSize.K256, i >= 2));
    }
    int decoded = 0;
    int failed = 0;
    for (int round = 0; round < 4_000; round++) {
      int which = random.nextInt(frames.size());
      byte[] input = frames.get(which).clone();
      int kind = random.nextInt(10);
      boolean headerTouched = false;
      if (kind < 7) {
        for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
          int at = random.nextInt(input.length);
          headerTouched |= at < 7;
          input[at] ^= (byte) (1 + random.nextInt(255));
        }
      } else if (kind < 9) {
        input = Arrays.copyOf(input, random.nextInt(input.length));
      } else {
        int at = 7 + random.nextInt(input.length - 7);
        byte[] noise = CompressTestData.random(1 + random.nextInt(300), round);
        System.arraycopy(noise, 0, input, at, Math.min(noise.length, input.length - at));
      }
      try {
        byte[] out = decodeAll(input, 70_000, round);
        decoded++;
        if (!headerTouched && kind != 9) {
          assertArrayEquals(originals.get(which), out, "round " + round + " decoded wrong bytes without an error");
        }
      } catch (IOException e) {
        failed++;
        assertTrue(e.getClass() == IOException.class || e.getClass() == EOFException.class,
            "round " + round + ": " + e.getClass());
        assertTrue(e.getMessage().startsWith("lz4: "), "round " + round + ": " + e.getMessage());
      }
    }
    assertEquals(4_000, decoded + failed);
    assertTrue(failed > 3_000, "damage is detected: " + failed + " of 4000 failed");
  }

  // ------------------------------------------------------------------ the tool

  private byte[] lz4Tool(String options, byte[] data) throws IOException, InterruptedException {
    Path in = dir.resolve("data");
    Path out = dir.resolve("data.lz4");
    Files.write(in, data);
    List<String> command = new ArrayList<>(List.of("lz4", "-q", "-f"));
    command.addAll(Arrays.asList(options.split(" ")));
    command.addAll(List.of(in.toString(), out.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("lz4.log").toFile())
        .start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("lz4 hung: " + command);
    }
    assertEquals(0, process.exitValue(), command + ": " + Files.readString(dir.resolve("lz4.log")));
    return Files.readAllBytes(out);
  }
}
