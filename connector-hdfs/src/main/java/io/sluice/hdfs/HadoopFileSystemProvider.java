package io.sluice.hdfs;

import io.sluice.fs.FileSystemAndPath;
import io.sluice.fs.FileSystemProvider;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * Routes {@code hdfs:} and {@code viewfs:} URIs, and any other scheme the Hadoop client on the
 * class path has a file system for (except {@code file:}, which stays local), to
 * {@link HadoopFileSystem}. Registered in {@code META-INF/services/io.sluice.fs.FileSystemProvider}.
 *
 * <p>URI form, like PyArrow's {@code HadoopFileSystem.from_uri}:
 * {@code hdfs://host[:port]/path?user=..&replication=..&buffer_size=..&default_block_size=..&kerb_ticket=..&short_circuit=true}.
 * Every other query key becomes extra Hadoop configuration. {@code hdfs:///path} (no host) uses
 * {@code fs.defaultFS}. Each call connects a new {@link HadoopFileSystem}; the caller closes it.
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
    HdfsOptions options = optionsFromUri(uri);
    String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
    HadoopFileSystem fs = HadoopFileSystem.connect(options);
    return new FileSystemAndPath(fs, path);
  }

  /** The options a URI names; bad option values throw IllegalArgumentException naming them. */
  static HdfsOptions optionsFromUri(URI uri) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    HdfsOptions.Builder builder = HdfsOptions.builder();
    if ("hdfs".equals(scheme)) {
      if (uri.getHost() != null) {
        builder.host(uri.getHost());
        if (uri.getPort() != -1) {
          builder.port(uri.getPort());
        }
      } else if (uri.getAuthority() != null) {
        throw new IllegalArgumentException("malformed HDFS authority '" + uri.getAuthority() + "' in " + uri);
      }
    } else {
      builder.host(scheme + "://" + (uri.getRawAuthority() == null ? "" : uri.getRawAuthority()));
    }
    String query = uri.getRawQuery();
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("query parameter without a value: '" + pair + "' in " + uri);
        }
        String key = decode(pair.substring(0, eq));
        String value = decode(pair.substring(eq + 1));
        apply(builder, key, value);
      }
    }
    return builder.build();
  }

  private static void apply(HdfsOptions.Builder builder, String key, String value) {
    switch (key) {
      case "user" -> builder.user(value);
      case "replication" -> builder.replication(parseInt(key, value));
      case "buffer_size", "bufferSize" -> builder.bufferSize(parseInt(key, value));
      case "default_block_size", "defaultBlockSize" -> builder.defaultBlockSize(parseLong(key, value));
      case "kerb_ticket", "kerberosTicketCache" -> builder.kerberosTicketCache(value);
      case "short_circuit", "shortCircuit" -> builder.shortCircuit(parseBoolean(key, value));
      default -> builder.extraConf(key, value);
    }
  }

  private static int parseInt(String key, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer: '" + value + "'", e);
    }
  }

  private static long parseLong(String key, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer: '" + value + "'", e);
    }
  }

  private static boolean parseBoolean(String key, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new IllegalArgumentException(key + " must be true or false: '" + value + "'");
    };
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
