package io.sluice.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link LocalDirectory} reached through an open directory handle (a {@link SecureDirectoryStream}:
 * {@code openat}, {@code fstatat}, {@code unlinkat}, {@code renameat} relative to the handle), so
 * what a name means cannot be changed under a call by renaming or replacing the directories above
 * it. Names are never followed when they are links.
 *
 * <p>Java has no {@code mkdirat} or {@code linkat}: those two go through the handle's
 * {@code /proc/self/fd/<n>} entry, which the kernel resolves to the open directory itself (never
 * through its path); {@code <n>} is found as the descriptor of this process whose file is this
 * directory (same device and inode), checked again at each use.
 */
final class HandleDirectory implements LocalDirectory {
  private static final Path PROC_FDS = Path.of("/proc/self/fd");

  private final SecureDirectoryStream<Path> handle;
  private final Path display;
  private final Object fileKey;
  private final String identity;
  private final boolean closeable;

  HandleDirectory(SecureDirectoryStream<Path> handle, Path display, boolean closeable) throws IOException {
    this.handle = handle;
    this.display = display;
    this.closeable = closeable;
    this.fileKey = handle.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey();
    this.identity = Objects.requireNonNullElse(fileKey, display).toString();
  }

  /** What this directory itself is ({@code fstat} of the handle). */
  BasicFileAttributes selfAttributes() throws IOException {
    return handle.getFileAttributeView(BasicFileAttributeView.class).readAttributes();
  }

  /**
   * The sub-directory {@code name} opened through this handle without following a link.
   *
   * @throws LinkRefusedException when {@code name} is a link
   * @throws NoSuchFileException / NotDirectoryException when it is missing / not a directory
   */
  HandleDirectory child(String name) throws IOException {
    BasicFileAttributes attributes = attributes(name);
    if (attributes.isSymbolicLink()) {
      throw new LinkRefusedException(name);
    }
    if (!attributes.isDirectory()) {
      throw new NotDirectoryException(displayPath(name).toString());
    }
    SecureDirectoryStream<Path> child;
    try {
      child = handle.newDirectoryStream(Path.of(name), LinkOption.NOFOLLOW_LINKS);
    } catch (FileSystemException e) {
      throw linkOr(name, e); // swapped for a link after the check: O_NOFOLLOW refused it
    }
    try {
      return new HandleDirectory(child, displayPath(name), true);
    } catch (IOException | RuntimeException e) {
      child.close();
      throw e;
    }
  }

  /** A {@link LinkRefusedException} if {@code name} is (now) a link, else {@code e}. */
  IOException linkOr(String name, IOException e) {
    try {
      if (attributes(name).isSymbolicLink()) {
        return new LinkRefusedException(name);
      }
    } catch (IOException ignored) {
      // e says more
    }
    return e;
  }

  @Override
  public FileChannel open(String name, Set<? extends OpenOption> options) throws IOException {
    Set<OpenOption> noFollow = new HashSet<>(options);
    noFollow.add(LinkOption.NOFOLLOW_LINKS);
    SeekableByteChannel channel;
    try {
      channel = handle.newByteChannel(Path.of(name), noFollow);
    } catch (FileSystemException e) {
      if (e instanceof NoSuchFileException) {
        throw missing(name);
      }
      if (e instanceof java.nio.file.FileAlreadyExistsException) {
        throw new java.nio.file.FileAlreadyExistsException(displayPath(name).toString());
      }
      throw linkOr(name, e);
    }
    if (channel instanceof FileChannel file) {
      return file;
    }
    channel.close();
    throw new IOException("the platform returned a " + channel.getClass().getName() + " for " + displayPath(name)
        + ", not a FileChannel");
  }

  @Override
  public void link(String existing, String newName) throws IOException {
    Path dir = procPath();
    Files.createLink(dir.resolve(newName), dir.resolve(existing));
  }

  /** Creates the directory {@code name} in this one. */
  void createDirectory(String name) throws IOException {
    Files.createDirectory(procPath().resolve(name));
  }

  @Override
  public void rename(String from, String to) throws IOException {
    handle.move(Path.of(from), handle, Path.of(to));
  }

  /** Renames {@code from} here to {@code to} in {@code target} ({@code renameat}), replacing a file there. */
  void renameTo(String from, HandleDirectory target, String to) throws IOException {
    handle.move(Path.of(from), target.handle, Path.of(to));
  }

  @Override
  public void delete(String name) throws IOException {
    try {
      handle.deleteFile(Path.of(name));
    } catch (NoSuchFileException e) {
      throw missing(name);
    }
  }

  /** Removes the empty directory {@code name}. */
  void deleteDirectory(String name) throws IOException {
    handle.deleteDirectory(Path.of(name));
  }

  @Override
  public BasicFileAttributes attributes(String name) throws IOException {
    try {
      return handle.getFileAttributeView(Path.of(name), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .readAttributes();
    } catch (NoSuchFileException e) {
      throw missing(name);
    }
  }

  /** The handle's errors name the bare name; callers need the path. */
  private NoSuchFileException missing(String name) {
    return new NoSuchFileException(displayPath(name).toString());
  }

  @Override
  public List<String> names() throws IOException {
    List<String> names = new ArrayList<>();
    // A fresh stream of "." each time: a directory stream can be iterated once, and the handle is shared.
    try (DirectoryStream<Path> entries = handle.newDirectoryStream(Path.of("."), LinkOption.NOFOLLOW_LINKS)) {
      for (Path entry : entries) {
        names.add(entry.getFileName().toString());
      }
    }
    return names;
  }

  @Override
  public String key(String name) {
    return identity + "/" + name;
  }

  @Override
  public Path displayPath(String name) {
    return display.resolve(name);
  }

  /** Path of this directory's {@code /proc/self/fd} entry (see the class comment). */
  private Path procPath() throws IOException {
    if (fileKey == null || !Files.isDirectory(PROC_FDS)) {
      throw new IOException("creating names relative to an open directory needs /proc/self/fd, which this system"
          + " does not have (" + display + ")");
    }
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC_FDS)) {
      for (Path fd : fds) {
        try {
          if (fileKey.equals(Files.readAttributes(fd, BasicFileAttributes.class).fileKey())) {
            return fd;
          }
        } catch (IOException e) {
          // closed meanwhile, or not a file we may stat: not ours
        }
      }
    }
    throw new IOException("no descriptor of this process refers to the directory " + display);
  }

  @Override
  public void close() throws IOException {
    if (closeable) {
      handle.close();
    }
  }

  /** Closes the handle even when it is the root (when the confined file system closes). */
  void closeHandle() throws IOException {
    handle.close();
  }

  /** A name that is a symbolic link where the caller wanted to go through it or use it. */
  static final class LinkRefusedException extends IOException {
    private final String name;

    LinkRefusedException(String name) {
      super("'" + name + "' is a symbolic link");
      this.name = name;
    }

    String name() {
      return name;
    }
  }
}
