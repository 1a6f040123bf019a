package io.sluice.fs;

/**
 * How {@link FileSystem#openOutputStream(String, WriteOptions)} writes a file: a value (equal when
 * the three flags are), made by {@link #builder()} or the canonical constructor.
 *
 * <ul>
 *   <li>{@code atomic}: the file appears under its name only when the stream closes successfully.
 *       It is written to a hidden temporary name beside the target
 *       ({@code .<name>.sluice-tmp-<n>}, see {@link AtomicOutput}) and renamed on close; when a write
 *       or the close fails, on {@link Abortable#abort()}, or when the JVM shuts down first (Ctrl-C
 *       included), the temporary file is deleted and nothing appears. An existing file of that name
 *       keeps its old content until the rename. A temporary file left by a writer that was killed is
 *       removed by the next atomic write to the same target or by
 *       {@link FileSystems#cleanOrphans(FileSystem, String, java.time.Duration)}.</li>
 *   <li>{@code exclusive}: the write fails with {@link java.nio.file.FileAlreadyExistsException} if
 *       the target exists, checked atomically by the store ({@code CREATE_NEW} locally,
 *       {@code overwrite=false} on HDFS). With {@code atomic} the check is made again, atomically, when
 *       the file is published: a target that appeared meanwhile is never replaced, the close fails
 *       with {@code FileAlreadyExistsException} and the temporary file is deleted.</li>
 *   <li>{@code createParents}: missing parent directories are created; without it a missing parent
 *       fails with {@link java.nio.file.NoSuchFileException} naming the parent.</li>
 * </ul>
 */
public record WriteOptions(boolean atomic, boolean exclusive, boolean createParents) {
  /** Plain writes: the file is created (or truncated) when the stream opens; its parent must exist. */
  public static final WriteOptions DEFAULT = new WriteOptions(false, false, false);

  /** A builder starting from {@link #DEFAULT}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return new Builder().atomic(atomic).exclusive(exclusive).createParents(createParents);
  }

  /** Builds {@link WriteOptions}; starts from {@link #DEFAULT}. */
  public static final class Builder {
    private boolean atomic;
    private boolean exclusive;
    private boolean createParents;

    private Builder() {}

    public Builder atomic(boolean atomic) {
      this.atomic = atomic;
      return this;
    }

    public Builder exclusive(boolean exclusive) {
      this.exclusive = exclusive;
      return this;
    }

    public Builder createParents(boolean createParents) {
      this.createParents = createParents;
      return this;
    }

    public WriteOptions build() {
      return new WriteOptions(atomic, exclusive, createParents);
    }
  }
}
