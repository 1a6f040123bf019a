package io.sluice.fs;

import java.net.URI;
import java.util.Set;

/**
 * Serves {@code mem:} URIs ({@link MemoryFileSystem}) to {@link FileSystem#fromUri(String)}:
 * {@code mem://NAME/path} is the instance {@link MemoryFileSystem#named(String) named} {@code NAME},
 * {@code mem:/path} and {@code mem:///path} the one named {@link MemoryFileSystem#DEFAULT_NAME}.
 * Listed in core's {@code META-INF/services}; users do not call it.
 */
public final class MemoryFileSystemProvider implements FileSystemProvider {
  /** For {@link java.util.ServiceLoader}. */
  public MemoryFileSystemProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("mem");
  }

  /**
   * @throws IllegalArgumentException for a query, a fragment, user info, a port, an opaque
   *     {@code mem:x} or a name {@link MemoryFileSystem#named} refuses
   */
  @Override
  public FileSystemAndPath fromUri(URI uri) {
    if (uri.isOpaque() || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null
        || uri.getPort() != -1) {
      throw new IllegalArgumentException("a mem: URI is mem://NAME/path or mem:/path, without user, port, query or"
          + " fragment: '" + uri + "'");
    }
    String authority = uri.getRawAuthority();
    String name = authority == null || authority.isEmpty() ? MemoryFileSystem.DEFAULT_NAME : authority;
    MemoryFileSystem fs = MemoryFileSystem.named(name);
    String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
    return new FileSystemAndPath(fs, fs.normalizePath(path));
  }
}
