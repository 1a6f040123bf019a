package io.sluice.io;

/**
 * A file that can only be read, front to back: mode {@code "rb"}, not writable, not seekable.
 * The identity the layered input streams (buffered, compressed) share, said once.
 */
public abstract class ReadOnlyStream extends NativeFile {

  protected ReadOnlyStream() {}

  @Override
  public String mode() {
    return "rb";
  }

  @Override
  public boolean readable() {
    return true;
  }

  @Override
  public boolean writable() {
    return false;
  }

  @Override
  public boolean seekable() {
    return false;
  }
}
