package io.sluice.parquet;

import io.sluice.fs.FileSystem;
import io.sluice.fs.WriteOptions;
import io.sluice.io.NativeFile;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.Objects;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * Parquet's {@link OutputFile} over a Sluice file system. {@link #create} refuses an existing file
 * ({@link FileAlreadyExistsException}); {@link #createOrOverwrite} replaces it. Writes are atomic
 * unless the {@link WriteOptions} say otherwise: a reader never sees a half-written Parquet file,
 * and a failed write leaves nothing (or the old file) behind.
 */
public final class SluiceOutputFile implements OutputFile {
  private static final WriteOptions ATOMIC = WriteOptions.builder().atomic(true).build();

  private final FileSystem fileSystem;
  private final String path;
  private final WriteOptions options;

  private SluiceOutputFile(FileSystem fileSystem, String path, WriteOptions options) {
    this.fileSystem = fileSystem;
    this.path = path;
    this.options = options;
  }

  /** Atomic writes to {@code path}. */
  public static SluiceOutputFile of(FileSystem fileSystem, String path) {
    return of(fileSystem, path, ATOMIC);
  }

  public static SluiceOutputFile of(FileSystem fileSystem, String path, WriteOptions options) {
    Objects.requireNonNull(fileSystem, "fileSystem");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(options, "options");
    return new SluiceOutputFile(fileSystem, path, options);
  }

  /** A new file; {@link FileAlreadyExistsException} if one exists (checked atomically by the store). */
  @Override
  public PositionOutputStream create(long blockSizeHint) throws IOException {
    WriteOptions exclusive = options.toBuilder().exclusive(true).build();
    return new SluicePositionOutputStream(fileSystem.openOutputStream(path, exclusive, null, 0));
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
    return new SluicePositionOutputStream(fileSystem.openOutputStream(path, options, null, 0));
  }

  @Override
  public boolean supportsBlockSize() {
    return false;
  }

  @Override
  public long defaultBlockSize() {
    return 0;
  }

  @Override
  public String getPath() {
    return path;
  }

  @Override
  public String toString() {
    return path;
  }

  /** Counts what it writes, since Sluice writers (HDFS, atomic files) need not be seekable. */
  private static final class SluicePositionOutputStream extends PositionOutputStream {
    private final NativeFile out;
    private long position;

    SluicePositionOutputStream(NativeFile out) {
      this.out = out;
    }

    @Override
    public long getPos() {
      return position;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(new byte[] {(byte) b});
      position++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      position += len;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
