package io.sluice.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A {@link LocalDirectory} reached by its path (each call resolves the path again). */
final class PathDirectory implements LocalDirectory {
  private final Path dir;
  private final String identity;

  PathDirectory(Path dir) throws IOException {
    this.dir = dir;
    Object fileKey = Files.readAttributes(dir, BasicFileAttributes.class).fileKey();
    this.identity = fileKey != null ? fileKey.toString() : dir.toAbsolutePath().normalize().toString();
  }

  /** The directory holding {@code file} (the working directory for a bare name). */
  static PathDirectory parentOf(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null) {
      throw new IllegalArgumentException("cannot write a file at the root path " + file);
    }
    return new PathDirectory(parent);
  }

  @Override
  public FileChannel open(String name, Set<? extends OpenOption> options) throws IOException {
    Set<OpenOption> noFollow = new HashSet<>(options);
    noFollow.add(LinkOption.NOFOLLOW_LINKS);
    return FileChannel.open(dir.resolve(name), noFollow);
  }

  @Override
  public void link(String existing, String newName) throws IOException {
    Files.createLink(dir.resolve(newName), dir.resolve(existing));
  }

  @Override
  public void rename(String from, String to) throws IOException {
    Files.move(dir.resolve(from), dir.resolve(to), StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void delete(String name) throws IOException {
    Files.delete(dir.resolve(name));
  }

  @Override
  public BasicFileAttributes attributes(String name) throws IOException {
    return Files.readAttributes(dir.resolve(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public List<String> names() throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
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
    return dir.resolve(name);
  }
}
