package io.sluice.local;

import io.sluice.io.MemoryMapFactory;
import io.sluice.io.NativeFile;
import java.io.IOException;

/** {@link MemoryMapFactory} of connector-local: {@link MemoryMappedFile#open} and {@link MemoryMappedFile#create}. */
public final class LocalMemoryMapFactory implements MemoryMapFactory {
  /** For {@link java.util.ServiceLoader}. */
  public LocalMemoryMapFactory() {}

  @Override
  public NativeFile open(String path, String mode) throws IOException {
    return MemoryMappedFile.open(path, mode);
  }

  @Override
  public NativeFile create(String path, long size) throws IOException {
    return MemoryMappedFile.create(path, size);
  }
}
