package io.sluice.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/** {@link NativeFile#asOutputStream()}: a {@link NativeFile} written as a {@code java.io} stream. */
final class NativeFileOutputStream extends OutputStream {
  private final NativeFile file;

  NativeFileOutputStream(NativeFile file) {
    this.file = file;
  }

  @Override
  public void write(int b) throws IOException {
    file.write(ByteBuffer.wrap(new byte[] {(byte) b}));
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.requireNonNull(b, "b");
    Objects.checkFromIndexSize(off, len, b.length);
    file.write(ByteBuffer.wrap(b, off, len));
  }

  @Override
  public void flush() throws IOException {
    file.flush();
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
