package io.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.fs.FileSystem;
import io.sluice.fs.FileSystemAndPath;
import io.sluice.hdfs.HadoopFileSystem;
import io.sluice.local.LocalFileSystem;
import org.junit.jupiter.api.Test;

/** FileSystem.fromUri with both connectors on the class path (as the CLI has them). */
class FromUriRoutingTest {
  @Test
  void fileUrisStayLocalEvenWithTheHadoopConnectorPresent() throws Exception {
    FileSystemAndPath resolved = FileSystem.fromUri("file:///tmp/a%20b.txt");
    assertTrue(resolved.fs() instanceof LocalFileSystem, resolved.fs().toString());
    assertEquals("/tmp/a b.txt", resolved.path());
    assertTrue(FileSystem.fromUri("/tmp/x").fs() instanceof LocalFileSystem);
  }

  @Test
  void otherSchemesTheHadoopClientKnowsGoToHadoopFileSystem() throws Exception {
    FileSystemAndPath resolved = FileSystem.fromUri("webhdfs://127.0.0.1:1/some/dir");
    try (FileSystem fs = resolved.fs()) {
      assertTrue(fs instanceof HadoopFileSystem, fs.toString());
      assertEquals("hdfs", fs.typeName());
      assertEquals("/some/dir", resolved.path());
    }
  }

  @Test
  void schemesNobodyServesListTheArtifacts() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FileSystem.fromUri("nosuchscheme://x/y"));
    assertTrue(e.getMessage().contains("'nosuchscheme'") && e.getMessage().contains("io.sluice:connector-hdfs"),
        e.getMessage());
  }

  @Test
  void failFastSettingsAreCodeSettingsNotQueryKeys() {
    // The URI allow-list refuses ipc.* keys in a query, so the CLI passes them as settings from code.
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> FileSystem.fromUri("hdfs://nn:8020/p?ipc.client.connect.timeout=100"));
    assertTrue(refused.getMessage().contains("ipc.client.connect.timeout"), refused.getMessage());
    assertEquals("0", Locations.FAIL_FAST.get("ipc.client.connect.max.retries"));
  }
}
