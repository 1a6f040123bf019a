package io.sluice.cli;

import io.sluice.fs.FileInfo;
import io.sluice.fs.FileSystem;
import java.io.IOException;

/**
 * One place a command works on: the text the user gave (for every message), the file system that
 * serves it and the path inside that file system.
 *
 * @param given what the user typed (or, for files found in a directory or by a glob, that text
 *     with the rest of the path appended), so messages never show an internal spelling
 * @param fs the file system
 * @param path the path inside {@code fs}
 */
record Location(String given, FileSystem fs, String path) {

  /** What is there now; an I/O failure names {@link #given}. */
  FileInfo info() {
    try {
      return fs.getFileInfo(path);
    } catch (IOException | RuntimeException e) {
      throw CliErrors.at(given, e);
    }
  }

  /** The entry {@code name} inside this directory. */
  Location child(String name) {
    return new Location(appendToGiven(name), fs, Locations.join(path, name));
  }

  /** The same file system at {@code path}, named for the user as {@code given}. */
  Location at(String newPath, String newGiven) {
    return new Location(newGiven, fs, newPath);
  }

  /** The last path element. */
  String baseName() {
    return Locations.baseName(path);
  }

  /** {@code given} with {@code /name} added to its path (before a URI's {@code ?query}). */
  private String appendToGiven(String name) {
    int query = Locations.queryStart(given);
    String base = query < 0 ? given : given.substring(0, query);
    String rest = query < 0 ? "" : given.substring(query);
    return Locations.join(base, name) + rest;
  }

  /** Whether both locations are on the same file system instance (so a rename can move between them). */
  boolean sameFileSystem(Location other) {
    return fs == other.fs;
  }

  boolean isLocal() {
    return "local".equals(fs.typeName());
  }

  @Override
  public String toString() {
    return given;
  }
}
