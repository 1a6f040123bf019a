package io.sluice.local;

import io.sluice.fs.FileSystemAndPath;
import io.sluice.fs.FileSystemProvider;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;

/** Serves {@code file:} URIs (and plain paths) to {@link io.sluice.fs.FileSystem#fromUri(String)}. */
public final class LocalFileSystemProvider implements FileSystemProvider {
  @Override
  public Set<String> schemes() {
    return Set.of("file");
  }

  /** A {@link LocalFileSystem} without mmap and the URI's percent-decoded path. */
  @Override
  public FileSystemAndPath fromUri(URI uri) {
    Path path;
    try {
      path = Path.of(uri);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unsupported file URI '" + uri + "': " + e.getMessage(), e);
    }
    return new FileSystemAndPath(new LocalFileSystem(false), path.toString());
  }
}
