package io.sluice.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/** {@link NativeFile#asInputStream()}: a {@link NativeFile} read as a {@code java.io} stream. */
final class NativeFileInputStream extends InputStream {
  private final NativeFile file;
  private final ByteBuffer single = ByteBuffer.allocate(1);

  NativeFileInputStream(NativeFile file) {
    this.file = file;
  }

  @Override
  public int read() throws IOException {
    single.clear();
    int n = file.readSome(single);
    return n < 0 ? -1 : single.get(0) & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.requireNonNull(b, "b");
    Objects.checkFromIndexSize(off, len, b.length);
    return file.readSome(ByteBuffer.wrap(b, off, len));
  }

  /** Seeks forward on seekable files (never past the end); reads and discards on streams. */
  @Override
  public long skip(long n) throws IOException {
    file.checkReadable();
    if (n <= 0) {
      return 0;
    }
    if (file.seekable()) {
      long position = file.tell();
      long skipped = Math.min(n, Math.max(0, file.size() - position));
      file.seek(position + skipped);
      return skipped;
    }
    return super.skip(n);
  }

  /** Bytes left before EOF for seekable files (capped at Integer.MAX_VALUE); 0 for streams. */
  @Override
  public int available() throws IOException {
    file.checkReadable();
    if (!file.seekable()) {
      return 0;
    }
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, file.size() - file.tell()));
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
