package io.sluice.local;

import io.sluice.fs.AtomicOutput;
import io.sluice.fs.FileInfo;
import io.sluice.fs.FileSelector;
import io.sluice.fs.FileSystem;
import io.sluice.fs.FileType;
import io.sluice.fs.WriteOptions;
import io.sluice.io.NativeFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The local files below one directory, for {@link io.sluice.fs.SubTreeFileSystem}: the base directory
 * is opened once, when the view is made, and every path is resolved name by name from that handle
 * ({@code openat} with {@code O_NOFOLLOW} and friends, see {@link HandleDirectory}), so no link, and
 * no rename or replacement of a directory by another process, can make a path lead outside it.
 *
 * <ul>
 *   <li>Paths are relative names already checked by {@code SubTreeFileSystem} ({@code ""} is the base).</li>
 *   <li>No symbolic link is followed, wherever it points: a path that names a link or goes through
 *       one is refused with {@link IllegalArgumentException} naming the path and the link. Listings
 *       report a link as an entry of type {@link FileType#UNKNOWN} (size -1, no time) and never
 *       descend into it, so a link loop is one such entry, not a failed listing.</li>
 *   <li>If the base directory is renamed, or replaced (by a link or another directory), the view keeps
 *       working on the directory it opened; if it is deleted, calls fail with the store's error.</li>
 *   <li>Atomic writes' temporaries are left out of listings, as on {@link LocalFileSystem}.</li>
 *   <li>Input files open as {@link OSFile}s even when the base file system maps files
 *       ({@code useMmap}): a mapping would be made by path.</li>
 * </ul>
 */
final class ConfinedLocalFileSystem implements FileSystem, AtomicOutput.Sweepable {
  private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ);
  private static final Set<OpenOption> WRITE = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE,
      StandardOpenOption.TRUNCATE_EXISTING);
  private static final Set<OpenOption> WRITE_NEW = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
  private static final Set<OpenOption> APPEND = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE,
      StandardOpenOption.APPEND);

  private final HandleDirectory root;
  private final Path base;

  private ConfinedLocalFileSystem(HandleDirectory root, Path base) {
    this.root = root;
    this.base = base;
  }

  /** Opens {@code base} (following links in it, once: the caller named it); null without secure directory streams. */
  static ConfinedLocalFileSystem open(Path base, boolean useMmap) throws IOException {
    DirectoryStream<Path> stream = Files.newDirectoryStream(base);
    if (!(stream instanceof SecureDirectoryStream<Path> secure)) {
      stream.close();
      return null;
    }
    try {
      return new ConfinedLocalFileSystem(new HandleDirectory(secure, base, false), base);
    } catch (IOException | RuntimeException e) {
      stream.close();
      throw e;
    }
  }

  @Override
  public String typeName() {
    return "local";
  }

  // ---------------------------------------------------------------- walking

  private static String[] names(String relative) {
    return relative.isEmpty() ? new String[0] : relative.split("/");
  }

  private static String parentOf(String relative) {
    int slash = relative.lastIndexOf('/');
    return slash < 0 ? "" : relative.substring(0, slash);
  }

  private static String nameOf(String relative) {
    return relative.substring(relative.lastIndexOf('/') + 1);
  }

  private static String join(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }

  /** The directory {@code relative}, walked from the root without following links; close it after use. */
  private HandleDirectory directory(String relative) throws IOException {
    HandleDirectory dir = root;
    for (String name : names(relative)) {
      try (HandleDirectory parent = dir) {
        dir = parent.child(name);
      }
    }
    return dir;
  }

  /** The path for messages. */
  private Path display(String relative) {
    return relative.isEmpty() ? base : base.resolve(relative);
  }

  private static IllegalArgumentException refused(String path, HandleDirectory.LinkRefusedException e) {
    return new IllegalArgumentException("path '" + path + "' is refused by SubTreeFileSystem: " + e.getMessage()
        + ", and confined local paths never follow links");
  }

  private interface Call<T> {
    T call() throws IOException;
  }

  /** Runs {@code call}, turning a refused link into the IllegalArgumentException the contract names. */
  private static <T> T confined(String path, Call<T> call) throws IOException {
    try {
      return call.call();
    } catch (HandleDirectory.LinkRefusedException e) {
      throw refused(path, e);
    }
  }

  /** {@code name}'s attributes in {@code dir}; a link is refused. */
  private static BasicFileAttributes notALink(HandleDirectory dir, String name) throws IOException {
    BasicFileAttributes attributes = dir.attributes(name);
    if (attributes.isSymbolicLink()) {
      throw new HandleDirectory.LinkRefusedException(name);
    }
    return attributes;
  }

  private static FileInfo info(String relative, BasicFileAttributes attributes) {
    if (attributes.isSymbolicLink()) {
      return new FileInfo(relative, FileType.UNKNOWN, -1, null);
    }
    if (attributes.isRegularFile()) {
      return new FileInfo(relative, FileType.FILE, attributes.size(), attributes.lastModifiedTime().toInstant());
    }
    FileType type = attributes.isDirectory() ? FileType.DIRECTORY : FileType.UNKNOWN;
    return new FileInfo(relative, type, -1, attributes.lastModifiedTime().toInstant());
  }

  // ---------------------------------------------------------------- info

  @Override
  public FileInfo getFileInfo(String path) throws IOException {
    return confined(path, () -> {
      if (path.isEmpty()) {
        return info("", root.selfAttributes());
      }
      try (HandleDirectory dir = directory(parentOf(path))) {
        return info(path, notALink(dir, nameOf(path)));
      } catch (NoSuchFileException | NotDirectoryException e) {
        return FileInfo.notFound(path);
      }
    });
  }

  @Override
  public List<FileInfo> getFileInfo(FileSelector selector) throws IOException {
    String relative = selector.baseDir();
    return confined(relative, () -> {
      HandleDirectory dir;
      try {
        dir = directory(relative);
      } catch (NoSuchFileException e) {
        if (selector.allowNotFound()) {
          return List.of();
        }
        throw new NoSuchFileException(display(relative).toString(), null, "directory to list does not exist");
      }
      List<FileInfo> infos = new ArrayList<>();
      try (dir) {
        list(dir, relative, selector.recursive(), infos);
      }
      infos.sort(Comparator.comparing(FileInfo::path));
      return infos;
    });
  }

  private static void list(HandleDirectory dir, String relative, boolean recursive, List<FileInfo> infos)
      throws IOException {
    for (String name : dir.names()) {
      if (AtomicOutput.isTemporaryName(name)) {
        continue; // an atomic writer's temporary, not a file of the tree
      }
      String child = join(relative, name);
      BasicFileAttributes attributes;
      try {
        attributes = dir.attributes(name);
      } catch (NoSuchFileException e) {
        continue; // deleted while we listed
      }
      infos.add(info(child, attributes));
      if (recursive && attributes.isDirectory() && !attributes.isSymbolicLink()) {
        HandleDirectory sub;
        try {
          sub = dir.child(name);
        } catch (NoSuchFileException | NotDirectoryException | HandleDirectory.LinkRefusedException e) {
          continue; // removed or swapped for a link since we looked: nothing to descend into
        }
        try (sub) {
          list(sub, child, true, infos);
        }
      }
    }
  }

  // ---------------------------------------------------------------- directories

  @Override
  public void createDir(String path, boolean recursive) throws IOException {
    confined(path, () -> makeDirectories(path, recursive));
  }

  /** createDir without turning a refused link into the caller's message (callers do, with their path). */
  private Void makeDirectories(String path, boolean recursive) throws IOException {
    {
      String[] names = names(path);
      HandleDirectory dir = root;
      try {
        for (int i = 0; i < names.length; i++) {
          boolean last = i == names.length - 1;
          try {
            BasicFileAttributes attributes = notALink(dir, names[i]);
            if (!attributes.isDirectory()) {
              throw new FileAlreadyExistsException(dir.displayPath(names[i]).toString(), null,
                  "a file exists where the directory should be");
            }
          } catch (NoSuchFileException e) {
            if (!last && !recursive) {
              throw new NoSuchFileException(dir.displayPath(names[i]).toString(), null,
                  "a parent directory of " + path + " does not exist");
            }
            try {
              dir.createDirectory(names[i]);
            } catch (FileAlreadyExistsException raced) {
              // made meanwhile: child() below checks what it is
            }
          }
          if (!last) {
            HandleDirectory parent = dir;
            dir = parent.child(names[i]);
            parent.close();
          }
        }
      } finally {
        dir.close();
      }
      return null;
    }
  }

  @Override
  public void deleteDir(String path) throws IOException {
    confined(path, () -> {
      try (HandleDirectory parent = directory(parentOf(path))) {
        String name = nameOf(path);
        BasicFileAttributes attributes = notALink(parent, name);
        if (!attributes.isDirectory()) {
          throw new NotDirectoryException(display(path).toString());
        }
        try (HandleDirectory dir = parent.child(name)) {
          deleteContents(dir);
        }
        parent.deleteDirectory(name);
      }
      return null;
    });
  }

  @Override
  public void deleteDirContents(String path, boolean missingDirOk) throws IOException {
    confined(path, () -> {
      HandleDirectory dir;
      try {
        dir = directory(path);
      } catch (NoSuchFileException e) {
        if (missingDirOk) {
          return null;
        }
        throw e;
      }
      try (dir) {
        deleteContents(dir);
      }
      return null;
    });
  }

  /** Deletes everything in {@code dir}: links and files are unlinked, directories emptied then removed. */
  private static void deleteContents(HandleDirectory dir) throws IOException {
    for (String name : dir.names()) {
      BasicFileAttributes attributes;
      try {
        attributes = dir.attributes(name);
      } catch (NoSuchFileException e) {
        continue;
      }
      if (attributes.isDirectory() && !attributes.isSymbolicLink()) {
        try (HandleDirectory sub = dir.child(name)) {
          deleteContents(sub);
        } catch (HandleDirectory.LinkRefusedException swapped) {
          dir.delete(name); // swapped for a link meanwhile: remove the link, never what it points to
          continue;
        }
        dir.deleteDirectory(name);
      } else {
        dir.delete(name);
      }
    }
  }

  // ---------------------------------------------------------------- files

  @Override
  public void deleteFile(String path) throws IOException {
    confined(path, () -> {
      try (HandleDirectory dir = directory(parentOf(path))) {
        String name = nameOf(path);
        if (notALink(dir, name).isDirectory()) {
          throw new IOException("cannot delete " + display(path) + " with deleteFile: it is a directory (use deleteDir)");
        }
        dir.delete(name);
      }
      return null;
    });
  }

  @Override
  public void move(String src, String dst) throws IOException {
    confined(src, () -> {
      try (HandleDirectory from = directory(parentOf(src))) {
        notALink(from, nameOf(src));
        confined(dst, () -> {
          try (HandleDirectory to = directory(parentOf(dst))) {
            try {
              notALink(to, nameOf(dst));
            } catch (NoSuchFileException e) {
              // the usual case
            }
            from.renameTo(nameOf(src), to, nameOf(dst));
          }
          return null;
        });
      }
      return null;
    });
  }

  @Override
  public void copyFile(String src, String dst) throws IOException {
    try (OSFile in = (OSFile) openInputFile(src); OSFile out = (OSFile) openOutputStream(dst, WriteOptions.DEFAULT)) {
      long size = in.size();
      byte[] chunk = new byte[64 * 1024];
      long copied = 0;
      int n;
      while (copied < size && (n = in.readInto(chunk, 0, chunk.length)) > 0) {
        out.write(chunk, 0, n);
        copied += n;
      }
    }
  }

  @Override
  public NativeFile openInputFile(String path) throws IOException {
    return confined(path, () -> {
      if (path.isEmpty()) {
        throw new IOException("cannot open " + base + " as a file: it is a directory");
      }
      try (HandleDirectory dir = directory(parentOf(path))) {
        String name = nameOf(path);
        if (notALink(dir, name).isDirectory()) {
          throw new IOException("cannot open " + display(path) + " as a file: it is a directory");
        }
        return new OSFile(display(path), "rb", dir.open(name, READ));
      }
    });
  }

  @Override
  public NativeFile openOutputStream(String path, WriteOptions options) throws IOException {
    return confined(path, () -> {
      if (path.isEmpty()) {
        throw new IOException("cannot open " + base + " as a file: it is a directory");
      }
      String parent = parentOf(path);
      if (options.createParents() && !parent.isEmpty()) {
        makeDirectories(parent, true);
      }
      HandleDirectory dir;
      try {
        dir = directory(parent);
      } catch (NoSuchFileException e) {
        throw new NoSuchFileException(display(parent).toString(), null,
            "the parent directory of " + display(path) + " does not exist");
      }
      String name = nameOf(path);
      try {
        try {
          if (notALink(dir, name).isDirectory()) {
            throw new IOException("cannot open " + display(path) + " as a file: it is a directory");
          }
        } catch (NoSuchFileException e) {
          // the usual case
        }
        if (options.atomic()) {
          AtomicOSFile file = AtomicOSFile.open(dir, name, options.exclusive());
          dir = null; // the atomic file closes it
          return file;
        }
        return new OSFile(display(path), "wb", dir.open(name, options.exclusive() ? WRITE_NEW : WRITE));
      } finally {
        if (dir != null) {
          dir.close();
        }
      }
    });
  }

  @Override
  public NativeFile openRawAppendStream(String path) throws IOException {
    return confined(path, () -> {
      try (HandleDirectory dir = directory(parentOf(path))) {
        String name = nameOf(path);
        try {
          if (notALink(dir, name).isDirectory()) {
            throw new IOException("cannot open " + display(path) + " as a file: it is a directory");
          }
        } catch (NoSuchFileException e) {
          // created by the open
        }
        FileChannel channel = dir.open(name, APPEND);
        return new OSFile(display(path), "ab", channel);
      }
    });
  }

  @Override
  public String normalizePath(String path) {
    return path;
  }

  /** {@code path} itself once no name along it is a link (a missing remainder is fine). */
  @Override
  public String resolveLinks(String path) throws IOException {
    return confined(path, () -> {
      HandleDirectory dir = root;
      try {
        for (String name : names(path)) {
          try {
            notALink(dir, name);
            HandleDirectory parent = dir;
            dir = parent.child(name);
            parent.close();
          } catch (NoSuchFileException | NotDirectoryException e) {
            break;
          }
        }
      } finally {
        dir.close();
      }
      return path;
    });
  }

  // ---------------------------------------------------------------- temporaries

  @Override
  public List<FileInfo> listTemporaries(String dir) throws IOException {
    return confined(dir, () -> {
      List<FileInfo> temporaries = new ArrayList<>();
      try (HandleDirectory handle = directory(dir)) {
        for (String name : handle.names()) {
          if (AtomicOutput.isTemporaryName(name)) {
            try {
              temporaries.add(info(join(dir, name), handle.attributes(name)));
            } catch (NoSuchFileException e) {
              // published or removed while we listed
            }
          }
        }
      }
      return temporaries;
    });
  }

  @Override
  public String temporaryKey(String path) throws IOException {
    return confined(path, () -> {
      try (HandleDirectory dir = directory(parentOf(path))) {
        return dir.key(nameOf(path));
      }
    });
  }

  @Override
  public AtomicOutput.Probe removeIfWriterDead(String path) throws IOException {
    return confined(path, () -> {
      try (HandleDirectory dir = directory(parentOf(path))) {
        return new LocalAtomicStore(dir).removeIfWriterDead(nameOf(path));
      }
    });
  }

  /** Releases the handle of the base directory. */
  @Override
  public void close() throws IOException {
    root.closeHandle();
  }

  @Override
  public String toString() {
    return "ConfinedLocalFileSystem(" + base + ")";
  }
}
