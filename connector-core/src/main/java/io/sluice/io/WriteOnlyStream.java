package io.sluice.io;

/**
 * A file that can only be written, front to back: mode {@code "wb"}, not readable, not seekable.
 * The identity every in-memory and layered output stream shares, said once.
 */
public abstract class WriteOnlyStream extends NativeFile {

  protected WriteOnlyStream() {}

  @Override
  public String mode() {
    return "wb";
  }

  @Override
  public boolean readable() {
    return false;
  }

  @Override
  public boolean writable() {
    return true;
  }

  @Override
  public boolean seekable() {
    return false;
  }
}
