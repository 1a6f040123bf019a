package org.example.outside;

import io.sluice.io.NativeFile;
import io.sluice.io.ReadOnlyStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A user's buffering stream (what {@code java.io.BufferedInputStream} does), written outside
 * Sluice's packages on the sequential skeleton and the public {@link NativeFile#readSome}: it
 * reads the source in blocks of {@code blockSize} and serves small reads from the block.
 */
final class ReadAheadStream extends ReadOnlyStream {
  private final NativeFile source;
  private final ByteBuffer block;
  private long position;
  int sourceReads;

  ReadAheadStream(NativeFile source, int blockSize) {
    this.source = source;
    this.block = ByteBuffer.allocate(blockSize).flip();
  }

  @Override
  protected int readImpl(ByteBuffer dst) throws IOException {
    if (!block.hasRemaining()) {
      block.clear();
      sourceReads++;
      int n = source.readSome(block);
      block.flip();
      if (n < 0) {
        return -1;
      }
    }
    int n = Math.min(dst.remaining(), block.remaining());
    dst.put(block.slice().limit(n));
    block.position(block.position() + n);
    position += n;
    return n;
  }

  @Override
  protected long tellImpl() {
    return position;
  }

  @Override
  protected void closeImpl() throws IOException {
    source.close();
  }
}
