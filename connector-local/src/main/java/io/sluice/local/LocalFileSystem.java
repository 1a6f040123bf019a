package io.sluice.local;

import io.sluice.fs.AtomicOutput;
import io.sluice.fs.ConfinableFileSystem;
import io.sluice.fs.FileInfo;
import io.sluice.fs.FileSelector;
import io.sluice.fs.FileSystem;
import io.sluice.fs.FileType;
import io.sluice.fs.WriteOptions;
import io.sluice.io.NativeFile;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * The local disks as a {@link FileSystem} (Arrow's {@code LocalFileSystem}); {@link #typeName()} is
 * {@code "local"}. Paths are operating system paths (relative ones against the working directory);
 * {@code file:} URIs are accepted too.
 *
 * <p>Files open as {@link OSFile}s; with {@code useMmap} the input methods return
 * {@link MemoryMappedFile}s instead, so {@code readBuffer} is zero-copy. Output streams are
 * {@link OSFile}s in {@code "wb"} or {@code "ab"} mode; atomic output ({@link WriteOptions#atomic()})
 * goes through a hidden temporary file renamed on close ({@link AtomicOutput}) and implements
 * {@link io.sluice.fs.Abortable}. Listings leave atomic writers' temporary files out;
 * {@link io.sluice.fs.FileSystems#cleanOrphans} removes those of writers that died.
 *
 * <p>As a base of {@link io.sluice.fs.SubTreeFileSystem} it hands out a view that resolves every
 * path relative to an open handle of the base directory and follows no link
 * ({@link #openConfined(String)}).
 *
 * <p>{@link #getFileInfo(String)} follows symbolic links (like {@code stat}); listings report each
 * entry the same way but never descend into linked directories; deleting a directory deletes links
 * inside it, never what they point to.
 */
public final class LocalFileSystem implements FileSystem, AtomicOutput.Sweepable, ConfinableFileSystem {
  /** Bound on links followed while resolving one path, as Linux's {@code MAXSYMLINKS}. */
  private static final int MAX_LINK_HOPS = 40;

  private final boolean useMmap;

  /** A local file system that opens input files as {@link OSFile}s. */
  public LocalFileSystem() {
    this(false);
  }

  /** @param useMmap whether input files open as {@link MemoryMappedFile}s */
  public LocalFileSystem(boolean useMmap) {
    this.useMmap = useMmap;
  }

  public boolean useMmap() {
    return useMmap;
  }

  @Override
  public String typeName() {
    return "local";
  }

  /** Nothing to release: {@link #close()} does nothing. */
  @Override
  public boolean closeReleasesResources() {
    return false;
  }

  // ---------------------------------------------------------------- paths

  static Path toPath(String path, String argument) {
    Objects.requireNonNull(path, argument);
    if (path.isEmpty()) {
      throw new IllegalArgumentException(argument + " must not be empty");
    }
    try {
      if (path.regionMatches(true, 0, "file:", 0, 5)) {
        return Path.of(URI.create(path));
      }
      return Path.of(path);
    } catch (IllegalArgumentException e) { // InvalidPathException included
      throw new IllegalArgumentException("invalid local " + argument + " '" + path + "': " + e.getMessage(), e);
    }
  }

  /** The path with doubled and trailing separators removed; {@code .} and {@code ..} are kept (links make them non-lexical). */
  @Override
  public String normalizePath(String path) {
    return toPath(path, "path").toString();
  }

  /**
   * Resolves every symbolic link along {@code path}, like {@code realpath}, but also through a missing
   * remainder and dangling links (whose targets are followed lexically), so the result says where a
   * write to {@code path} would land. Relative paths resolve against the working directory.
   */
  @Override
  public String resolveLinks(String path) throws IOException {
    Path absolute = toPath(path, "path").toAbsolutePath();
    Deque<Path> pending = new ArrayDeque<>();
    absolute.forEach(pending::add);
    Path resolved = absolute.getRoot();
    int hops = 0;
    while (!pending.isEmpty()) {
      String name = pending.removeFirst().toString();
      if (name.equals(".")) {
        continue;
      }
      if (name.equals("..")) {
        Path parent = resolved.getParent();
        resolved = parent != null ? parent : resolved;
        continue;
      }
      Path candidate = resolved.resolve(name);
      if (Files.isSymbolicLink(candidate)) {
        if (++hops > MAX_LINK_HOPS) {
          throw new IOException("too many levels of symbolic links resolving " + path);
        }
        Path target = Files.readSymbolicLink(candidate);
        List<Path> names = new ArrayList<>();
        target.forEach(names::add);
        for (int i = names.size() - 1; i >= 0; i--) {
          pending.addFirst(names.get(i));
        }
        if (target.isAbsolute()) {
          resolved = target.getRoot();
        }
      } else {
        resolved = candidate;
      }
    }
    return resolved.toString();
  }

  // ---------------------------------------------------------------- info

  @Override
  public FileInfo getFileInfo(String path) throws IOException {
    Path file = toPath(path, "path");
    return info(file.toString(), file);
  }

  private static FileInfo info(String name, Path file) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return FileInfo.notFound(name);
    }
    return fromAttributes(name, attributes);
  }

  private static FileInfo fromAttributes(String name, BasicFileAttributes attributes) {
    if (attributes.isRegularFile()) {
      return new FileInfo(name, FileType.FILE, attributes.size(), attributes.lastModifiedTime().toInstant());
    }
    FileType type = attributes.isDirectory() ? FileType.DIRECTORY : FileType.UNKNOWN;
    return new FileInfo(name, type, -1, attributes.lastModifiedTime().toInstant());
  }

  @Override
  public List<FileInfo> getFileInfo(FileSelector selector) throws IOException {
    Objects.requireNonNull(selector, "selector");
    Path dir = toPath(selector.baseDir(), "selector.baseDir");
    if (!Files.exists(dir)) {
      if (selector.allowNotFound()) {
        return List.of();
      }
      throw new NoSuchFileException(dir.toString(), null, "directory to list does not exist");
    }
    if (!Files.isDirectory(dir)) {
      throw new NotDirectoryException(dir.toString());
    }
    List<FileInfo> infos = new ArrayList<>();
    int depth = selector.recursive() ? Integer.MAX_VALUE : 1;
    // A base that is itself a link is followed (links below it are not); entries keep the caller's spelling.
    Path walkRoot = Files.isSymbolicLink(dir) ? dir.toRealPath() : dir;
    Files.walkFileTree(walkRoot, EnumSet.noneOf(java.nio.file.FileVisitOption.class), depth, new SimpleFileVisitor<>() {
      private String name(Path entry) {
        return dir.resolve(walkRoot.relativize(entry)).toString();
      }

      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attributes) {
        if (!d.equals(walkRoot)) {
          infos.add(fromAttributes(name(d), attributes));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        if (AtomicOutput.isTemporaryName(file.getFileName().toString())) {
          return FileVisitResult.CONTINUE; // an atomic writer's temporary, not a file of the tree
        }
        if (attributes.isSymbolicLink()) {
          infos.add(linkInfo(name(file), file));
        } else {
          infos.add(fromAttributes(name(file), attributes));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE; // deleted while we listed
        }
        throw e;
      }
    });
    infos.sort(Comparator.comparing(FileInfo::path));
    return infos;
  }

  /** A listed link described by its target, or UNKNOWN when it dangles. */
  private static FileInfo linkInfo(String name, Path link) throws IOException {
    try {
      return fromAttributes(name, Files.readAttributes(link, BasicFileAttributes.class));
    } catch (NoSuchFileException e) {
      return new FileInfo(name, FileType.UNKNOWN, -1, null);
    }
  }

  // ---------------------------------------------------------------- directories

  @Override
  public void createDir(String path, boolean recursive) throws IOException {
    Path dir = toPath(path, "path");
    if (recursive) {
      Files.createDirectories(dir);
    } else if (!Files.isDirectory(dir)) {
      Files.createDirectory(dir);
    }
  }

  @Override
  public void deleteDir(String path) throws IOException {
    Path dir = requireDirectory(toPath(path, "path"));
    deleteTree(dir, true);
  }

  @Override
  public void deleteDirContents(String path, boolean missingDirOk) throws IOException {
    Path dir = toPath(path, "path");
    if (missingDirOk && !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    requireDirectory(dir);
    deleteTree(dir, false);
  }

  /** {@code dir} if it is a real directory (not a link to one); NoSuchFileException or NotDirectoryException otherwise. */
  private static Path requireDirectory(Path dir) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!attributes.isDirectory()) {
      throw new NotDirectoryException(dir.toString());
    }
    return dir;
  }

  /** Deletes what is inside {@code dir}, and {@code dir} too if asked; links are deleted, never followed. */
  private static void deleteTree(Path dir, boolean includingDir) throws IOException {
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        if (includingDir || !d.equals(dir)) {
          Files.deleteIfExists(d);
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  // ---------------------------------------------------------------- files

  @Override
  public void deleteFile(String path) throws IOException {
    Path file = toPath(path, "path");
    if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("cannot delete " + file + " with deleteFile: it is a directory (use deleteDir)");
    }
    Files.delete(file);
  }

  @Override
  public void move(String src, String dst) throws IOException {
    Path from = toPath(src, "src");
    Path to = toPath(dst, "dst");
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Override
  public void copyFile(String src, String dst) throws IOException {
    Path from = toPath(src, "src");
    Path to = toPath(dst, "dst");
    if (Files.isDirectory(from)) {
      throw new IOException("cannot copy " + from + " with copyFile: it is a directory");
    }
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
  }

  /** An {@link OSFile} in mode {@code "rb"}, or with {@code useMmap} a {@link MemoryMappedFile} in mode {@code "r"}. */
  @Override
  public NativeFile openInputFile(String path) throws IOException {
    Path file = toPath(path, "path");
    return useMmap ? MemoryMappedFile.open(file.toString(), "r") : new OSFile(file, "rb");
  }

  /**
   * An {@link OSFile} in mode {@code "wb"}, or an atomic output ({@link AtomicOSFile}); see
   * {@link WriteOptions} for {@code exclusive} ({@code CREATE_NEW}, and a hard link as the
   * atomic-exclusive publish) and {@code createParents}.
   */
  @Override
  public NativeFile openOutputStream(String path, WriteOptions options) throws IOException {
    Path file = toPath(path, "path");
    Objects.requireNonNull(options, "options");
    if (file.getFileName() == null) {
      throw new IllegalArgumentException("cannot write a file at the root path " + file);
    }
    Path parent = file.toAbsolutePath().getParent();
    if (options.createParents()) {
      Files.createDirectories(parent);
    } else if (!Files.isDirectory(parent)) {
      throw new NoSuchFileException(parent.toString(), null, "the parent directory of " + file + " does not exist");
    }
    if (options.atomic()) {
      return AtomicOSFile.open(new PathDirectory(parent), file.getFileName().toString(), options.exclusive());
    }
    if (!options.exclusive()) {
      return new OSFile(file, "wb");
    }
    // O_CREAT|O_EXCL: the store checks and creates in one step, and a link at the name is not followed.
    return new OSFile(file, "wb", FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW));
  }

  @Override
  public NativeFile openRawAppendStream(String path) throws IOException {
    return new OSFile(toPath(path, "path"), "ab");
  }

  // ---------------------------------------------------------------- temporaries and confinement

  @Override
  public List<FileInfo> listTemporaries(String dir) throws IOException {
    Path directory = toPath(dir, "dir");
    List<FileInfo> temporaries = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        if (AtomicOutput.isTemporaryName(entry.getFileName().toString())) {
          try {
            temporaries.add(fromAttributes(entry.toString(),
                Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)));
          } catch (NoSuchFileException e) {
            // published or removed while we listed
          }
        }
      }
    }
    return temporaries;
  }

  @Override
  public String temporaryKey(String path) throws IOException {
    Path file = toPath(path, "path");
    return PathDirectory.parentOf(file).key(file.getFileName().toString());
  }

  @Override
  public AtomicOutput.Probe removeIfWriterDead(String path) throws IOException {
    Path file = toPath(path, "path");
    return new LocalAtomicStore(PathDirectory.parentOf(file)).removeIfWriterDead(file.getFileName().toString());
  }

  /**
   * A view of {@code basePath} whose paths are relative to a handle of that directory opened now:
   * see {@link ConfinedLocalFileSystem}. Null where the platform has no
   * {@link java.nio.file.SecureDirectoryStream} (the caller then confines by path strings).
   */
  @Override
  public FileSystem openConfined(String basePath) throws IOException {
    return ConfinedLocalFileSystem.open(toPath(basePath, "basePath"), useMmap);
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof LocalFileSystem other && other.useMmap == useMmap;
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(useMmap);
  }

  @Override
  public String toString() {
    return "LocalFileSystem(useMmap=" + useMmap + ")";
  }

}
