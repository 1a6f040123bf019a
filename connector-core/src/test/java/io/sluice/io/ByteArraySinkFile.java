package io.sluice.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** Test sink: a writable stream NativeFile over a byte array, which records whether it was closed. */
final class ByteArraySinkFile extends WriteOnlyStream {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  int flushes;

  byte[] toByteArray() {
    return bytes.toByteArray();
  }

  @Override
  protected void writeImpl(ByteBuffer src) {
    byte[] chunk = new byte[src.remaining()];
    src.get(chunk);
    bytes.writeBytes(chunk);
  }

  @Override
  protected long tellImpl() {
    return bytes.size();
  }

  @Override
  protected void flushImpl() {
    flushes++;
  }

  @Override
  protected void closeImpl() {}
}
