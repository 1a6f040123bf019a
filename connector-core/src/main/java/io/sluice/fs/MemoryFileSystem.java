package io.sluice.fs;

import io.sluice.io.BufferReader;
import io.sluice.io.NativeFile;
import io.sluice.memory.Buffer;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A file system held in this JVM's heap (Arrow's mock file system): for tests of code written
 * against {@link FileSystem}, with no disk and no cluster. {@link #typeName()} is {@code "mem"}.
 *
 * <h2>Paths</h2>
 * Absolute, {@code /}-separated paths such as {@code "/data/part-0.csv"}; {@code "/"} is the root
 * directory, which always exists. Doubled and trailing separators are ignored, and a {@code mem:}
 * URI names the same path ({@code "mem:///data/x"}, {@code "mem:/data/x"}). A relative path, an
 * empty one, a {@code .} or {@code ..} name, a backslash or a control character is refused with
 * {@link IllegalArgumentException} naming the path. There are no links.
 *
 * <h2>Behaviour</h2>
 * Every operation is atomic with respect to the others (one lock per file system), so several
 * threads may share one instance. Files keep their bytes and a modification time from the
 * {@link Clock} given to the constructor (so a test can fix it); a directory's time changes when an
 * entry is added to it or removed. {@link #openInputFile} reads a snapshot: the bytes the file had
 * when it was opened, as a seekable {@link BufferReader}. An output stream writes into the file as
 * it goes, so readers opened later see what was written so far, as on a local disk; a file that is
 * deleted or replaced while a stream writes to it is no longer reachable by path, and the stream's
 * later writes go nowhere visible. {@link #move} is atomic: readers see the old or the new name,
 * never both or neither.
 *
 * <p>Atomic output ({@link WriteOptions#atomic()}) is written to a private buffer and published
 * under the lock when the stream closes; {@link Abortable#abort()} or a failed close publish
 * nothing. Nothing in memory outlives the JVM, so unlike the stores on disk no temporary name is
 * ever visible and there is nothing for {@link FileSystems#cleanOrphans} to do.
 *
 * <h2>Reaching one from a URI</h2>
 * {@code FileSystem.fromUri("mem://NAME/path")} returns the instance registered under {@code NAME}
 * ({@link #named(String)}); {@code mem:/path} and {@code mem:///path} use the name {@code "default"}.
 * Such instances live until {@link #unregister(String)}; {@code new MemoryFileSystem()} makes a
 * private one. {@link #close()} keeps the content (so does closing a file system from
 * {@code fromUri}), and files opened from it stay usable.
 */
public final class MemoryFileSystem implements FileSystem {
  /** The name used by {@code mem:} URIs without an authority. */
  public static final String DEFAULT_NAME = "default";
  private static final String ROOT = "/";
  private static final String URI_PREFIX = "mem:";
  private static final Map<String, MemoryFileSystem> REGISTRY = new ConcurrentHashMap<>();

  private final Clock clock;
  /** Every entry by normalized path, the root included; sorted, so a subtree is a contiguous range. */
  private final NavigableMap<String, Entry> entries = new TreeMap<>();

  /** An empty file system (only {@code "/"}) whose times come from the system clock (UTC). */
  public MemoryFileSystem() {
    this(Clock.systemUTC());
  }

  /** An empty file system whose modification times come from {@code clock}. */
  public MemoryFileSystem(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    entries.put(ROOT, new Directory(clock.instant()));
  }

  /**
   * The instance registered under {@code name}, created empty on first use: what
   * {@code FileSystem.fromUri("mem://" + name + "/...")} returns.
   *
   * @throws IllegalArgumentException if {@code name} is empty or not a valid URI host name
   */
  public static MemoryFileSystem named(String name) {
    return REGISTRY.computeIfAbsent(checkRegistryName(name), n -> new MemoryFileSystem());
  }

  /** Forgets the instance registered under {@code name} (its holders keep it); whether there was one. */
  public static boolean unregister(String name) {
    return REGISTRY.remove(checkRegistryName(name)) != null;
  }

  private static String checkRegistryName(String name) {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9.-]*")) {
      throw new IllegalArgumentException("a mem: file system name is letters, digits, '.' and '-': '" + name + "'");
    }
    return name;
  }

  @Override
  public String typeName() {
    return "mem";
  }

  /** Nothing to release: {@link #close()} does nothing and keeps the content. */
  @Override
  public boolean closeReleasesResources() {
    return false;
  }

  // ---------------------------------------------------------------- paths

  /** {@code path} as stored: absolute, no doubled or trailing separator; {@code mem:} URIs become their path. */
  @Override
  public String normalizePath(String path) {
    return normalize(path, "path");
  }

  private static String normalize(String path, String argument) {
    Objects.requireNonNull(path, argument);
    String p = path;
    if (p.regionMatches(true, 0, URI_PREFIX, 0, URI_PREFIX.length())) {
      p = uriPath(path, argument);
    }
    if (!p.startsWith(ROOT)) {
      throw new IllegalArgumentException(argument + " must be absolute (start with '/') on a mem: file system: '"
          + path + "'");
    }
    StringBuilder normalized = new StringBuilder(p.length());
    for (String name : p.split("/")) {
      if (name.isEmpty()) {
        continue;
      }
      if (name.equals(".") || name.equals("..") || name.indexOf('\\') >= 0 || hasControlCharacter(name)) {
        throw new IllegalArgumentException(argument + " has a name a mem: file system refuses ('.', '..', a"
            + " backslash or a control character): '" + path + "'");
      }
      normalized.append('/').append(name);
    }
    return normalized.length() == 0 ? ROOT : normalized.toString();
  }

  private static String uriPath(String uri, String argument) {
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("malformed mem: URI for " + argument + " '" + uri + "': " + e.getMessage(), e);
    }
    if (parsed.getRawQuery() != null || parsed.getRawFragment() != null || parsed.getPath() == null) {
      throw new IllegalArgumentException("a mem: URI is mem://NAME/path, without query or fragment: '" + uri + "'");
    }
    return parsed.getPath();
  }

  private static boolean hasControlCharacter(String name) {
    return name.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
  }

  private static String parentOf(String normalized) {
    int slash = normalized.lastIndexOf('/');
    return slash == 0 ? ROOT : normalized.substring(0, slash);
  }

  /** The prefix every entry below {@code dir} starts with. */
  private static String childPrefix(String dir) {
    return dir.equals(ROOT) ? ROOT : dir + "/";
  }

  /** Entries strictly below {@code dir}, in path order (a live view: copy before changing the map). */
  private NavigableMap<String, Entry> below(String dir) {
    String prefix = childPrefix(dir);
    // Every path starting with "<prefix>" sorts before the prefix with its last '/' raised to '0'
    // ('/' + 1); the prefix itself is never a key except the root, which is not below itself.
    String end = prefix.substring(0, prefix.length() - 1) + (char) ('/' + 1);
    return entries.subMap(prefix, false, end, false);
  }

  // ---------------------------------------------------------------- metadata

  @Override
  public synchronized FileInfo getFileInfo(String path) {
    String p = normalize(path, "path");
    Entry entry = entries.get(p);
    return entry == null ? FileInfo.notFound(p) : entry.info(p);
  }

  @Override
  public synchronized List<FileInfo> getFileInfo(FileSelector selector) throws IOException {
    Objects.requireNonNull(selector, "selector");
    String dir = normalize(selector.baseDir(), "baseDir");
    Entry entry = entries.get(dir);
    if (entry == null) {
      if (selector.allowNotFound()) {
        return List.of();
      }
      throw new NoSuchFileException(dir, null, "directory to list does not exist");
    }
    if (!(entry instanceof Directory)) {
      throw new NotDirectoryException(dir);
    }
    int depth = dir.equals(ROOT) ? 1 : dir.length() + 1;
    List<FileInfo> infos = new ArrayList<>();
    for (Map.Entry<String, Entry> e : below(dir).entrySet()) {
      if (selector.recursive() || e.getKey().indexOf('/', depth) < 0) {
        infos.add(e.getValue().info(e.getKey()));
      }
    }
    return infos;
  }

  // ---------------------------------------------------------------- directories

  @Override
  public synchronized void createDir(String path, boolean recursive) throws IOException {
    String p = normalize(path, "path");
    Entry existing = entries.get(p);
    if (existing instanceof Directory) {
      return;
    }
    if (existing != null) {
      throw new FileAlreadyExistsException(p, null, "a file exists where the directory should be");
    }
    String parent = parentOf(p);
    Entry parentEntry = entries.get(parent);
    if (parentEntry == null && !recursive) {
      throw new NoSuchFileException(p, null, "parent directory " + parent + " does not exist");
    }
    if (parentEntry == null) {
      createDir(parent, true);
    } else if (!(parentEntry instanceof Directory)) {
      throw new FileAlreadyExistsException(parent, null, "a file exists where a parent directory of " + p + " should be");
    }
    add(p, new Directory(clock.instant()));
  }

  @Override
  public synchronized void deleteDir(String path) throws IOException {
    String p = requireDirectory(normalize(path, "path"));
    if (p.equals(ROOT)) {
      throw new IOException("refusing to delete the root directory " + ROOT + "; use deleteDirContents");
    }
    below(p).clear();
    remove(p);
  }

  @Override
  public synchronized void deleteDirContents(String path, boolean missingDirOk) throws IOException {
    String p = normalize(path, "path");
    if (missingDirOk && !entries.containsKey(p)) {
      return;
    }
    requireDirectory(p);
    NavigableMap<String, Entry> contents = below(p);
    if (!contents.isEmpty()) {
      contents.clear();
      touch(p);
    }
  }

  private String requireDirectory(String p) throws IOException {
    Entry entry = entries.get(p);
    if (entry == null) {
      throw new NoSuchFileException(p);
    }
    if (!(entry instanceof Directory)) {
      throw new NotDirectoryException(p);
    }
    return p;
  }

  // ---------------------------------------------------------------- files

  @Override
  public synchronized void deleteFile(String path) throws IOException {
    String p = normalize(path, "path");
    requireFile(p, "deleteFile", "deleteDir");
    remove(p);
  }

  @Override
  public synchronized void move(String src, String dst) throws IOException {
    String from = normalize(src, "src");
    String to = normalize(dst, "dst");
    Entry moving = entries.get(from);
    if (moving == null) {
      throw new NoSuchFileException(from);
    }
    if (from.equals(ROOT) || to.equals(ROOT)) {
      throw new IOException("cannot move " + from + " to " + to + ": the root directory cannot be moved or replaced");
    }
    if (from.equals(to)) {
      return;
    }
    if (to.startsWith(childPrefix(from))) {
      throw new IOException("cannot move " + from + " into itself (" + to + ")");
    }
    requireParentDirectory(to);
    Entry replaced = entries.get(to);
    if (replaced instanceof Directory) {
      throw new FileAlreadyExistsException(to, null, "cannot move " + from + " over a directory");
    }
    if (replaced != null && moving instanceof Directory) {
      throw new FileAlreadyExistsException(to, null, "cannot move the directory " + from + " over a file");
    }
    // A copy, not the entry set: TreeMap reuses its entry objects when it removes nodes.
    NavigableMap<String, Entry> subtree = new TreeMap<>(below(from));
    below(from).clear();
    remove(from);
    add(to, moving);
    for (Map.Entry<String, Entry> e : subtree.entrySet()) {
      entries.put(to + e.getKey().substring(from.length()), e.getValue());
    }
  }

  @Override
  public synchronized void copyFile(String src, String dst) throws IOException {
    String from = normalize(src, "src");
    String to = normalize(dst, "dst");
    File source = requireFile(from, "copyFile", "a directory copy");
    if (entries.get(to) instanceof Directory) {
      throw new IOException("cannot copy " + from + " to " + to + ": the destination is a directory");
    }
    requireParentDirectory(to);
    add(to, new File(source.snapshot(), clock.instant()));
  }

  private File requireFile(String p, String operation, String instead) throws IOException {
    Entry entry = entries.get(p);
    if (entry == null) {
      throw new NoSuchFileException(p);
    }
    if (!(entry instanceof File file)) {
      throw new IOException("cannot " + operation + " " + p + ": it is a directory (use " + instead + ")");
    }
    return file;
  }

  private void requireParentDirectory(String p) throws IOException {
    if (p.equals(ROOT)) {
      throw new IllegalArgumentException("cannot write a file at the root path " + ROOT);
    }
    String parent = parentOf(p);
    Entry entry = entries.get(parent);
    if (entry == null) {
      throw new NoSuchFileException(parent, null, "the parent directory of " + p + " does not exist");
    }
    if (!(entry instanceof Directory)) {
      throw new NotDirectoryException(parent);
    }
  }

  /** Puts {@code entry} at {@code p} (replacing a file there) and stamps the parent directory. */
  private void add(String p, Entry entry) {
    entries.put(p, entry);
    touch(parentOf(p));
  }

  private void remove(String p) {
    entries.remove(p);
    touch(parentOf(p));
  }

  private void touch(String dir) {
    if (entries.get(dir) instanceof Directory d) {
      d.mtime = clock.instant();
    }
  }

  // ---------------------------------------------------------------- streams

  @Override
  public synchronized NativeFile openInputFile(String path) throws IOException {
    String p = normalize(path, "path");
    File file = requireFile(p, "open", "getFileInfo with a FileSelector to list it");
    return new MemoryInputFile(p, Buffer.wrap(file.snapshot()));
  }

  @Override
  public NativeFile openOutputStream(String path, WriteOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    String p = normalize(path, "path");
    synchronized (this) {
      prepareTarget(p, options);
      if (options.atomic()) {
        return MemoryOutputFile.atomic(this, p, new File(new byte[0], clock.instant()), options.exclusive());
      }
      File file = new File(new byte[0], clock.instant());
      add(p, file);
      return MemoryOutputFile.direct(this, p, file, "wb");
    }
  }

  @Override
  public synchronized NativeFile openRawAppendStream(String path) throws IOException {
    String p = normalize(path, "path");
    Entry existing = entries.get(p);
    if (existing instanceof File file) {
      return MemoryOutputFile.direct(this, p, file, "ab");
    }
    prepareTarget(p, WriteOptions.DEFAULT);
    File file = new File(new byte[0], clock.instant());
    add(p, file);
    return MemoryOutputFile.direct(this, p, file, "ab");
  }

  /** Checks (and with {@code createParents} makes) what a new file at {@code p} needs. */
  private void prepareTarget(String p, WriteOptions options) throws IOException {
    if (p.equals(ROOT)) {
      throw new IllegalArgumentException("cannot write a file at the root path " + ROOT);
    }
    Entry existing = entries.get(p);
    if (existing instanceof Directory) {
      throw new FileAlreadyExistsException(p, null, "is a directory");
    }
    if (existing != null && options.exclusive()) {
      throw new FileAlreadyExistsException(p, null, "exclusive write: the target exists");
    }
    if (options.createParents()) {
      createDir(parentOf(p), true);
    }
    requireParentDirectory(p);
  }

  /** Publishes an atomic output's content at {@code p}: the last step of its close. */
  synchronized void publish(String p, File content, boolean exclusive) throws IOException {
    Entry existing = entries.get(p);
    if (existing instanceof Directory) {
      throw new FileAlreadyExistsException(p, null, "a directory appeared while it was written; nothing was published");
    }
    if (existing != null && exclusive) {
      throw new FileAlreadyExistsException(p, null,
          "exclusive write: the target appeared while it was written; nothing was published");
    }
    requireParentDirectory(p);
    content.mtime = clock.instant();
    add(p, content);
  }

  synchronized long lengthOf(File file) {
    return file.length();
  }

  /** Appends to {@code file} under the lock, so readers opening it meanwhile see whole writes. */
  synchronized void append(File file, ByteBuffer src) {
    file.append(src);
    file.mtime = clock.instant();
  }

  // ---------------------------------------------------------------- identity

  /** Only the same instance: two memory file systems hold different files. */
  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return "MemoryFileSystem@" + Integer.toHexString(hashCode());
  }

  // ---------------------------------------------------------------- entries

  abstract static sealed class Entry permits Directory, File {
    Instant mtime;

    Entry(Instant mtime) {
      this.mtime = mtime;
    }

    abstract FileInfo info(String path);
  }

  static final class Directory extends Entry {
    Directory(Instant mtime) {
      super(mtime);
    }

    @Override
    FileInfo info(String path) {
      return new FileInfo(path, FileType.DIRECTORY, -1, mtime);
    }
  }

  /** A file's bytes: {@code data[0, length)}, grown by doubling; changed only under the file system's lock. */
  static final class File extends Entry {
    private byte[] data;
    private int length;

    File(byte[] data, Instant mtime) {
      super(mtime);
      this.data = data;
      this.length = data.length;
    }

    @Override
    FileInfo info(String path) {
      return new FileInfo(path, FileType.FILE, length, mtime);
    }

    long length() {
      return length;
    }

    byte[] snapshot() {
      return Arrays.copyOf(data, length);
    }

    void append(ByteBuffer src) {
      int n = src.remaining();
      if (n > Integer.MAX_VALUE - 8 - length) {
        throw new IllegalStateException("a mem: file holds at most 2 GiB; it has " + length
            + " bytes and a write of " + n + " more was refused");
      }
      if (length + n > data.length) {
        data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(length + (long) n, 2L * data.length)));
      }
      src.get(data, length, n);
      length += n;
    }
  }

  /** A snapshot reader that names its path in errors. */
  private static final class MemoryInputFile extends BufferReader {
    private final String path;

    MemoryInputFile(String path, Buffer snapshot) {
      super(snapshot);
      this.path = path;
    }

    @Override
    protected String describeForErrors() {
      return URI_PREFIX + path;
    }
  }
}
