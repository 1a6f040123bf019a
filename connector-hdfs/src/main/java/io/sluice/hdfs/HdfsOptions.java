package io.sluice.hdfs;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;

/**
 * How {@link HadoopFileSystem#connect(HdfsOptions)} reaches a cluster (PyArrow's
 * {@code HadoopFileSystem(host, port, user, replication, buffer_size, default_block_size,
 * kerb_ticket, extra_conf)} arguments). Immutable; two options are equal when every value is.
 * Serializable, so Spark and MapReduce can ship them to their tasks, which connect there.
 *
 * <ul>
 *   <li>{@code host}: {@code "default"} (the default) uses {@code fs.defaultFS} of the Hadoop
 *       configuration on the class path; a host name or IP address means {@code hdfs://host:port};
 *       a URI authority with a scheme ({@code "viewfs://cluster"}) is used as it is.</li>
 *   <li>{@code port}: the NameNode RPC port, 8020 by default; ignored for {@code "default"} and
 *       for hosts given with a scheme.</li>
 *   <li>{@code user}: the user to act as (without Kerberos: a remote user of that name); null
 *       means the current login user.</li>
 *   <li>{@code replication} (3), {@code bufferSize} (0 = Hadoop's {@code io.file.buffer.size}),
 *       {@code defaultBlockSize} (0 = Hadoop's {@code dfs.blocksize}) for files this client writes.</li>
 *   <li>{@code kerberosTicketCache}: path of a Kerberos ticket cache to log in from, or null.</li>
 *   <li>{@code extraConf}: any further Hadoop configuration keys; they win over everything above.</li>
 *   <li>{@code shortCircuit}: read local replicas straight from the block files (Hadoop's legacy
 *       local reader, which needs the DataNode's {@code dfs.block.local-path-access.user} to
 *       name this user) and serve {@code readBuffer} as zero-copy views of mapped blocks.</li>
 *   <li>{@code rememberVerifiedReplicas} (true): with {@code shortCircuit}, a mapped finalized
 *       replica whose chunks were verified against their checksums is not verified again by later
 *       opens in the same JVM while the replica (generation stamp, length) and its block and
 *       {@code .meta} files on disk (inode, size, times) are unchanged. False verifies on every
 *       open, as Hadoop's own short-circuit reader does; see {@code VerifiedReplicas} for what a
 *       remembered replica does not catch. Also set by the Hadoop key
 *       {@value #REMEMBER_VERIFIED_REPLICAS_KEY}.</li>
 * </ul>
 */
public final class HdfsOptions implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  public static final String DEFAULT_HOST = "default";
  public static final int DEFAULT_PORT = 8020;
  public static final int DEFAULT_REPLICATION = 3;
  /** Hadoop configuration key of {@link #rememberVerifiedReplicas()} (default true). */
  public static final String REMEMBER_VERIFIED_REPLICAS_KEY = "sluice.hdfs.remember-verified-replicas";

  private final String host;
  private final int port;
  private final String user;
  private final int replication;
  private final int bufferSize;
  private final long defaultBlockSize;
  private final String kerberosTicketCache;
  private final Map<String, String> extraConf;
  private final boolean shortCircuit;
  /**
   * Stored negated so that options serialized before the field existed read back with the
   * default (remember), the value a missing boolean field gets.
   */
  private final boolean reverifyEachOpen;

  private HdfsOptions(Builder builder) {
    this.host = builder.host;
    this.port = builder.port;
    this.user = builder.user;
    this.replication = builder.replication;
    this.bufferSize = builder.bufferSize;
    this.defaultBlockSize = builder.defaultBlockSize;
    this.kerberosTicketCache = builder.kerberosTicketCache;
    this.extraConf = Collections.unmodifiableMap(new TreeMap<>(builder.extraConf));
    this.shortCircuit = builder.shortCircuit;
    this.reverifyEachOpen = !builder.rememberVerifiedReplicas;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The options a URI names, read as {@link io.sluice.fs.FileSystem#fromUri} reads it: the query
   * may set only the allow-listed keys, and {@code hdfs:} without a host takes the hdfs://
   * {@code fs.defaultFS} of {@code HADOOP_CONF_DIR} or the class path. For callers that add
   * settings of their own from code: {@code HdfsOptions.fromUri(uri).toBuilder().extraConf(..)}.
   *
   * @throws IllegalArgumentException naming the key or setting at fault
   */
  public static HdfsOptions fromUri(String uri) {
    java.net.URI parsed;
    try {
      parsed = new java.net.URI(Objects.requireNonNull(uri, "uri"));
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("malformed URI '" + uri + "': " + e.getMessage(), e);
    }
    if (parsed.getScheme() == null) {
      throw new IllegalArgumentException("'" + uri + "' has no scheme; expected hdfs://host:port/path");
    }
    return HadoopFileSystemProvider.optionsFromUri(parsed);
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.host = host;
    builder.port = port;
    builder.user = user;
    builder.replication = replication;
    builder.bufferSize = bufferSize;
    builder.defaultBlockSize = defaultBlockSize;
    builder.kerberosTicketCache = kerberosTicketCache;
    builder.extraConf.putAll(extraConf);
    builder.shortCircuit = shortCircuit;
    builder.rememberVerifiedReplicas = !reverifyEachOpen;
    return builder;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** The user to act as, or null for the current login user. */
  public String user() {
    return user;
  }

  public int replication() {
    return replication;
  }

  public int bufferSize() {
    return bufferSize;
  }

  public long defaultBlockSize() {
    return defaultBlockSize;
  }

  public String kerberosTicketCache() {
    return kerberosTicketCache;
  }

  /** Extra Hadoop configuration, sorted by key. */
  public Map<String, String> extraConf() {
    return extraConf;
  }

  public boolean shortCircuit() {
    return shortCircuit;
  }

  /** Whether verified mapped replicas are remembered for later opens (see the class comment). */
  public boolean rememberVerifiedReplicas() {
    return !reverifyEachOpen;
  }

  /**
   * The file system URI these options name: {@code null} for {@code "default"} (then
   * {@code fs.defaultFS} decides), otherwise {@code hdfs://host:port} or the host as given.
   */
  String fileSystemUri() {
    if (DEFAULT_HOST.equals(host)) {
      return null;
    }
    if (host.contains("://")) {
      return host;
    }
    String bracketed = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host; // IPv6
    return "hdfs://" + bracketed + ":" + port;
  }

  /**
   * A new Hadoop configuration for these options: the class path's {@code *-site.xml} files, then
   * these values, then {@link #extraConf()}. Each call gets its own {@code dfs.client.context}
   * (unless extraConf names one), so clients never share caches or failure state.
   */
  Configuration toConfiguration() {
    Configuration conf = new Configuration();
    String uri = fileSystemUri();
    if (uri != null) {
      conf.set("fs.defaultFS", uri);
    }
    conf.setInt("dfs.replication", replication);
    if (bufferSize > 0) {
      conf.setInt("io.file.buffer.size", bufferSize);
    }
    if (defaultBlockSize > 0) {
      conf.setLong("dfs.blocksize", defaultBlockSize);
    }
    if (kerberosTicketCache != null) {
      conf.set("hadoop.security.kerberos.ticket.cache.path", kerberosTicketCache);
    }
    if (shortCircuit) {
      conf.setBoolean("dfs.client.read.shortcircuit", true);
      conf.setBoolean("dfs.client.use.legacy.blockreader.local", true);
    }
    if (reverifyEachOpen) {
      conf.setBoolean(REMEMBER_VERIFIED_REPLICAS_KEY, false);
    }
    conf.set("dfs.client.context", "sluice-" + UUID.randomUUID());
    extraConf.forEach(conf::set);
    return conf;
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof HdfsOptions other
        && host.equals(other.host)
        && port == other.port
        && Objects.equals(user, other.user)
        && replication == other.replication
        && bufferSize == other.bufferSize
        && defaultBlockSize == other.defaultBlockSize
        && Objects.equals(kerberosTicketCache, other.kerberosTicketCache)
        && extraConf.equals(other.extraConf)
        && shortCircuit == other.shortCircuit
        && reverifyEachOpen == other.reverifyEachOpen;
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, port, user, replication, bufferSize, defaultBlockSize, kerberosTicketCache,
        extraConf, shortCircuit, reverifyEachOpen);
  }

  @Override
  public String toString() {
    return "HdfsOptions(host=" + host + ", port=" + port + ", user=" + user + ", replication=" + replication
        + ", bufferSize=" + bufferSize + ", defaultBlockSize=" + defaultBlockSize
        + ", kerberosTicketCache=" + kerberosTicketCache + ", extraConf=" + extraConf
        + ", shortCircuit=" + shortCircuit + ", rememberVerifiedReplicas=" + !reverifyEachOpen + ")";
  }

  /** Builds {@link HdfsOptions}; every setter checks its value at once. */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private String user;
    private int replication = DEFAULT_REPLICATION;
    private int bufferSize;
    private long defaultBlockSize;
    private String kerberosTicketCache;
    private final Map<String, String> extraConf = new TreeMap<>();
    private boolean shortCircuit;
    private boolean rememberVerifiedReplicas = true;

    private Builder() {}

    /** {@code "default"}, a host name or address, or {@code scheme://authority}. */
    public Builder host(String host) {
      Objects.requireNonNull(host, "host");
      if (host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank: '" + host + "'");
      }
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be in [1, 65535]: " + port);
      }
      this.port = port;
      return this;
    }

    /** The user to act as; null for the current login user. */
    public Builder user(String user) {
      if (user != null && user.isBlank()) {
        throw new IllegalArgumentException("user must not be blank: '" + user + "'");
      }
      this.user = user;
      return this;
    }

    public Builder replication(int replication) {
      if (replication < 1 || replication > Short.MAX_VALUE) {
        throw new IllegalArgumentException("replication must be in [1, " + Short.MAX_VALUE + "]: " + replication);
      }
      this.replication = replication;
      return this;
    }

    /** Hadoop stream buffer size in bytes; 0 keeps Hadoop's {@code io.file.buffer.size}. */
    public Builder bufferSize(int bufferSize) {
      if (bufferSize < 0) {
        throw new IllegalArgumentException("bufferSize must not be negative: " + bufferSize);
      }
      this.bufferSize = bufferSize;
      return this;
    }

    /** Block size of new files in bytes; 0 keeps Hadoop's {@code dfs.blocksize}. */
    public Builder defaultBlockSize(long defaultBlockSize) {
      if (defaultBlockSize < 0) {
        throw new IllegalArgumentException("defaultBlockSize must not be negative: " + defaultBlockSize);
      }
      this.defaultBlockSize = defaultBlockSize;
      return this;
    }

    public Builder kerberosTicketCache(String path) {
      this.kerberosTicketCache = path;
      return this;
    }

    public Builder extraConf(String key, String value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      if (key.isBlank()) {
        throw new IllegalArgumentException("extraConf key must not be blank: '" + key + "'");
      }
      extraConf.put(key, value);
      return this;
    }

    public Builder shortCircuit(boolean shortCircuit) {
      this.shortCircuit = shortCircuit;
      return this;
    }

    /**
     * Whether a mapped replica verified once is trusted by later opens in this JVM while it is
     * unchanged on disk (true, the default); false verifies its checksums on every open.
     */
    public Builder rememberVerifiedReplicas(boolean remember) {
      this.rememberVerifiedReplicas = remember;
      return this;
    }

    public HdfsOptions build() {
      return new HdfsOptions(this);
    }
  }
}
