package io.sluice.fs;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * Plugs a {@link FileSystem} into {@link FileSystem#fromUri(String)} through
 * {@link java.util.ServiceLoader}: a connector lists its implementation in
 * {@code META-INF/services/io.sluice.fs.FileSystemProvider}, so core routes a scheme to a connector
 * without depending on it.
 *
 * <p>A provider claims schemes exactly ({@link #schemes()}) and may also accept others it learns of
 * at run time ({@link #supportsOtherScheme(String)}, e.g. any scheme the Hadoop client knows). An exact
 * claim always wins over such a catch-all, so {@code file:} stays with the local connector even when
 * the Hadoop connector is present.
 */
public interface FileSystemProvider {

  /** The schemes this provider serves, lower case (e.g. {@code "file"}, {@code "hdfs"}). */
  Set<String> schemes();

  /** Whether this provider can serve a scheme no provider claims exactly. Lower case argument. */
  default boolean supportsOtherScheme(String scheme) {
    return false;
  }

  /**
   * The file system for {@code uri} and the path inside it. {@code uri} always has a scheme; plain
   * paths arrive as {@code file:} URIs.
   *
   * @throws IllegalArgumentException when the URI is malformed for this scheme
   * @throws IOException when the file system cannot be reached
   */
  FileSystemAndPath fromUri(URI uri) throws IOException;

  /**
   * {@link #fromUri(URI)} with default settings from code, which (unlike the URI) is trusted: a
   * Hadoop provider adds them to the Hadoop configuration, except keys the URI's query sets itself
   * (after its allow-list accepted them). Providers without such settings ignore them.
   */
  default FileSystemAndPath fromUri(URI uri, Map<String, String> settings) throws IOException {
    return fromUri(uri);
  }
}
