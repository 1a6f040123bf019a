package io.sluice.local;

import io.sluice.fs.AtomicOutput;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * {@link AtomicOutput}'s store for one local directory. A writer is alive while it holds an
 * exclusive lock ({@link FileChannel#lock()}, {@code fcntl}) on its temporary: the operating system
 * frees that lock when the process dies, however it dies, so a temporary whose lock can be taken
 * belongs to a dead writer.
 *
 * <p>So that a temporary is never seen under its slot name unlocked (which would make a live writer
 * look dead), the writer creates it under a fresh staging name, locks it, and only then hard-links it
 * to the slot name ({@code link} fails if the slot exists: the claim is atomic) and removes the
 * staging name. On a file system without hard links the staging name itself is the temporary (found
 * by {@code cleanOrphans}, not by the next writer).
 */
final class LocalAtomicStore implements AtomicOutput.Store<LocalAtomicStore.Temporary> {
  /** An open temporary: its channel (holding the lock) and the name it has in the directory. */
  record Temporary(FileChannel channel, String name) {}

  private static final Set<StandardOpenOption> CREATE = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
  private static final Set<StandardOpenOption> PROBE = Set.of(StandardOpenOption.WRITE);

  private final LocalDirectory dir;

  LocalAtomicStore(LocalDirectory dir) {
    this.dir = dir;
  }

  LocalDirectory directory() {
    return dir;
  }

  @Override
  public String key(String name) {
    return dir.key(name);
  }

  @Override
  public Temporary createExclusive(String slotName) throws IOException {
    String target = AtomicOutput.targetOf(slotName).orElseThrow();
    while (true) {
      String staging = AtomicOutput.stagingName(target);
      FileChannel channel = dir.open(staging, CREATE);
      boolean done = false;
      try {
        channel.lock();
        try {
          dir.link(staging, slotName);
        } catch (NoSuchFileException e) {
          continue; // a sweeper took our staging file before we locked it: start again (finally cleans up)
        } catch (UnsupportedOperationException e) {
          done = true;
          return new Temporary(channel, staging); // no hard links here: the staging name is the temporary
        }
        deleteQuietly(staging);
        done = true;
        return new Temporary(channel, slotName);
      } finally {
        if (!done) {
          channel.close();
          deleteQuietly(staging);
        }
      }
    }
  }

  @Override
  public AtomicOutput.Probe removeIfWriterDead(String name) throws IOException {
    try {
      if (!dir.attributes(name).isRegularFile()) {
        return AtomicOutput.Probe.LIVE; // a link or a directory under a temporary name is not ours to judge
      }
    } catch (NoSuchFileException e) {
      return AtomicOutput.Probe.MISSING;
    }
    FileChannel channel;
    try {
      channel = dir.open(name, PROBE);
    } catch (NoSuchFileException e) {
      return AtomicOutput.Probe.MISSING;
    } catch (FileSystemException e) {
      return AtomicOutput.Probe.LIVE; // swapped for a link meanwhile, or not writable by us: leave it
    }
    try (channel) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return AtomicOutput.Probe.LIVE; // another process holds it
      }
      // Removed while we hold the lock, so a writer that locked a file we remove sees it gone.
      try {
        dir.delete(name);
      } catch (NoSuchFileException e) {
        return AtomicOutput.Probe.MISSING;
      }
      return AtomicOutput.Probe.REMOVED;
    } catch (OverlappingFileLockException e) {
      return AtomicOutput.Probe.LIVE; // a writer of this JVM not (yet) registered
    }
  }

  void deleteQuietly(String name) {
    try {
      dir.delete(name);
    } catch (IOException | RuntimeException ignored) {
      // Already gone, or the directory is: nothing of ours remains to remove.
    }
  }
}
