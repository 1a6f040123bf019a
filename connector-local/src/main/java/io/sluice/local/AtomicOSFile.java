package io.sluice.local;

import io.sluice.fs.Abortable;
import io.sluice.fs.AtomicOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The atomic output of {@link LocalFileSystem} and of its confined {@code SubTreeFileSystem} view:
 * writes go to a hidden temporary beside the target claimed through {@link AtomicOutput}
 * ({@code .name.sluice-tmp-<slot>}, locked while this file is open), which is synced and renamed over
 * the target when the file closes (with {@code exclusive}, hard-linked to the target, which fails if
 * the target appeared meanwhile, then unlinked). When a write failed, on {@link #abort()}, or when
 * the JVM shuts down before the close, the temporary file is deleted instead and the target is
 * untouched. Only a process killed before close leaves the temporary behind, unlocked: the next
 * atomic write to the same target removes it.
 */
final class AtomicOSFile extends OSFile implements Abortable {
  private final LocalAtomicStore store;
  private final AtomicOutput.Claim<LocalAtomicStore.Temporary> claim;
  private final String targetName;
  private final Path target;
  private final boolean exclusive;
  private boolean failed;
  private boolean aborted;

  private AtomicOSFile(LocalAtomicStore store, AtomicOutput.Claim<LocalAtomicStore.Temporary> claim,
      String targetName, boolean exclusive) {
    super(store.directory().displayPath(claim.temporary().name()), "wb", claim.temporary().channel());
    this.store = store;
    this.claim = claim;
    this.targetName = targetName;
    this.target = store.directory().displayPath(targetName);
    this.exclusive = exclusive;
  }

  /**
   * Opens an atomic output for {@code targetName} in {@code dir}; with {@code exclusive} an existing
   * target fails now with {@link FileAlreadyExistsException}, and one that appears before the close
   * fails the close the same way.
   */
  static AtomicOSFile open(LocalDirectory dir, String targetName, boolean exclusive) throws IOException {
    Path target = dir.displayPath(targetName);
    try {
      if (dir.attributes(targetName).isDirectory()) {
        throw new IOException("cannot open " + target + " as a file: it is a directory");
      }
      if (exclusive) {
        throw new FileAlreadyExistsException(target.toString(), null, "exclusive write: the target exists");
      }
    } catch (NoSuchFileException e) {
      // The usual case: nothing there yet.
    }
    LocalAtomicStore store = new LocalAtomicStore(dir);
    String[] temporaryName = new String[1];
    AtomicOutput.Claim<LocalAtomicStore.Temporary> claim = AtomicOutput.claim(store, targetName,
        () -> store.deleteQuietly(temporaryName[0]));
    temporaryName[0] = claim.temporary().name();
    return new AtomicOSFile(store, claim, targetName, exclusive);
  }

  /** The path the content appears under on successful close. */
  Path target() {
    return target;
  }

  @Override
  protected void writeImpl(ByteBuffer src) throws IOException {
    try {
      super.writeImpl(src);
    } catch (IOException | RuntimeException e) {
      failed = true;
      throw e;
    }
  }

  @Override
  public void abort() throws IOException {
    aborted = true;
    close();
  }

  @Override
  protected void closeImpl() throws IOException {
    String temporary = claim.temporary().name();
    try {
      if (failed || aborted) {
        store.deleteQuietly(temporary);
        return;
      }
      // Published while the channel (and so the lock) is still held: no sweeper can take it meanwhile.
      try {
        forceToDisk();
        publish(temporary);
      } catch (IOException | RuntimeException e) {
        store.deleteQuietly(temporary);
        throw e;
      }
    } finally {
      try {
        super.closeImpl();
      } finally {
        AtomicOutput.finished(claim);
        store.directory().close();
      }
    }
  }

  private void publish(String temporary) throws IOException {
    LocalDirectory dir = store.directory();
    if (!exclusive) {
      dir.rename(temporary, targetName);
      return;
    }
    try {
      dir.link(temporary, targetName);
    } catch (FileAlreadyExistsException e) {
      throw new FileAlreadyExistsException(target.toString(), null,
          "exclusive write: the target appeared while it was written; nothing was published");
    }
    store.deleteQuietly(temporary);
  }
}
