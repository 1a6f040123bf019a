package io.sluice.fs;

import java.util.Objects;

/**
 * How {@link FileSystems#copyFiles(String, String, FileSystem, FileSystem, long, int, CopyOptions)} copies.
 *
 * <ul>
 *   <li>{@code transcode} (default false): recompress when the source and destination extensions
 *       name different codecs;</li>
 *   <li>{@code atomic} (default true): each destination file is written under a temporary name and
 *       renamed on success, so a failed copy leaves no partial file and an existing file keeps its
 *       old content. Without it the destination is written in place and deleted after a failure
 *       (best effort; readers may see it while it is written);</li>
 *   <li>{@code listener} (default {@link CopyListener#NONE}): progress reports.</li>
 * </ul>
 */
public record CopyOptions(boolean transcode, boolean atomic, CopyListener listener) {
  public static final CopyOptions DEFAULT = new CopyOptions(false, true, CopyListener.NONE);

  public CopyOptions {
    Objects.requireNonNull(listener, "listener");
  }

  public CopyOptions withTranscode(boolean transcode) {
    return new CopyOptions(transcode, atomic, listener);
  }

  public CopyOptions withAtomic(boolean atomic) {
    return new CopyOptions(transcode, atomic, listener);
  }

  public CopyOptions withListener(CopyListener listener) {
    return new CopyOptions(transcode, atomic, listener);
  }
}
