package io.sluice.fs;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/** The routing behind {@link FileSystem#fromUri(String)}: scheme to {@link FileSystemProvider}. */
final class FileSystemProviders {
  /**
   * A URI scheme of two or more characters followed by a colon. One letter is left out on purpose:
   * {@code C:\data} is a Windows path, not a URI.
   */
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:");

  /** Which artifact serves a well-known scheme, for the error when none is on the class path. */
  private static final Map<String, String> ARTIFACT_FOR_SCHEME = Map.of(
      "file", "io.sluice:connector-local",
      "hdfs", "io.sluice:connector-hdfs",
      "viewfs", "io.sluice:connector-hdfs",
      "webhdfs", "io.sluice:connector-hdfs",
      "swebhdfs", "io.sluice:connector-hdfs",
      "s3a", "io.sluice:connector-hdfs (and hadoop-aws)",
      "abfs", "io.sluice:connector-hdfs (and hadoop-azure)",
      "abfss", "io.sluice:connector-hdfs (and hadoop-azure)",
      "gs", "io.sluice:connector-hdfs (and the GCS Hadoop connector)");

  private FileSystemProviders() {}

  static FileSystemAndPath fromUri(String uriOrPath) throws IOException {
    return fromUri(uriOrPath, Map.of());
  }

  static FileSystemAndPath fromUri(String uriOrPath, Map<String, String> settings) throws IOException {
    Objects.requireNonNull(uriOrPath, "uri");
    Objects.requireNonNull(settings, "settings");
    if (uriOrPath.isEmpty()) {
      throw new IllegalArgumentException("uri must not be empty");
    }
    URI uri = toUri(uriOrPath);
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    return settings.isEmpty() ? providerFor(scheme).fromUri(uri) : providerFor(scheme).fromUri(uri, settings);
  }

  /** A URI as given, or a plain path as an absolute {@code file:} URI. */
  static URI toUri(String uriOrPath) {
    if (SCHEME.matcher(uriOrPath).find()) {
      try {
        return new URI(uriOrPath);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("malformed URI '" + uriOrPath + "': " + e.getMessage(), e);
      }
    }
    try {
      return Path.of(uriOrPath).toAbsolutePath().toUri();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("invalid path '" + uriOrPath + "': " + e.getMessage(), e);
    }
  }

  static FileSystemProvider providerFor(String scheme) {
    List<FileSystemProvider> fallbacks = new ArrayList<>();
    for (FileSystemProvider provider : ServiceLoader.load(FileSystemProvider.class, loader())) {
      if (provider.schemes().contains(scheme)) {
        return provider;
      }
      fallbacks.add(provider);
    }
    for (FileSystemProvider provider : fallbacks) {
      if (provider.supportsOtherScheme(scheme)) {
        return provider;
      }
    }
    String artifact = ARTIFACT_FOR_SCHEME.get(scheme);
    throw new IllegalArgumentException("no Sluice file system provider for scheme '" + scheme + "' on the class path"
        + (artifact != null ? "; add " + artifact : "; known artifacts: io.sluice:connector-local (file), "
            + "io.sluice:connector-hdfs (hdfs and other Hadoop schemes)"));
  }

  private static ClassLoader loader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : FileSystemProviders.class.getClassLoader();
  }
}
