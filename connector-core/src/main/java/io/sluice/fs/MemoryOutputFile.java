package io.sluice.fs;

import io.sluice.io.FileMode;
import io.sluice.io.WriteOnlyStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A write stream of {@link MemoryFileSystem}: {@code "wb"} or {@code "ab"}, not seekable. A plain
 * stream appends to the file it created (or found, for {@code "ab"}) as it goes; an atomic one
 * ({@code publishOnClose}) appends to a private file that {@link #close()} publishes under the target
 * path, unless a write failed or {@link #abort()} was called.
 */
final class MemoryOutputFile extends WriteOnlyStream implements Abortable {
  private final MemoryFileSystem fs;
  private final String path;
  private final MemoryFileSystem.File file;
  private final boolean atomic;
  private final boolean exclusive;
  /** The file's length when this stream opened: where an append stream starts. */
  private final long start;
  private long written;
  private boolean failed;
  private boolean aborted;

  /** A stream writing into {@code file}, which is already reachable at {@code path}. */
  static MemoryOutputFile direct(MemoryFileSystem fs, String path, MemoryFileSystem.File file, String mode) {
    return new MemoryOutputFile(fs, path, file, mode, false, false);
  }

  /** A stream writing into a private file published at {@code path} on a successful close. */
  static MemoryOutputFile atomic(MemoryFileSystem fs, String path, MemoryFileSystem.File file, boolean exclusive) {
    return new MemoryOutputFile(fs, path, file, "wb", true, exclusive);
  }

  private MemoryOutputFile(MemoryFileSystem fs, String path, MemoryFileSystem.File file, String mode, boolean atomic,
      boolean exclusive) {
    super(mode.equals("ab") ? FileMode.APPEND : FileMode.WRITE_STREAM);
    this.fs = fs;
    this.path = path;
    this.file = file;
    this.atomic = atomic;
    this.exclusive = exclusive;
    this.start = fs.lengthOf(file);
  }

  @Override
  protected void writeImpl(ByteBuffer src) throws IOException {
    int n = src.remaining();
    try {
      fs.append(file, src);
    } catch (RuntimeException e) {
      failed = true;
      throw new IOException("write of " + n + " bytes to " + describeForErrors() + " failed: " + e.getMessage(), e);
    }
    written += n;
  }

  @Override
  protected long tellImpl() {
    return start + written;
  }

  @Override
  public void abort() throws IOException {
    aborted = true;
    close();
  }

  @Override
  protected void closeImpl() throws IOException {
    if (atomic && !failed && !aborted) {
      fs.publish(path, file, exclusive);
    }
  }

  @Override
  protected String describeForErrors() {
    return "mem:" + path;
  }
}
