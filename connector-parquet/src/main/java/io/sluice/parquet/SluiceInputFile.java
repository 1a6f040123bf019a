package io.sluice.parquet;

import io.sluice.fs.FileInfo;
import io.sluice.fs.FileSystem;
import io.sluice.io.NativeFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Objects;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Parquet's {@link InputFile} over a Sluice file, so parquet-java reads local files, memory maps and
 * HDFS (short-circuit and zero-copy where the replica is local) without Hadoop's {@code FileSystem}.
 *
 * <ul>
 *   <li>{@link #of(FileSystem, String)}: every {@link #newStream()} opens the file with
 *       {@link FileSystem#openInputFile} (never decompressed) and closing the stream closes it.</li>
 *   <li>{@link #of(NativeFile)}: streams share the caller's seekable file through positional reads,
 *       each with its own position; closing a stream leaves the file open (the caller owns it).</li>
 * </ul>
 */
public final class SluiceInputFile implements InputFile {
  private final FileSystem fileSystem;
  private final String path;
  private final NativeFile sharedFile;
  private long length = -1;

  private SluiceInputFile(FileSystem fileSystem, String path, NativeFile sharedFile) {
    this.fileSystem = fileSystem;
    this.path = path;
    this.sharedFile = sharedFile;
  }

  /** The file at {@code path} of {@code fileSystem}, opened anew for every stream. */
  public static SluiceInputFile of(FileSystem fileSystem, String path) {
    Objects.requireNonNull(fileSystem, "fileSystem");
    Objects.requireNonNull(path, "path");
    return new SluiceInputFile(fileSystem, path, null);
  }

  /**
   * An open, readable and seekable file that the caller keeps owning; streams read it with
   * positional reads, so several may be open at once.
   *
   * @throws IllegalArgumentException if the file is not readable and seekable
   */
  public static SluiceInputFile of(NativeFile seekableFile) {
    Objects.requireNonNull(seekableFile, "seekableFile");
    if (!seekableFile.readable() || !seekableFile.seekable()) {
      throw new IllegalArgumentException("parquet needs a readable, seekable file; got mode "
          + seekableFile.mode() + (seekableFile.seekable() ? "" : " (not seekable)") + ": " + seekableFile);
    }
    return new SluiceInputFile(null, String.valueOf(seekableFile), seekableFile);
  }

  @Override
  public long getLength() throws IOException {
    if (sharedFile != null) {
      return sharedFile.size();
    }
    if (length < 0) {
      FileInfo info = fileSystem.getFileInfo(path);
      if (!info.isFile()) {
        throw info.type() == io.sluice.fs.FileType.NOT_FOUND
            ? new FileNotFoundException(path)
            : new IOException("not a file: " + path + " (" + info.type() + ")");
      }
      length = info.size();
    }
    return length;
  }

  @Override
  public SeekableInputStream newStream() throws IOException {
    if (sharedFile != null) {
      return new SluiceSeekableInputStream(sharedFile, false, path);
    }
    return new SluiceSeekableInputStream(fileSystem.openInputFile(path), true, path);
  }

  @Override
  public String toString() {
    return path;
  }
}
