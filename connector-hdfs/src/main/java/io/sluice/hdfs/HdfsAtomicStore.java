package io.sluice.hdfs;

import io.sluice.fs.AtomicOutput;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.ipc.RemoteException;

/**
 * {@link AtomicOutput}'s store for one directory of a Hadoop file system. On HDFS a writer is alive
 * while the NameNode keeps its lease: the writer's client renews it every 30 s, and once it has not
 * been renewed for the soft limit (60 s by default) another client may take the file over. A
 * temporary's writer is judged by asking for exactly that, without force: {@code create} with
 * {@code overwrite=false} on the file makes the NameNode refuse ({@code AlreadyBeingCreatedException})
 * while the lease is live, and start lease recovery ({@code RecoveryInProgressException}, or the file
 * closes at once) when it expired. ({@code DistributedFileSystem.recoverLease} is no such test: it
 * revokes even a live writer's lease.) A dead writer's temporary is then deleted, which also ends its
 * lease.
 *
 * <p>A temporary that is already closed holds no lease (its writer died between closing it and the
 * rename, or another client recovered it): it counts as dead once its modification time is more than
 * {@link #CLOSED_GRACE_MILLIS} old, because a live writer renames right after closing. Hadoop file
 * systems without leases (not HDFS) are judged by that rule too.
 */
final class HdfsAtomicStore implements AtomicOutput.Store<FSDataOutputStream> {
  /** The default HDFS lease soft limit. */
  static final long CLOSED_GRACE_MILLIS = 60_000;
  private static final String LIVE_LEASE = "org.apache.hadoop.hdfs.protocol.AlreadyBeingCreatedException";
  private static final String RECOVERING = "org.apache.hadoop.hdfs.protocol.RecoveryInProgressException";

  /** Runs Hadoop calls as the file system's user. */
  interface Calls {
    <T> T as(HadoopFileSystem.HadoopCall<T> call) throws IOException;
  }

  private final org.apache.hadoop.fs.FileSystem fs;
  private final Path dir;
  private final Calls calls;
  private final Creator creator;

  /** Creates a file (overwrite as asked) with the file system's buffer size, replication and block size. */
  interface Creator {
    FSDataOutputStream create(Path path, boolean overwrite) throws IOException;
  }

  HdfsAtomicStore(org.apache.hadoop.fs.FileSystem fs, Path dir, Calls calls, Creator creator) {
    this.fs = fs;
    this.dir = dir;
    this.calls = calls;
    this.creator = creator;
  }

  Path path(String name) {
    return new Path(dir, name);
  }

  @Override
  public String key(String name) {
    return fs.getUri() + path(name).toUri().getPath();
  }

  @Override
  public FSDataOutputStream createExclusive(String name) throws IOException {
    Path path = path(name);
    try {
      return calls.as(() -> creator.create(path, false));
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      throw new FileAlreadyExistsException(path.toString());
    } catch (RemoteException e) {
      if (LIVE_LEASE.equals(e.getClassName()) || RECOVERING.equals(e.getClassName())) {
        throw new FileAlreadyExistsException(path.toString(), null, "being written: " + e.getClassName());
      }
      throw e;
    }
  }

  @Override
  public AtomicOutput.Probe removeIfWriterDead(String name) throws IOException {
    Path path = path(name);
    FileStatus status;
    try {
      status = calls.as(() -> fs.getFileStatus(path));
    } catch (FileNotFoundException e) {
      return AtomicOutput.Probe.MISSING;
    }
    if (!status.isFile()) {
      return AtomicOutput.Probe.LIVE; // a directory under a temporary name is not ours to judge
    }
    boolean closed = !(fs instanceof DistributedFileSystem hdfs) || calls.as(() -> hdfs.isFileClosed(path));
    if (closed) {
      if (System.currentTimeMillis() - status.getModificationTime() < CLOSED_GRACE_MILLIS) {
        return AtomicOutput.Probe.LIVE;
      }
      return delete(path);
    }
    try {
      FSDataOutputStream created = calls.as(() -> creator.create(path, false));
      // It vanished between the two calls and we made it: take our empty file away again.
      created.close();
      calls.as(() -> fs.delete(path, false));
      return AtomicOutput.Probe.MISSING;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return delete(path); // the expired lease was released at once and the file closed
    } catch (RemoteException e) {
      if (LIVE_LEASE.equals(e.getClassName())) {
        return AtomicOutput.Probe.LIVE;
      }
      if (RECOVERING.equals(e.getClassName())) {
        return delete(path);
      }
      throw e;
    }
  }

  private AtomicOutput.Probe delete(Path path) throws IOException {
    return calls.as(() -> fs.delete(path, false)) ? AtomicOutput.Probe.REMOVED : AtomicOutput.Probe.MISSING;
  }
}
