package io.sluice.io;

/**
 * What a {@link NativeFile} can do, fixed when it is constructed: its PyArrow mode string and
 * whether it is readable, writable and seekable (Arrow's {@code FileMode}, with the seekability
 * PyArrow reports beside it). A kind passes one of these to {@link NativeFile}'s constructor, or
 * extends a skeleton that does ({@link ReadOnlyStream}, {@link RandomAccessReader},
 * {@link WriteOnlyStream}); no kind restates {@code mode()}, {@code readable()}, {@code writable()}
 * or {@code seekable()}.
 */
public enum FileMode {
  /** {@code "rb"}, seekable: positional reads, {@code seek}, ranges (a local file, a buffer). */
  READ("rb", true, false, true),
  /** {@code "rb"}, a stream read front to back (a Java {@code InputStream}, a decompressor). */
  READ_STREAM("rb", true, false, false),
  /** {@code "wb"}, seekable: writes at the position (a local file, a fixed-size buffer). */
  WRITE("wb", false, true, true),
  /** {@code "wb"}, a stream written front to back (a Java {@code OutputStream}, a compressor). */
  WRITE_STREAM("wb", false, true, false),
  /** {@code "ab"}: every write goes to the end; not seekable. */
  APPEND("ab", false, true, false),
  /** {@code "rb+"}: read and write, seekable (a channel or memory map opened for update). */
  READ_WRITE("rb+", true, true, true);

  private final String mode;
  private final boolean readable;
  private final boolean writable;
  private final boolean seekable;

  FileMode(String mode, boolean readable, boolean writable, boolean seekable) {
    this.mode = mode;
    this.readable = readable;
    this.writable = writable;
    this.seekable = seekable;
  }

  /** PyArrow's mode string: {@code "rb"}, {@code "wb"}, {@code "ab"} or {@code "rb+"}. */
  public String mode() {
    return mode;
  }

  public boolean readable() {
    return readable;
  }

  public boolean writable() {
    return writable;
  }

  public boolean seekable() {
    return seekable;
  }
}
