package io.sluice.io;

import java.io.IOException;

/**
 * Opens memory maps of local files for {@code Sluice.memoryMap} and {@code Sluice.createMemoryMap},
 * so that core reaches the local connector through a typed {@link java.util.ServiceLoader} service
 * instead of reflection. {@code io.sluice:connector-local} provides it (listed in its
 * {@code META-INF/services/io.sluice.io.MemoryMapFactory}); users call the facade, not this.
 */
public interface MemoryMapFactory {
  /** Maps an existing file; {@code mode} is {@code "r"}, {@code "r+"} or {@code "w"}, as PyArrow's {@code memory_map}. */
  NativeFile open(String path, String mode) throws IOException;

  /** Creates (or truncates) a file of {@code size} bytes and maps it read-write, as PyArrow's {@code create_memory_map}. */
  NativeFile create(String path, long size) throws IOException;
}
