package io.sluice.io;

import java.io.Closeable;
import java.io.IOException;
import java.util.Objects;

/**
 * A file that also owns the resource it came from: every operation goes to the wrapped file, and
 * closing closes the file and then the owner. {@link io.sluice.Sluice#inputStream(Object)} uses it
 * for a URI whose file system it connected (an HDFS client), so the caller has one thing to close.
 */
public final class OwnedFile extends ForwardingNativeFile {
  private final Closeable owner;

  public OwnedFile(NativeFile file, Closeable owner) {
    super(file);
    this.owner = Objects.requireNonNull(owner, "owner");
  }

  /** The wrapped file (e.g. an {@code HdfsFile}, for its statistics). */
  public NativeFile file() {
    return delegate();
  }

  /** Closes the file, then the owner, even when closing the file failed (its error comes first). */
  @Override
  protected void closeImpl() throws IOException {
    try (owner) {
      super.closeImpl();
    }
  }

  @Override
  public String toString() {
    return "OwnedFile(" + delegate() + ")";
  }
}
