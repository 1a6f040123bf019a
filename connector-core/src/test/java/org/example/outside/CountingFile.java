package org.example.outside;

import io.sluice.io.ForwardingNativeFile;
import io.sluice.io.NativeFile;
import io.sluice.memory.Buffer;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A user's decorator, written outside Sluice's packages on the forwarding base: it counts the
 * bytes that pass through it and forwards everything else (so the wrapped file keeps its
 * zero-copy and vectored reads).
 */
final class CountingFile extends ForwardingNativeFile {
  long bytesRead;
  long bytesWritten;

  CountingFile(NativeFile file) {
    super(file);
  }

  @Override
  protected int readImpl(ByteBuffer dst) throws IOException {
    return counted(super.readImpl(dst));
  }

  @Override
  protected int readAtImpl(long position, ByteBuffer dst) throws IOException {
    return counted(super.readAtImpl(position, dst));
  }

  @Override
  protected Buffer readBufferAtImpl(long position, long nbytes) throws IOException {
    Buffer buffer = super.readBufferAtImpl(position, nbytes);
    bytesRead += buffer.size();
    return buffer;
  }

  @Override
  protected Buffer readBufferImpl(long nbytes) throws IOException {
    Buffer buffer = super.readBufferImpl(nbytes);
    bytesRead += buffer.size();
    return buffer;
  }

  @Override
  protected void writeImpl(ByteBuffer src) throws IOException {
    int n = src.remaining();
    super.writeImpl(src);
    bytesWritten += n;
  }

  private int counted(int n) {
    if (n > 0) {
      bytesRead += n;
    }
    return n;
  }
}
