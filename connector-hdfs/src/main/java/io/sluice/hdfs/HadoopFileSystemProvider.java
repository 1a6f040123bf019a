package io.sluice.hdfs;

import io.sluice.fs.FileSystemAndPath;
import io.sluice.fs.FileSystemProvider;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * Routes {@code hdfs:} and {@code viewfs:} URIs, and any other scheme the Hadoop client on the
 * class path has a file system for (except {@code file:}, which stays local), to
 * {@link HadoopFileSystem}. Registered in {@code META-INF/services/io.sluice.fs.FileSystemProvider}.
 *
 * <p>URI form, like PyArrow's {@code HadoopFileSystem.from_uri}:
 * {@code hdfs://host[:port]/path?user=..&replication=..&buffer_size=..&default_block_size=..&kerb_ticket=..&short_circuit=true}.
 * URIs are untrusted input: the query may set only the keys {@link UriQueryOptions} allows (those
 * above and numeric, boolean or duration {@code dfs.client.*} tuning keys); anything else is an
 * IllegalArgumentException naming the key. {@code hdfs:///path} (no host) uses the hdfs://
 * {@code fs.defaultFS} of {@code HADOOP_CONF_DIR} or the class path ({@link DefaultFs}) and never
 * another file system. Each call connects a new {@link HadoopFileSystem}; the caller closes it.
 */
public final class HadoopFileSystemProvider implements FileSystemProvider {

  @Override
  public Set<String> schemes() {
    return Set.of("hdfs", "viewfs");
  }

  @Override
  public boolean supportsOtherScheme(String scheme) {
    if ("file".equals(scheme)) {
      return false;
    }
    try {
      org.apache.hadoop.fs.FileSystem.getFileSystemClass(scheme, new Configuration());
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public FileSystemAndPath fromUri(URI uri) throws IOException {
    return fromUri(uri, Map.of());
  }

  /** Settings from code are defaults: a key the URI's (allow-listed) query sets keeps the URI's value. */
  @Override
  public FileSystemAndPath fromUri(URI uri, Map<String, String> settings) throws IOException {
    HdfsOptions fromUri = optionsFromUri(uri);
    HdfsOptions.Builder builder = fromUri.toBuilder();
    settings.forEach((key, value) -> {
      if (!fromUri.extraConf().containsKey(key)) {
        builder.extraConf(key, value);
      }
    });
    HdfsOptions options = builder.build();
    String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
    HadoopFileSystem fs = HadoopFileSystem.connect(options);
    return new FileSystemAndPath(fs, path);
  }

  /**
   * The options a URI names. The query goes through {@link UriQueryOptions}'s allow-list and an
   * {@code hdfs:} URI without a host through {@link DefaultFs}; both throw
   * IllegalArgumentException naming the key or setting at fault, before any connection is made.
   */
  static HdfsOptions optionsFromUri(URI uri) {
    if (uri.isOpaque()) {
      throw new IllegalArgumentException("'" + uri + "' is not a hierarchical URI (expected scheme://host/path)");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    HdfsOptions.Builder builder = HdfsOptions.builder();
    if ("hdfs".equals(scheme)) {
      if (uri.getHost() != null) {
        hostAndPort(builder, uri);
      } else if (uri.getRawAuthority() != null) {
        throw new IllegalArgumentException("malformed HDFS authority '" + uri.getRawAuthority() + "' in " + uri);
      } else {
        hostAndPort(builder, DefaultFs.resolve(uri));
      }
    } else if ("har".equals(scheme)) {
      // A Hadoop archive reads through the file system its authority names: har://file-localhost/...
      // is the local disk. Archives are for code that chose them, not for URIs from outside.
      throw new IllegalArgumentException("'" + uri + "': har: URIs are refused, a Hadoop archive reads through"
          + " another file system (local files included); open archives through HadoopFileSystem.fromConfiguration");
    } else if (uri.getRawAuthority() == null && !"viewfs".equals(scheme)) {
      // Without an authority Hadoop would fill one in from fs.defaultFS, which may be the local disk.
      throw new IllegalArgumentException("'" + uri + "' names no host; a " + scheme + ": URI needs one");
    } else {
      builder.host(scheme + "://" + (uri.getRawAuthority() == null ? "" : uri.getRawAuthority()));
    }
    UriQueryOptions.apply(uri, builder);
    return builder.build();
  }

  private static void hostAndPort(HdfsOptions.Builder builder, URI hdfsUri) {
    if (hdfsUri.getPort() == -1) {
      // No port: a host name, or an HA nameservice that Hadoop's configuration resolves; kept as is.
      builder.host("hdfs://" + hdfsUri.getHost()); // user info (user@host) is not an option: dropped
    } else {
      builder.host(hdfsUri.getHost()).port(hdfsUri.getPort());
    }
  }
}
