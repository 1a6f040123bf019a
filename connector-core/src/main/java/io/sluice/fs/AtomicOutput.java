package io.sluice.fs;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one atomic-output scheme of every Sluice file system: the temporary names, how a writer claims
 * one, which temporaries belong to writers that died, and the JVM shutdown hook that discards open
 * atomic writes. Stores plug in through {@link Store}; {@code LocalFileSystem}, its confined
 * {@link SubTreeFileSystem} view and {@code HadoopFileSystem} all use it.
 *
 * <h2>Temporary names</h2>
 * A write to {@code dir/name} goes to {@code dir/.name.sluice-tmp-<slot>}, where {@code slot} is the
 * smallest number {@code 0, 1, 2, ...} that is not held by a live writer; the leading dot hides it
 * from Hadoop tools and Hive/Spark readers, and Sluice's own listings leave these names out
 * ({@link #isTemporaryName(String)}). Numbered slots let the next writer of the same target find the
 * temporaries a dead writer left with a few lookups, never a listing of the whole directory. A store
 * that cannot claim a slot atomically with its liveness mark (local files create the file under a
 * staging name {@code .name.sluice-tmp-n<16 hex digits>}, lock it, then hard-link it to the slot)
 * uses the staging name too; both forms are temporary names.
 *
 * <h2>Dead or alive</h2>
 * The store itself says whether a temporary's writer is alive ({@link Store#removeIfWriterDead}):
 * locally a lock the operating system frees when the process dies, on HDFS the writer's lease.
 * Writers of this JVM are known from the registry kept here and are never probed, so a probe never
 * opens a file a writer of this JVM has locked.
 */
public final class AtomicOutput {
  private static final String MARK = ".sluice-tmp-";
  /** {@code .<name>.sluice-tmp-<slot>} or {@code .<name>.sluice-tmp-n<16 hex>}. */
  private static final Pattern TEMPORARY = Pattern.compile("\\.(.+)\\.sluice-tmp-(\\d{1,9}|n[0-9a-f]{16})");
  /** Slots tried before giving up: that many live writers of one target at once is a runaway. */
  public static final int MAX_SLOTS = 1024;

  /** Open atomic outputs of this JVM by {@link Store#key}: never probed, discarded at shutdown. */
  private static final Map<String, Pending> OPEN = new ConcurrentHashMap<>();
  private static volatile boolean hookInstalled;

  private AtomicOutput() {}

  // ---------------------------------------------------------------- names

  /** The temporary name of {@code slot} for the file {@code targetName} (a name, not a path). */
  public static String slotName(String targetName, int slot) {
    checkName(targetName);
    if (slot < 0 || slot >= MAX_SLOTS) {
      throw new IllegalArgumentException("slot must be in 0.." + (MAX_SLOTS - 1) + ": " + slot);
    }
    return "." + targetName + MARK + slot;
  }

  /** A fresh staging name for {@code targetName}, unique with overwhelming probability. */
  public static String stagingName(String targetName) {
    checkName(targetName);
    return "." + targetName + MARK + "n" + String.format("%016x", ThreadLocalRandom.current().nextLong());
  }

  /** Whether {@code fileName} (a name, not a path) is a temporary name of this scheme. */
  public static boolean isTemporaryName(String fileName) {
    return TEMPORARY.matcher(fileName).matches();
  }

  /** The target name a temporary name belongs to, or empty when {@code fileName} is not one. */
  public static Optional<String> targetOf(String fileName) {
    Matcher m = TEMPORARY.matcher(fileName);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static void checkName(String targetName) {
    Objects.requireNonNull(targetName, "targetName");
    if (targetName.isEmpty() || targetName.indexOf('/') >= 0) {
      throw new IllegalArgumentException("a target name must be one non-empty name without '/': '" + targetName + "'");
    }
  }

  // ---------------------------------------------------------------- the store side

  /**
   * What a store does for the scheme, in one directory. Names are single names inside that directory.
   *
   * @param <T> what an open temporary is for the store (a channel, a Hadoop stream)
   */
  public interface Store<T> {
    /** A key unique in this JVM for {@code name} in this directory (the registry key). */
    String key(String name);

    /**
     * Creates {@code name} if it does not exist, marked live (locked, leased) from the moment it can
     * be seen under that name; {@link FileAlreadyExistsException} when it exists.
     */
    T createExclusive(String name) throws IOException;

    /**
     * Removes {@code name} if its writer is dead as the store tells it (a freed lock, an expired
     * lease). Never called for a name a writer of this JVM holds.
     */
    Probe removeIfWriterDead(String name) throws IOException;
  }

  /** What {@link Store#removeIfWriterDead} found. */
  public enum Probe {
    /** Nothing of that name (any more). */
    MISSING,
    /** Its writer is alive: left alone. */
    LIVE,
    /** Its writer was dead: removed. */
    REMOVED
  }

  /**
   * A file system whose atomic writes can leave temporaries behind, so that
   * {@link FileSystems#cleanOrphans(FileSystem, String, java.time.Duration)} can find and judge them.
   * Paths are the file system's own.
   */
  public interface Sweepable {
    /** The entries directly in {@code dir} whose names are temporary names, with their mtimes. */
    List<FileInfo> listTemporaries(String dir) throws IOException;

    /** The registry key ({@link Store#key}) of the temporary at {@code path}. */
    String temporaryKey(String path) throws IOException;

    /** {@link Store#removeIfWriterDead} for the temporary at {@code path}. */
    Probe removeIfWriterDead(String path) throws IOException;
  }

  /** A claimed temporary: its name, what the store opened, and its registration here. */
  public record Claim<T>(String name, T temporary, String key) {}

  /**
   * Claims the lowest free slot for {@code targetName}: dead writers' temporaries met on the way (and
   * those in the slots right after the claimed one) are removed, live ones skipped. The claim is
   * registered: {@code onShutdown} runs if the JVM shuts down before {@link #finished(Claim)}.
   */
  public static <T> Claim<T> claim(Store<T> store, String targetName, Runnable onShutdown) throws IOException {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(onShutdown, "onShutdown");
    installHook();
    for (int slot = 0; slot < MAX_SLOTS; slot++) {
      String name = slotName(targetName, slot);
      String key = store.key(name);
      Pending pending = new Pending(onShutdown);
      if (OPEN.putIfAbsent(key, pending) != null) {
        continue; // a writer of this JVM holds it
      }
      T temporary = null;
      try {
        temporary = tryCreate(store, name);
      } finally {
        if (temporary == null) {
          OPEN.remove(key, pending);
        }
      }
      if (temporary != null) {
        removeDeadAfter(store, targetName, slot + 1);
        return new Claim<>(name, temporary, key);
      }
    }
    throw new IOException("no free temporary slot for '" + targetName + "': " + MAX_SLOTS
        + " live atomic writers of that file at once");
  }

  /** The slot's temporary, created; null when a live writer holds it. */
  private static <T> T tryCreate(Store<T> store, String name) throws IOException {
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        return store.createExclusive(name);
      } catch (FileAlreadyExistsException e) {
        if (store.removeIfWriterDead(name) == Probe.LIVE) {
          return null;
        }
      }
    }
    return null; // others keep re-creating it: treat as taken
  }

  /** Removes dead temporaries in the slots from {@code from} up to the first empty one. */
  private static <T> void removeDeadAfter(Store<T> store, String targetName, int from) throws IOException {
    for (int slot = from; slot < MAX_SLOTS; slot++) {
      String name = slotName(targetName, slot);
      if (!OPEN.containsKey(store.key(name)) && store.removeIfWriterDead(name) == Probe.MISSING) {
        return;
      }
    }
  }

  /** Ends a claim (published, discarded or failed): it is no longer discarded at shutdown. */
  public static void finished(Claim<?> claim) {
    OPEN.remove(claim.key());
  }

  /** Whether a writer of this JVM holds the temporary with this {@link Store#key}. */
  public static boolean isOpenHere(String key) {
    return OPEN.containsKey(key);
  }

  /** How many atomic writes of this JVM are open (for tests). */
  public static int openCount() {
    return OPEN.size();
  }

  // ---------------------------------------------------------------- shutdown

  private record Pending(Runnable onShutdown) {}

  private static void installHook() {
    if (hookInstalled) {
      return;
    }
    synchronized (AtomicOutput.class) {
      if (!hookInstalled) {
        Runtime.getRuntime().addShutdownHook(new Thread(AtomicOutput::discardAll, "sluice-atomic-output-abort"));
        hookInstalled = true;
      }
    }
  }

  /** Runs at JVM shutdown: every open atomic write is discarded (its temporary deleted). */
  private static void discardAll() {
    List<Pending> pending = new ArrayList<>(OPEN.values());
    OPEN.clear();
    for (Pending p : pending) {
      try {
        p.onShutdown().run();
      } catch (RuntimeException | Error ignored) {
        // Shutting down: the next temporary must still be discarded.
      }
    }
  }
}
