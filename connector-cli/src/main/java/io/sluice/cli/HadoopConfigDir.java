package io.sluice.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;

/**
 * What {@code hdfs:///path} means: the NameNode {@code fs.defaultFS} names in
 * {@code $HADOOP_CONF_DIR/core-site.xml}, as for Hadoop's own tools. Without one it is a usage error
 * (exit 2), never the local disk.
 */
final class HadoopConfigDir {
  static final String ENV = "HADOOP_CONF_DIR";

  private HadoopConfigDir() {}

  /** {@code host:port} of {@code fs.defaultFS}; a {@link CliException} (exit 2) naming both settings when there is none. */
  static String defaultFsAuthority(String given) {
    String dir = System.getenv(ENV);
    String hint = " (set " + ENV + " to a directory whose core-site.xml sets fs.defaultFS to hdfs://HOST:PORT,"
        + " or write hdfs://HOST:PORT/path)";
    if (dir == null || dir.isBlank()) {
      throw CliException.usage(given + ": hdfs:/// needs fs.defaultFS, and " + ENV + " is not set" + hint);
    }
    Path coreSite = Path.of(dir, "core-site.xml");
    if (!Files.isRegularFile(coreSite)) {
      throw CliException.usage(given + ": hdfs:/// needs fs.defaultFS, and " + coreSite + " does not exist" + hint);
    }
    Configuration conf = new Configuration(false);
    conf.addResource(new org.apache.hadoop.fs.Path(coreSite.toUri()));
    String defaultFs = conf.getTrimmed("fs.defaultFS");
    URI uri;
    try {
      uri = defaultFs == null ? null : URI.create(defaultFs);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(given + ": fs.defaultFS in " + coreSite + " is not a URI: '" + defaultFs + "'");
    }
    if (uri == null || !"hdfs".equalsIgnoreCase(uri.getScheme()) || uri.getAuthority() == null) {
      throw CliException.usage(given + ": hdfs:/// needs fs.defaultFS = hdfs://HOST:PORT in " + coreSite
          + (defaultFs == null ? " (it sets none)" : " (it says '" + defaultFs + "')") + hint);
    }
    return uri.getAuthority();
  }
}
