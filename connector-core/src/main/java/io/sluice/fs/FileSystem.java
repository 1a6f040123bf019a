package io.sluice.fs;

import io.sluice.io.NativeFile;
import io.sluice.io.StreamLayers;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * A hierarchical file system (Arrow's {@code FileSystem}): local disks, HDFS, or a confined
 * {@link SubTreeFileSystem} of another. Paths are the file system's own path strings with {@code /}
 * separators (not URIs); {@link #fromUri(String)} turns a URI into a file system and such a path.
 *
 * <h2>Failures</h2>
 * <ul>
 *   <li>a null argument: {@link NullPointerException} naming it;</li>
 *   <li>a path that does not exist where one must:
 *       {@link java.nio.file.NoSuchFileException} (or {@link java.io.FileNotFoundException});
 *       {@link #getFileInfo(String)} never throws for that, it reports {@link FileType#NOT_FOUND};</li>
 *   <li>a path the file system rejects (e.g. one that leaves a {@link SubTreeFileSystem}):
 *       {@link IllegalArgumentException} naming the path;</li>
 *   <li>anything else the store reports: {@link IOException}.</li>
 * </ul>
 */
public interface FileSystem extends Closeable {

  /** A short name of the kind: {@code "local"}, {@code "hdfs"}, {@code "subtree"}. */
  String typeName();

  /** What is at {@code path}; {@link FileType#NOT_FOUND} (size -1, mtime null) when nothing is. */
  FileInfo getFileInfo(String path) throws IOException;

  /**
   * The entries under {@code selector.baseDir()} (not the base itself), sorted by path. A missing
   * base is an empty list when {@code allowNotFound}, otherwise {@link java.nio.file.NoSuchFileException};
   * a base that is a file throws {@link java.nio.file.NotDirectoryException}.
   */
  List<FileInfo> getFileInfo(FileSelector selector) throws IOException;

  /**
   * Creates a directory; with {@code recursive} also its missing parents. An existing directory is
   * fine; an existing file throws {@link java.nio.file.FileAlreadyExistsException}; a missing parent
   * without {@code recursive} throws {@link java.nio.file.NoSuchFileException}.
   */
  void createDir(String path, boolean recursive) throws IOException;

  /** Deletes a directory and everything in it. Missing: NoSuchFileException; a file: NotDirectoryException. */
  void deleteDir(String path) throws IOException;

  /**
   * Deletes everything inside a directory, keeping the directory. A missing directory is fine when
   * {@code missingDirOk}, otherwise {@link java.nio.file.NoSuchFileException}.
   */
  void deleteDirContents(String path, boolean missingDirOk) throws IOException;

  /** Deletes a file. Missing: NoSuchFileException; a directory: IOException (use {@link #deleteDir}). */
  void deleteFile(String path) throws IOException;

  /**
   * Renames {@code src} (file or directory) to {@code dst}, replacing a file at {@code dst}
   * (atomically where the store can). A missing {@code src} throws NoSuchFileException.
   */
  void move(String src, String dst) throws IOException;

  /** Copies the file {@code src} to {@code dst}, replacing a file there. A missing {@code src} throws NoSuchFileException. */
  void copyFile(String src, String dst) throws IOException;

  /**
   * Opens a file for sequential reading, decompressed by its extension as PyArrow's
   * {@code open_input_stream} does ({@code "detect"}: {@code .gz}, {@code .zst}, ... see
   * {@link io.sluice.compress.Codec#detect}); a path without a known extension reads as stored.
   * {@link #openInputStream(String, String, int)} with {@code null} reads any file as stored.
   * Missing: NoSuchFileException or FileNotFoundException.
   */
  default NativeFile openInputStream(String path) throws IOException {
    return openInputStream(path, StreamLayers.DETECT, 0);
  }

  /**
   * The file's bytes as stored, for sequential reading: what {@link #openInputStream(String)} reads
   * before decompression, and what file systems implement. The default is {@link #openInputFile}.
   */
  default NativeFile openRawInputStream(String path) throws IOException {
    return openInputFile(path);
  }

  /** Opens a file for random access (seekable, positional reads), as stored: never decompressed. Missing: NoSuchFileException or FileNotFoundException. */
  NativeFile openInputFile(String path) throws IOException;

  /**
   * Creates or truncates a file for writing, compressed by its extension as PyArrow's
   * {@code open_output_stream} does ({@code "detect"}); its parent directory must exist.
   * {@link #openOutputStream(String, String, int)} with {@code null} writes bytes as given.
   */
  default NativeFile openOutputStream(String path) throws IOException {
    return openOutputStream(path, WriteOptions.DEFAULT, StreamLayers.DETECT, 0);
  }

  /**
   * Creates or truncates a file for writing bytes as given (no compression: the store-level call
   * file systems implement; {@link #openOutputStream(String, WriteOptions, String, int)} adds
   * compression), atomically if {@code options} say so (see {@link WriteOptions}).
   */
  NativeFile openOutputStream(String path, WriteOptions options) throws IOException;

  /**
   * Opens a file for appending, creating it if missing, compressed by its extension as PyArrow's
   * {@code open_append_stream} does ({@code "detect"}: a compressed append adds a new member or
   * frame); the stream is not seekable. {@link #openAppendStream(String, String, int)} with
   * {@code null} appends bytes as given.
   */
  default NativeFile openAppendStream(String path) throws IOException {
    return openAppendStream(path, StreamLayers.DETECT, 0);
  }

  /** Opens a file for appending bytes as given (no compression), creating it if missing: what file systems implement. */
  NativeFile openRawAppendStream(String path) throws IOException;

  /**
   * Opens a file for sequential reading like PyArrow's {@code open_input_stream(path, compression,
   * buffer_size)}: raw file, then a {@code bufferSize} buffer (0 = none), then decompression.
   * {@code compression} is {@code "detect"} (by {@code path}'s extension), {@code null} (none) or a
   * codec name.
   *
   * @throws IllegalArgumentException for an unknown codec or a negative {@code bufferSize} (before
   *     anything is opened)
   */
  default NativeFile openInputStream(String path, String compression, int bufferSize) throws IOException {
    StreamLayers.checkBufferSize(bufferSize);
    StreamLayers.resolveCodec(compression, path);
    return StreamLayers.input(openRawInputStream(path), compression, path, bufferSize);
  }

  /**
   * Creates or truncates a file like PyArrow's {@code open_output_stream(path, compression,
   * buffer_size)}: what is written is compressed (codec by {@code compression} as in
   * {@link #openInputStream(String, String, int)}), buffered, then written to the raw file.
   */
  default NativeFile openOutputStream(String path, String compression, int bufferSize) throws IOException {
    return openOutputStream(path, WriteOptions.DEFAULT, compression, bufferSize);
  }

  /** {@link #openOutputStream(String, String, int)} with {@link WriteOptions} (e.g. atomic). */
  default NativeFile openOutputStream(String path, WriteOptions options, String compression, int bufferSize)
      throws IOException {
    StreamLayers.checkBufferSize(bufferSize);
    StreamLayers.resolveCodec(compression, path);
    return StreamLayers.output(openOutputStream(path, options), compression, path, bufferSize);
  }

  /**
   * Opens a file for appending with compression and buffering as in
   * {@link #openOutputStream(String, String, int)}. Compressed appends add a new member/frame after
   * the existing data (for {@code .gz} a valid multi-member gzip file, which readers concatenate).
   */
  default NativeFile openAppendStream(String path, String compression, int bufferSize) throws IOException {
    StreamLayers.checkBufferSize(bufferSize);
    StreamLayers.resolveCodec(compression, path);
    return StreamLayers.output(openRawAppendStream(path), compression, path, bufferSize);
  }

  /** The canonical spelling of {@code path} on this file system (no trailing separator, no doubled separators). */
  String normalizePath(String path);

  /**
   * {@code path} with every symbolic link in its existing part resolved, as far as this file system
   * has links; the missing remainder is appended unchanged. {@link SubTreeFileSystem} uses it to
   * refuse links that lead out of its base. File systems without links return
   * {@link #normalizePath(String)}.
   */
  default String resolveLinks(String path) throws IOException {
    return normalizePath(path);
  }

  /**
   * As PyArrow's {@code FileSystem.equals}: two file systems are equal when they are of the same
   * kind with equal options (local: the same {@code useMmap}; HDFS: equal {@code HdfsOptions};
   * {@link SubTreeFileSystem}: the same base path over equal file systems). Implementations
   * override {@link Object#equals} and {@link Object#hashCode} accordingly.
   */
  @Override
  boolean equals(Object other);

  @Override
  int hashCode();

  /**
   * The blocks of the file at {@code path} that overlap {@code [start, start + length)}, in file
   * order, with the hosts storing each (Hadoop's {@code getFileBlockLocations}). File systems
   * without blocks report the whole file as one block on {@code "localhost"}; a range past the end,
   * or an empty file, has no blocks.
   *
   * @throws IllegalArgumentException for a negative {@code start} or {@code length}
   * @throws java.nio.file.NoSuchFileException if nothing is at {@code path}
   * @throws IOException if {@code path} is a directory
   */
  default List<BlockLocation> getFileBlockLocations(String path, long start, long length) throws IOException {
    java.util.Objects.requireNonNull(path, "path");
    BlockLocations.checkRange(start, length);
    FileInfo info = getFileInfo(path);
    BlockLocations.requireFile(path, info);
    if (start >= info.size() || length == 0) {
      return List.of();
    }
    return List.of(new BlockLocation(0, info.size(), List.of("localhost")));
  }

  /** Releases what the file system holds (connections); files opened from it stay usable where the kind allows. */
  @Override
  default void close() throws IOException {}

  /**
   * Whether {@link #close()} releases something (a connection, an open directory), so that whoever
   * made this file system must close it. {@code io.sluice.Sluice} uses it for a file system it
   * made from a URI: when true, the file it returns closes the file system too; when false (local
   * disks, {@link MemoryFileSystem}) the file system is simply dropped. The default, true, is the
   * safe answer for a kind that does not say.
   */
  default boolean closeReleasesResources() {
    return true;
  }

  /**
   * The file system for a URI or plain path, through the {@link FileSystemProvider}s on the class
   * path: plain paths and {@code file:} URIs go to the local connector ({@code io.sluice:connector-local}),
   * {@code hdfs:} and any scheme the Hadoop client knows to {@code io.sluice:connector-hdfs}. The
   * returned path is the URI's own (percent-decoded) path; a plain relative path is made absolute.
   *
   * @throws IllegalArgumentException for a malformed URI, or a scheme no provider on the class path
   *     serves (the message names the artifact to add)
   */
  static FileSystemAndPath fromUri(String uri) throws IOException {
    return FileSystemProviders.fromUri(uri);
  }

  /**
   * {@link #fromUri(String)} with default settings from code (trusted, unlike the URI, whose query
   * may set only the allow-listed keys): Hadoop file systems add them to their configuration
   * unless the URI's query sets the same key; other file systems ignore them. For example a
   * command-line tool's connection timeouts.
   */
  static FileSystemAndPath fromUri(String uri, java.util.Map<String, String> settings) throws IOException {
    return FileSystemProviders.fromUri(uri, settings);
  }
}
