package org.example.outside;

import io.sluice.io.RandomAccessReader;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A user's own kind of file, written outside Sluice's packages on the positional skeleton: two
 * hooks (read-at and size) and close. Position, seek, tell, sequential reads, buffers, ranges,
 * windows and the Java views all come from {@link RandomAccessReader} and {@code NativeFile}.
 */
final class ByteArrayFile extends RandomAccessReader {
  private final byte[] content;
  int closes;

  ByteArrayFile(byte[] content) {
    this.content = Objects.requireNonNull(content, "content");
  }

  @Override
  protected int readAtImpl(long position, ByteBuffer dst) {
    if (position >= content.length) {
      return -1;
    }
    int n = (int) Math.min(dst.remaining(), content.length - position);
    dst.put(content, (int) position, n);
    return n;
  }

  @Override
  protected long sizeImpl() {
    return content.length;
  }

  @Override
  protected void closeImpl() {
    closes++;
  }

  @Override
  protected String describeForErrors() {
    return "byte-array file of " + content.length + " bytes";
  }
}
