package io.sluice.local;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;

/**
 * One local directory, reached by path ({@link PathDirectory}) or through an open handle
 * ({@link HandleDirectory}), with the operations on single names inside it that atomic output and
 * confinement need. No operation follows a symbolic link in the name it is given.
 */
interface LocalDirectory extends Closeable {
  /** Opens {@code name} with {@code options} (a link at {@code name} is not followed: it fails). */
  FileChannel open(String name, Set<? extends OpenOption> options) throws IOException;

  /** Makes {@code newName} a second name of {@code existing}; FileAlreadyExistsException if it exists. */
  void link(String existing, String newName) throws IOException;

  /** Renames {@code from} to {@code to} atomically, replacing a file there. */
  void rename(String from, String to) throws IOException;

  /** Removes the name (a file or a link, never what a link points to); NoSuchFileException if missing. */
  void delete(String name) throws IOException;

  /** What {@code name} itself is (lstat); NoSuchFileException if missing. */
  BasicFileAttributes attributes(String name) throws IOException;

  /** The names in the directory. */
  List<String> names() throws IOException;

  /** A key unique in this JVM for {@code name} in this directory (the directory's identity, then the name). */
  String key(String name);

  /** The path to show for {@code name} in messages and {@code OSFile.path()}. */
  Path displayPath(String name);

  /** Releases what the directory holds open (nothing for a path). */
  @Override
  default void close() throws IOException {}
}
