package io.sluice.io;

/** Where a relative {@link NativeFile#seek(long, Whence)} counts from (POSIX {@code SEEK_SET/CUR/END}). */
public enum Whence {
  SET,
  CURRENT,
  END
}
