package io.sluice.cli;

import io.sluice.fs.FileInfo;
import io.sluice.fs.FileSelector;
import io.sluice.fs.FileSystem;
import io.sluice.fs.FileSystemAndPath;
import io.sluice.local.LocalFileSystem;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns the locations a user types (local paths, {@code file:} and Hadoop URIs, globs) into
 * {@link Location}s. One instance per command run: it connects each file system once, however many
 * sources name it, and closes them all at the end.
 *
 * <p>Local paths never touch the Hadoop client (it is costly to load, and {@code sluice ls .}
 * should start quickly). A Hadoop URI's path is taken as typed, before any URI parsing, so the glob
 * characters {@code * ? [ ] { }} work there as in {@code hdfs dfs}; a {@code ?key=value&...} at the
 * end is the query of options (as in {@link FileSystem#fromUri}).
 */
final class Locations implements AutoCloseable {
  /**
   * Hadoop retries an unreachable NameNode for minutes by default; a command line should say so
   * within seconds. Given to every Hadoop connection as settings from code (a URI's query may not
   * set {@code ipc.*} keys); a {@code dfs.client.*} key in the URI's query still wins.
   */
  static final Map<String, String> FAIL_FAST = Map.of(
      "ipc.client.connect.max.retries", "0",
      "ipc.client.connect.max.retries.on.timeouts", "0",
      "ipc.client.connect.timeout", "3000",
      "dfs.client.retry.policy.enabled", "false",
      "dfs.client.failover.max.attempts", "0");

  private static final Set<String> HADOOP_SCHEMES = Set.of("hdfs", "viewfs", "webhdfs", "swebhdfs");
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+):");
  private static final Pattern QUERY = Pattern.compile("\\?[A-Za-z_][A-Za-z0-9_.]*=[^/]*$");

  private final Map<String, FileSystem> connected = new LinkedHashMap<>();
  private final Map<String, String> extraSettings;
  private LocalFileSystem local;

  Locations() {
    this(Map.of());
  }

  /** With Hadoop settings every Hadoop connection of this run gets (e.g. the checksum combine mode). */
  Locations(Map<String, String> extraSettings) {
    this.extraSettings = extraSettings;
  }

  /** One location, without glob expansion. */
  Location locate(String given) {
    if (given.isEmpty()) {
      throw CliException.usage("empty path");
    }
    java.util.regex.Matcher scheme = SCHEME.matcher(given);
    if (!scheme.find()) {
      return new Location(given, localFs(), Path.of(given).toAbsolutePath().normalize().toString());
    }
    String schemeName = scheme.group(1).toLowerCase(Locale.ROOT);
    if (schemeName.equals("file")) {
      String path = given.substring(scheme.end()).replaceFirst("^//(localhost)?(?=/)", "");
      if (!path.startsWith("/")) {
        throw CliException.usage(given + ": a file: URI needs an absolute path (file:///dir/file)");
      }
      return new Location(given, localFs(), Path.of(path).normalize().toString());
    }
    if (!given.startsWith(scheme.group(0) + "//")) {
      throw CliException.usage(given + ": expected " + schemeName + "://host:port/path");
    }
    int pathStart = given.indexOf('/', scheme.end() + 2);
    int query = queryStart(given);
    int authorityEnd = pathStart < 0 ? (query < 0 ? given.length() : query) : pathStart;
    if (query >= 0 && pathStart > query) {
      authorityEnd = query;
      pathStart = -1;
    }
    String authority = given.substring(scheme.end() + 2, authorityEnd);
    String path = pathStart < 0 ? "/" : given.substring(pathStart, query < 0 ? given.length() : query);
    String queryText = query < 0 ? "" : given.substring(query + 1);
    if (schemeName.equals("hdfs") && authority.isEmpty()) {
      authority = HadoopConfigDir.defaultFsAuthority(given);
    }
    FileSystem fs = connect(schemeName + "://" + authority + "/", queryText);
    return new Location(given, fs, path.isEmpty() ? "/" : path);
  }

  /**
   * Every location {@code given} names: itself, or what its glob matches (sorted). A glob that
   * matches nothing is exit 3, as is a plain path that does not exist when {@code mustExist}.
   */
  List<Location> expand(String given, boolean mustExist) {
    Location location = locate(given);
    if (!hasGlob(location.path())) {
      if (mustExist && !location.info().exists()) {
        throw CliException.notFound(given);
      }
      return List.of(location);
    }
    List<Location> matches = new ArrayList<>();
    int query = queryStart(given);
    String suffix = query < 0 ? "" : given.substring(query);
    String givenBase = query < 0 ? given : given.substring(0, query);
    Function<String, String> namer;
    if (givenBase.endsWith(location.path())) {
      String givenPrefix = givenBase.substring(0, givenBase.length() - location.path().length());
      namer = path -> givenPrefix + path + suffix;
    } else {
      // A relative local path (normalized to an absolute one): name matches relative to here too.
      Path here = Path.of("").toAbsolutePath();
      namer = path -> Path.of(path).startsWith(here) ? here.relativize(Path.of(path)).toString() : path;
    }
    glob(location, "", location.path().split("/"), 0, namer, matches);
    if (matches.isEmpty()) {
      throw new CliException(CliErrors.NO_SUCH_FILE, given + ": no match");
    }
    return matches;
  }

  private void glob(Location base, String prefix, String[] parts, int index, Function<String, String> namer,
      List<Location> matches) {
    if (index == parts.length) {
      String path = prefix.isEmpty() ? "/" : prefix;
      Location match = base.at(path, namer.apply(path));
      if (match.info().exists()) {
        matches.add(match);
      }
      return;
    }
    String part = parts[index];
    if (part.isEmpty() || !hasGlob(part)) {
      glob(base, part.isEmpty() ? prefix : prefix + "/" + part, parts, index + 1, namer, matches);
      return;
    }
    String dir = prefix.isEmpty() ? "/" : prefix;
    if (!base.at(dir, namer.apply(dir)).info().isDirectory()) {
      return;
    }
    PathMatcher matcher;
    try {
      matcher = FileSystems.getDefault().getPathMatcher("glob:" + part);
    } catch (RuntimeException e) {
      throw CliException.usage(namer.apply(prefix + "/" + part) + ": bad glob pattern (" + e.getMessage() + ")");
    }
    List<FileInfo> entries;
    try {
      entries = base.fs().getFileInfo(new FileSelector(dir, true, false));
    } catch (IOException | RuntimeException e) {
      throw CliErrors.at(namer.apply(dir), e);
    }
    for (FileInfo entry : entries) {
      String name = entry.baseName();
      if (name.startsWith(".") && !part.startsWith(".")) {
        continue; // like a shell: hidden entries (and atomic writes in progress) only for ".*"
      }
      if (matcher.matches(Path.of(name))) {
        glob(base, prefix + "/" + name, parts, index + 1, namer, matches);
      }
    }
  }

  static boolean hasGlob(String path) {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return true;
      }
    }
    return false;
  }

  /** Where a Hadoop URI's {@code ?key=value&...} query starts, or -1 ({@code ?} elsewhere is a glob). */
  static int queryStart(String given) {
    if (!SCHEME.matcher(given).find() || given.startsWith("file:")) {
      return -1;
    }
    java.util.regex.Matcher query = QUERY.matcher(given);
    return query.find() ? query.start() : -1;
  }

  private LocalFileSystem localFs() {
    if (local == null) {
      local = new LocalFileSystem();
    }
    return local;
  }

  private FileSystem connect(String root, String query) {
    String key = root + "?" + query;
    FileSystem fs = connected.get(key);
    if (fs != null) {
      return fs;
    }
    String uri = root + (query.isEmpty() ? "" : "?" + query);
    Map<String, String> settings = new LinkedHashMap<>(FAIL_FAST);
    settings.putAll(extraSettings);
    try {
      FileSystemAndPath resolved = FileSystem.fromUri(uri, settings);
      fs = resolved.fs();
    } catch (IOException | RuntimeException e) {
      throw CliErrors.at(root, e);
    }
    connected.put(key, fs);
    return fs;
  }

  /**
   * A location as one {@link FileSystemAndPath} with the fail-fast settings (for commands that
   * manage their own file system, such as {@code bench}); the caller closes the file system.
   */
  static FileSystemAndPath resolve(String location) throws IOException {
    return FileSystem.fromUri(location, FAIL_FAST);
  }

  /**
   * A destination on HDFS written with the cluster's own default replication (what its NameNode's
   * {@code dfs.replication} says), not the client default of 3, unless the URI names one.
   */
  Location forWriting(Location location) {
    if (!"hdfs".equals(location.fs().typeName()) || location.given().contains("replication=")) {
      return location;
    }
    return HdfsDetails.withServerReplication(this, location);
  }

  /** Connects again with {@code replication=N} added (for {@link HdfsDetails}). */
  Location reconnect(Location location, String setting) {
    String given = location.given();
    java.util.regex.Matcher scheme = SCHEME.matcher(given);
    scheme.find();
    int pathStart = given.indexOf('/', scheme.end() + 2);
    int query = queryStart(given);
    int authorityEnd = pathStart < 0 || (query >= 0 && pathStart > query) ? (query < 0 ? given.length() : query) : pathStart;
    String authority = given.substring(scheme.end() + 2, authorityEnd);
    if (authority.isEmpty()) {
      authority = HadoopConfigDir.defaultFsAuthority(given);
    }
    String queryText = query < 0 ? setting : given.substring(query + 1) + "&" + setting;
    FileSystem fs = connect(scheme.group(1).toLowerCase(Locale.ROOT) + "://" + authority + "/", queryText);
    return new Location(given, fs, location.path());
  }

  /** Closes every file system this run connected. */
  @Override
  public void close() {
    for (FileSystem fs : connected.values()) {
      try {
        fs.close();
      } catch (IOException | RuntimeException ignored) {
        // Closing after the work is done: nothing the user can act on.
      }
    }
    connected.clear();
  }

  /** The last path element, for copying a file into a directory. */
  static String baseName(String path) {
    String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    return p.substring(p.lastIndexOf('/') + 1);
  }

  static String join(String dir, String name) {
    return dir.endsWith("/") ? dir + name : dir + "/" + name;
  }
}
