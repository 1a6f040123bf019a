package io.sluice.it.hadoop;

import io.sluice.io.NativeFile;
import io.sluice.memory.Buffer;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.fs.FSExceptionMessages;
import org.apache.hadoop.fs.FSInputStream;

/**
 * A seekable Sluice {@link NativeFile} seen as a Hadoop input stream ({@code Seekable} +
 * {@code PositionedReadable}), so Hadoop's own contract tests can check Sluice's seek and read
 * semantics. Pure delegation; the only translations are Hadoop's conventions where Sluice's
 * differ: a negative seek is an {@link EOFException} (Sluice: IllegalArgumentException), and a
 * positioned read at or past EOF returns -1 (Sluice: empty at EOF, EOFException past it).
 */
final class NativeFileFSInputStream extends FSInputStream {
  private final NativeFile file;
  private final InputStream in;

  NativeFileFSInputStream(NativeFile file) {
    if (!file.seekable() || !file.readable()) {
      throw new IllegalArgumentException("needs a readable, seekable file, not " + file.getClass().getSimpleName());
    }
    this.file = file;
    this.in = file.asInputStream();
  }

  @Override
  public void seek(long position) throws IOException {
    if (position < 0 && !file.isClosed()) {
      throw new EOFException(FSExceptionMessages.NEGATIVE_SEEK + ": " + position);
    }
    file.seek(position);
  }

  @Override
  public long getPos() throws IOException {
    return file.tell();
  }

  @Override
  public boolean seekToNewSource(long targetPos) {
    return false;
  }

  @Override
  public int read() throws IOException {
    return in.read();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return in.read(b, off, len);
  }

  @Override
  public int read(long position, byte[] buffer, int offset, int length) throws IOException {
    validatePositionedReadArgs(position, buffer, offset, length);
    if (length == 0) {
      return 0;
    }
    if (position >= file.size()) {
      return -1;
    }
    try (Buffer bytes = file.readBufferAt(position, length)) {
      int n = (int) bytes.size();
      bytes.getBytes(0, buffer, offset, n);
      return n;
    }
  }

  @Override
  public int available() throws IOException {
    return in.available();
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
