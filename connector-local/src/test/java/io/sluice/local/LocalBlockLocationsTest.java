package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.fs.BlockLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local file is one block on localhost, as Hadoop's LocalFileSystem reports it. */
class LocalBlockLocationsTest {
  @TempDir
  Path dir;

  @Test
  void aLocalFileIsOneBlockOnLocalhost() throws IOException {
    Path file = dir.resolve("f.bin");
    Files.write(file, new byte[1000]);
    LocalFileSystem fs = new LocalFileSystem(false);
    assertEquals(List.of(new BlockLocation(0, 1000, List.of("localhost"))),
        fs.getFileBlockLocations(file.toString(), 10, 20));
    assertEquals(List.of(), fs.getFileBlockLocations(file.toString(), 1000, 20), "past the end");
    assertEquals(List.of(), fs.getFileBlockLocations(file.toString(), 0, 0), "an empty range");
    Files.write(dir.resolve("empty"), new byte[0]);
    assertEquals(List.of(), fs.getFileBlockLocations(dir.resolve("empty").toString(), 0, 10));
    assertThrows(NoSuchFileException.class, () -> fs.getFileBlockLocations(dir.resolve("nope").toString(), 0, 1));
    assertThrows(IOException.class, () -> fs.getFileBlockLocations(dir.toString(), 0, 1));
    IllegalArgumentException negative =
        assertThrows(IllegalArgumentException.class, () -> fs.getFileBlockLocations(file.toString(), -5, 1));
    assertEquals("start must not be negative: -5", negative.getMessage());
  }
}
