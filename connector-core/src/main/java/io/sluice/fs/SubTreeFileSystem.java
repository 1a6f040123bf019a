package io.sluice.fs;

import io.sluice.io.NativeFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A view of one directory of another {@link FileSystem} in which every path is relative to that
 * directory and can never leave it (Arrow's {@code SubTreeFileSystem}, made strict: Arrow's lets
 * {@code ..} through and promises no confinement; this one does).
 *
 * <h2>Paths</h2>
 * Paths are relative, {@code /}-separated names such as {@code "data/part-0.csv"}; {@code ""} is the
 * base itself and one trailing {@code /} is ignored. Everything else that could point elsewhere is
 * refused with {@link IllegalArgumentException} naming the path, before the base file system is
 * touched: absolute paths, URIs and drive letters ({@code :} in the first name), {@code .} and
 * {@code ..} names and names made only of dots and spaces, doubled separators, backslashes,
 * percent escapes ({@code %2e}, {@code %2F}, ...: paths here are names, not URIs), and control
 * characters. Paths returned ({@link FileInfo#path()}) are relative to the base.
 *
 * <h2>Over local files: no race, no link</h2>
 * When the base file system can confine a view itself ({@link ConfinableFileSystem}: the local one
 * on Linux), the base directory is opened once, by the constructor, and every path is resolved name
 * by name relative to that open directory without following any symbolic link ({@code openat} with
 * {@code O_NOFOLLOW}). A link swapped in between a check and a use, or the base directory renamed or
 * replaced after construction, never leads outside it: the view keeps using the directory it opened.
 * A path that names a link or goes through one, wherever the link points, is refused with
 * {@link IllegalArgumentException}; listings report links as {@link FileType#UNKNOWN} entries (size
 * -1, no time) and never descend into them, so a link loop is one such entry. {@link #close()}
 * releases the directory handle.
 *
 * <h2>Over other file systems (HDFS)</h2>
 * A path that passes the checks is resolved through the base file system's symbolic links
 * ({@link FileSystem#resolveLinks(String)}) and refused if it lands outside the base; listed links
 * leading out are {@link FileType#UNKNOWN}. Links are checked when a call starts, so a link swapped
 * in by another client between the check and the use is not caught there.
 *
 * <p>{@link #close()} does not close the base file system, which the caller owns.
 */
public final class SubTreeFileSystem implements FileSystem, AtomicOutput.Sweepable {
  private final FileSystem base;
  /** The base directory as the base file system spells it, without a trailing separator (except root "/"). */
  private final String basePath;
  /** {@link #basePath} followed by exactly one separator: what every confined full path starts with. */
  private final String prefix;
  /** The base's own race-free view (relative paths), or null: confinement by path strings. */
  private final FileSystem confined;

  /**
   * @param basePath the directory of {@code base} that becomes this file system's root
   * @param base the file system holding it (not closed by {@link #close()})
   * @throws java.io.UncheckedIOException over a local base that cannot be opened as a directory
   *     ({@link java.nio.file.NoSuchFileException}, {@link java.nio.file.NotDirectoryException})
   */
  public SubTreeFileSystem(String basePath, FileSystem base) {
    Objects.requireNonNull(basePath, "basePath");
    this.base = Objects.requireNonNull(base, "base");
    if (basePath.isEmpty()) {
      throw new IllegalArgumentException("basePath must not be empty");
    }
    String normalized = base.normalizePath(basePath);
    while (normalized.length() > 1 && normalized.endsWith("/")) {
      normalized = normalized.substring(0, normalized.length() - 1);
    }
    this.basePath = normalized;
    this.prefix = normalized.endsWith("/") ? normalized : normalized + "/";
    FileSystem view = null;
    if (base instanceof ConfinableFileSystem confinable) {
      try {
        view = confinable.openConfined(normalized);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open the base directory " + normalized + " of a SubTreeFileSystem", e);
      }
    }
    this.confined = view;
  }

  /** Whether paths resolve relative to an open handle of the base directory, following no link. */
  public boolean racesGuarded() {
    return confined != null;
  }

  /** The base directory on the base file system. */
  public String basePath() {
    return basePath;
  }

  /** The file system this one is a view of. */
  public FileSystem baseFileSystem() {
    return base;
  }

  @Override
  public String typeName() {
    return "subtree";
  }

  // ---------------------------------------------------------------- confinement

  /**
   * The validated relative form of {@code path} ({@code ""} for the base itself), or
   * {@link IllegalArgumentException} if it could name anything outside the base.
   */
  static String checkRelative(String path, String argument) {
    Objects.requireNonNull(path, argument);
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw rejected(path, "it contains the control character U+" + String.format("%04X", (int) c));
      }
      if (c == '\\') {
        throw rejected(path, "backslashes are not allowed (they separate paths on Windows)");
      }
      if (c == '%' && i + 2 < path.length() && isHex(path.charAt(i + 1)) && isHex(path.charAt(i + 2))) {
        throw rejected(path, "percent escapes such as '" + path.substring(i, i + 3) + "' are not allowed");
      }
    }
    if (path.startsWith("/")) {
      throw rejected(path, "absolute paths are not allowed");
    }
    String relative = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    if (relative.isEmpty()) {
      if (!path.isEmpty()) {
        throw rejected(path, "absolute paths are not allowed");
      }
      return "";
    }
    String[] names = relative.split("/", -1);
    if (names[0].indexOf(':') >= 0) {
      throw rejected(path, "URIs and drive letters are not allowed");
    }
    for (String name : names) {
      if (name.isEmpty()) {
        throw rejected(path, "doubled separators are not allowed");
      }
      if (name.chars().allMatch(c -> c == '.' || c == ' ')) {
        throw rejected(path, "'" + name + "' is not allowed as a name");
      }
    }
    return relative;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static IllegalArgumentException rejected(String path, String reason) {
    return new IllegalArgumentException("path '" + path + "' is refused by SubTreeFileSystem: " + reason);
  }

  /** The base file system's path for a checked relative path. */
  private String join(String relative) {
    return relative.isEmpty() ? basePath : prefix + relative;
  }

  /** Checks {@code path} lexically and through symbolic links; returns the base file system's path for it. */
  private String confine(String path, String argument) throws IOException {
    String relative = checkRelative(path, argument);
    String full = join(relative);
    if (!insideBase(full)) {
      throw rejected(path, "a symbolic link leads out of the base directory");
    }
    return full;
  }

  private boolean insideBase(String full) throws IOException {
    String resolvedBase = base.resolveLinks(basePath);
    String resolved = base.resolveLinks(full);
    String resolvedPrefix = resolvedBase.endsWith("/") ? resolvedBase : resolvedBase + "/";
    return resolved.equals(resolvedBase) || resolved.startsWith(resolvedPrefix);
  }

  /** The relative path of a full path the base file system returned from inside the base. */
  private String relativize(String full) {
    String normalized = base.normalizePath(full);
    if (normalized.equals(basePath)) {
      return "";
    }
    if (!normalized.startsWith(prefix)) {
      throw new IllegalStateException("base file system returned '" + full + "' outside the base '" + basePath + "'");
    }
    return normalized.substring(prefix.length());
  }

  private FileInfo relativeInfo(FileInfo info, String relativePath) {
    return new FileInfo(relativePath, info.type(), info.size(), info.mtime());
  }

  // ---------------------------------------------------------------- FileSystem

  @Override
  public FileInfo getFileInfo(String path) throws IOException {
    if (confined != null) {
      return confined.getFileInfo(checkRelative(path, "path"));
    }
    String full = confine(path, "path");
    return relativeInfo(base.getFileInfo(full), checkRelative(path, "path"));
  }

  @Override
  public List<FileInfo> getFileInfo(FileSelector selector) throws IOException {
    Objects.requireNonNull(selector, "selector");
    if (confined != null) {
      String relative = checkRelative(selector.baseDir(), "selector.baseDir");
      return confined.getFileInfo(new FileSelector(relative, selector.allowNotFound(), selector.recursive()));
    }
    String full = confine(selector.baseDir(), "selector.baseDir");
    List<FileInfo> infos = base.getFileInfo(new FileSelector(full, selector.allowNotFound(), selector.recursive()));
    List<FileInfo> result = new ArrayList<>(infos.size());
    for (FileInfo info : infos) {
      String relative = relativize(info.path());
      if (insideBase(info.path())) {
        result.add(relativeInfo(info, relative));
      } else {
        result.add(new FileInfo(relative, FileType.UNKNOWN, -1, null));
      }
    }
    return result;
  }

  @Override
  public void createDir(String path, boolean recursive) throws IOException {
    if (confined != null) {
      confined.createDir(checkRelative(path, "path"), recursive);
      return;
    }
    base.createDir(confine(path, "path"), recursive);
  }

  /** Deletes a directory below the base; the base itself cannot be deleted (use {@link #deleteDirContents}). */
  @Override
  public void deleteDir(String path) throws IOException {
    if (checkRelative(path, "path").isEmpty()) {
      throw rejected(path, "the base directory itself cannot be deleted; use deleteDirContents");
    }
    if (confined != null) {
      confined.deleteDir(checkRelative(path, "path"));
      return;
    }
    base.deleteDir(confine(path, "path"));
  }

  @Override
  public void deleteDirContents(String path, boolean missingDirOk) throws IOException {
    if (confined != null) {
      confined.deleteDirContents(checkRelative(path, "path"), missingDirOk);
      return;
    }
    base.deleteDirContents(confine(path, "path"), missingDirOk);
  }

  @Override
  public void deleteFile(String path) throws IOException {
    if (confined != null) {
      confined.deleteFile(checkRelative(path, "path"));
      return;
    }
    base.deleteFile(confine(path, "path"));
  }

  @Override
  public void move(String src, String dst) throws IOException {
    String relativeSrc = checkRelative(src, "src");
    String relativeDst = checkRelative(dst, "dst");
    if (relativeSrc.isEmpty() || relativeDst.isEmpty()) {
      throw rejected(relativeSrc.isEmpty() ? src : dst, "the base directory itself cannot be moved or replaced");
    }
    if (confined != null) {
      confined.move(relativeSrc, relativeDst);
      return;
    }
    base.move(confine(src, "src"), confine(dst, "dst"));
  }

  @Override
  public void copyFile(String src, String dst) throws IOException {
    if (confined != null) {
      confined.copyFile(checkRelative(src, "src"), checkRelative(dst, "dst"));
      return;
    }
    base.copyFile(confine(src, "src"), confine(dst, "dst"));
  }

  @Override
  public NativeFile openRawInputStream(String path) throws IOException {
    if (confined != null) {
      return confined.openRawInputStream(checkRelative(path, "path"));
    }
    return base.openRawInputStream(confine(path, "path"));
  }

  @Override
  public NativeFile openInputFile(String path) throws IOException {
    if (confined != null) {
      return confined.openInputFile(checkRelative(path, "path"));
    }
    return base.openInputFile(confine(path, "path"));
  }

  @Override
  public NativeFile openOutputStream(String path, WriteOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    if (confined != null) {
      return confined.openOutputStream(checkRelative(path, "path"), options);
    }
    return base.openOutputStream(confine(path, "path"), options);
  }

  @Override
  public NativeFile openRawAppendStream(String path) throws IOException {
    if (confined != null) {
      return confined.openRawAppendStream(checkRelative(path, "path"));
    }
    return base.openRawAppendStream(confine(path, "path"));
  }

  /**
   * The checked relative form of {@code path}; {@link IllegalArgumentException} if it would leave the
   * base, symbolic links included (an I/O failure while resolving them is an {@link UncheckedIOException}).
   */
  @Override
  public String normalizePath(String path) {
    try {
      return resolveLinks(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String resolveLinks(String path) throws IOException {
    if (confined != null) {
      return confined.resolveLinks(checkRelative(path, "path"));
    }
    confine(path, "path");
    return checkRelative(path, "path");
  }

  /** The same base path over equal file systems (PyArrow {@code SubTreeFileSystem.equals}). */
  @Override
  public boolean equals(Object obj) {
    return obj instanceof SubTreeFileSystem other && other.basePath.equals(basePath) && other.base.equals(base);
  }

  @Override
  public int hashCode() {
    return 31 * basePath.hashCode() + base.hashCode();
  }

  // ---------------------------------------------------------------- temporaries

  @Override
  public List<FileInfo> listTemporaries(String dir) throws IOException {
    String relative = checkRelative(dir, "dir");
    if (confined != null) {
      return sweepable(confined).listTemporaries(relative);
    }
    List<FileInfo> result = new ArrayList<>();
    for (FileInfo info : sweepable(base).listTemporaries(confine(dir, "dir"))) {
      result.add(relativeInfo(info, relativize(info.path())));
    }
    return result;
  }

  @Override
  public String temporaryKey(String path) throws IOException {
    return confined != null
        ? sweepable(confined).temporaryKey(checkRelative(path, "path"))
        : sweepable(base).temporaryKey(confine(path, "path"));
  }

  @Override
  public AtomicOutput.Probe removeIfWriterDead(String path) throws IOException {
    return confined != null
        ? sweepable(confined).removeIfWriterDead(checkRelative(path, "path"))
        : sweepable(base).removeIfWriterDead(confine(path, "path"));
  }

  private AtomicOutput.Sweepable sweepable(FileSystem fs) {
    if (fs instanceof AtomicOutput.Sweepable sweepable) {
      return sweepable;
    }
    throw new UnsupportedOperationException(this + ": the base file system keeps no temporary files it could clean");
  }

  /** Releases the handle of the base directory (local bases); never closes the base file system. */
  @Override
  public void close() throws IOException {
    if (confined != null) {
      confined.close();
    }
  }

  @Override
  public String toString() {
    return "SubTreeFileSystem(" + basePath + " on " + base.typeName() + ")";
  }
}
