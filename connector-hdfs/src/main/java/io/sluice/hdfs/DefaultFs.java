package io.sluice.hdfs;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;

/**
 * Where an {@code hdfs:} URI without a host goes: the {@code fs.defaultFS} of the Hadoop
 * configuration, which must be an {@code hdfs://} URI with a host. Never another file system:
 * Hadoop's built-in default ({@code file:///}) would turn {@code hdfs:///etc/hostname} into the
 * local file, so the built-in defaults are not consulted at all.
 *
 * <p>Looked up at each resolution, in this order: {@code core-site.xml} in the directory named by
 * the system property {@value #CONF_DIR_PROPERTY} (if set), else by the environment variable
 * {@code HADOOP_CONF_DIR} (if set); then {@code core-site.xml} on the class path.
 */
final class DefaultFs {
  /** Overrides {@code HADOOP_CONF_DIR} for this JVM (tests, and hosts that cannot set the environment). */
  static final String CONF_DIR_PROPERTY = "sluice.hadoop.conf.dir";
  static final String CONF_DIR_ENV = "HADOOP_CONF_DIR";

  private DefaultFs() {}

  /** The {@code hdfs://host[:port]} an hdfs URI without a host means; {@code uri} is for the message. */
  static URI resolve(URI uri) {
    String confDir = System.getProperty(CONF_DIR_PROPERTY);
    String confDirSource = "system property " + CONF_DIR_PROPERTY;
    if (confDir == null || confDir.isBlank()) {
      confDir = System.getenv(CONF_DIR_ENV);
      confDirSource = CONF_DIR_ENV;
    }
    String value = null;
    String source = null;
    if (confDir != null && !confDir.isBlank()) {
      File coreSite = new File(confDir, "core-site.xml");
      if (coreSite.isFile()) {
        value = defaultFsIn(toUrl(coreSite));
        source = coreSite + " (" + confDirSource + ")";
      }
    }
    if (value == null) {
      URL onClassPath = classLoader().getResource("core-site.xml");
      if (onClassPath != null) {
        value = defaultFsIn(onClassPath);
        source = onClassPath + " (class path)";
      }
    }
    if (value == null) {
      throw new IllegalArgumentException("'" + uri + "' names no NameNode and no fs.defaultFS is configured: "
          + "name the NameNode in the URI (hdfs://host:port/path), or set " + CONF_DIR_ENV + " (or the system"
          + " property " + CONF_DIR_PROPERTY + ") to a directory whose core-site.xml sets fs.defaultFS to an"
          + " hdfs:// URI, or put such a core-site.xml on the class path");
    }
    URI defaultFs;
    try {
      defaultFs = new URI(value.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("fs.defaultFS '" + value + "' in " + source + " is not a URI", e);
    }
    if (!"hdfs".equals(defaultFs.getScheme() == null ? null : defaultFs.getScheme().toLowerCase(Locale.ROOT))
        || defaultFs.getHost() == null) {
      throw new IllegalArgumentException("'" + uri + "' names no NameNode and fs.defaultFS in " + source + " is '"
          + value + "', not an hdfs://host URI; an hdfs: URI never opens another file system: name the NameNode"
          + " in the URI or point " + CONF_DIR_ENV + " at a core-site.xml whose fs.defaultFS is hdfs://host:port");
    }
    return defaultFs;
  }

  /** fs.defaultFS as one site file sets it, without Hadoop's built-in defaults; null if it does not. */
  private static String defaultFsIn(URL siteFile) {
    Configuration conf = new Configuration(false);
    conf.addResource(siteFile);
    String value = conf.getTrimmed("fs.defaultFS");
    if (value == null) {
      value = conf.getTrimmed("fs.default.name"); // the deprecated name, still honoured by Hadoop
    }
    return value == null || value.isEmpty() ? null : value;
  }

  private static URL toUrl(File file) {
    try {
      return file.toURI().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : DefaultFs.class.getClassLoader();
  }
}
