package io.sluice.local;

import io.sluice.fs.Abortable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The atomic output of {@link LocalFileSystem}: writes go to a hidden temporary file beside the
 * target ({@code .name.sluice-tmp-<random>}), which is synced and renamed over the target when the
 * file closes. When a write failed, or on {@link #abort()}, the temporary file is deleted instead and
 * the target is untouched. Only a process killed before close can leave the temporary file behind.
 */
final class AtomicOSFile extends OSFile implements Abortable {
  private final Path target;
  private boolean failed;
  private boolean aborted;

  private AtomicOSFile(Path temporary, Path target) throws IOException {
    super(temporary, "wb");
    this.target = target;
  }

  static AtomicOSFile open(Path target) throws IOException {
    if (Files.isDirectory(target)) {
      throw new IOException("cannot open " + target + " as a file: it is a directory");
    }
    Path name = target.getFileName();
    if (name == null) {
      throw new IllegalArgumentException("cannot write a file at the root path " + target);
    }
    String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    return new AtomicOSFile(target.resolveSibling("." + name + ".sluice-tmp-" + suffix), target);
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
    Path temporary = path();
    boolean publish = !failed && !aborted;
    try {
      if (publish) {
        forceToDisk();
      }
      super.closeImpl();
      if (publish) {
        moveIntoPlace(temporary);
        return;
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temporary);
      throw e;
    }
    Files.deleteIfExists(temporary);
  }

  private void moveIntoPlace(Path temporary) throws IOException {
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      // Same directory, so this only happens on exotic file systems; still never a partial target.
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
