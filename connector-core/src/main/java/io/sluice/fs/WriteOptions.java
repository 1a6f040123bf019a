package io.sluice.fs;

/**
 * How {@link FileSystem#openOutputStream(String, WriteOptions)} writes a file.
 *
 * <p>{@code atomic}: the file appears under its name only when the stream closes successfully
 * (written to a hidden temporary name beside it and renamed on close); when a write or the close
 * fails the temporary file is deleted and nothing appears. An existing file of that name keeps its
 * old content until the rename.
 */
public final class WriteOptions {
  /** Plain writes: the file is created (or truncated) when the stream opens. */
  public static final WriteOptions DEFAULT = new WriteOptions(false);

  private final boolean atomic;

  private WriteOptions(boolean atomic) {
    this.atomic = atomic;
  }

  public static Builder builder() {
    return new Builder();
  }

  public boolean atomic() {
    return atomic;
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof WriteOptions other && other.atomic == atomic;
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(atomic);
  }

  @Override
  public String toString() {
    return "WriteOptions(atomic=" + atomic + ")";
  }

  /** Builds {@link WriteOptions}; starts from {@link #DEFAULT}. */
  public static final class Builder {
    private boolean atomic;

    private Builder() {}

    public Builder atomic(boolean atomic) {
      this.atomic = atomic;
      return this;
    }

    public WriteOptions build() {
      return atomic ? new WriteOptions(true) : DEFAULT;
    }
  }
}
