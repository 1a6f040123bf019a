package io.sluice.hdfs;

import io.sluice.fs.AtomicOutput;
import io.sluice.fs.FileInfo;
import io.sluice.fs.FileSelector;
import io.sluice.fs.FileSystem;
import io.sluice.fs.FileType;
import io.sluice.fs.WriteOptions;
import io.sluice.memory.MemoryPools;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.security.PrivilegedExceptionAction;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DFSInputStream;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.client.HdfsDataInputStream;
import org.apache.hadoop.hdfs.protocol.LocatedBlock;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * HDFS, or any file system the Hadoop client on the class path knows ({@code viewfs:}, {@code s3a:},
 * ...), as a Sluice {@link FileSystem} (PyArrow's {@code HadoopFileSystem}).
 *
 * <p>Made by {@link #connect(HdfsOptions)}, {@link #fromConfiguration(Configuration)} or
 * {@link FileSystem#fromUri} with {@code hdfs://host:port/path?user=..&replication=..}. Each
 * instance owns its own Hadoop client (its own {@code dfs.client.context} and no Hadoop
 * {@code FileSystem} cache sharing), acts as the configured user for every operation, and closes
 * that client in {@link #close()}. Files opened from it are {@link HdfsFile}s. Paths are Hadoop
 * paths: absolute ({@code /a/b}) or relative to the user's home directory.
 *
 * <p>Two instances made by {@code connect} are equal when their {@link HdfsOptions} are; instances
 * made from a {@code Configuration} are equal only to themselves.
 */
public final class HadoopFileSystem implements FileSystem, AtomicOutput.Sweepable {
  private final org.apache.hadoop.fs.FileSystem fs;
  private final UserGroupInformation user;
  private final Configuration conf;
  /** Null when made from a Configuration. */
  private final HdfsOptions options;
  private final boolean shortCircuit;
  private final boolean verifyChecksums;
  /** Null when each open verifies its mapped replicas again. */
  private final VerifiedReplicas verifiedReplicas;

  private HadoopFileSystem(org.apache.hadoop.fs.FileSystem fs, UserGroupInformation user, Configuration conf,
      HdfsOptions options) {
    this.fs = fs;
    this.user = user;
    this.conf = conf;
    this.options = options;
    this.shortCircuit = conf.getBoolean("dfs.client.read.shortcircuit", false)
        && conf.getBoolean("dfs.client.use.legacy.blockreader.local", false);
    this.verifyChecksums = !conf.getBoolean("dfs.client.read.shortcircuit.skip.checksum", false);
    this.verifiedReplicas = conf.getBoolean(HdfsOptions.REMEMBER_VERIFIED_REPLICAS_KEY, true)
        ? VerifiedReplicas.process() : null;
  }

  /** Connects to the cluster {@code options} name, as the user they name. */
  public static HadoopFileSystem connect(HdfsOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    Configuration conf = options.toConfiguration();
    UserGroupInformation user = UserGroupInformation.getBestUGI(options.kerberosTicketCache(), options.user());
    return new HadoopFileSystem(open(conf, user), user, conf, options);
  }

  /**
   * A file system over {@code fs.defaultFS} of {@code configuration}, as the current user. The
   * configuration is copied (later changes to it do not apply) and given a client context of its
   * own unless it names one.
   */
  public static HadoopFileSystem fromConfiguration(Configuration configuration) throws IOException {
    Objects.requireNonNull(configuration, "configuration");
    Configuration conf = new Configuration(configuration);
    if ("default".equals(conf.getTrimmed("dfs.client.context", "default"))) {
      conf.set("dfs.client.context", "sluice-" + UUID.randomUUID());
    }
    UserGroupInformation user = UserGroupInformation.getCurrentUser();
    return new HadoopFileSystem(open(conf, user), user, conf, null);
  }

  private static org.apache.hadoop.fs.FileSystem open(Configuration conf, UserGroupInformation user) throws IOException {
    URI uri = org.apache.hadoop.fs.FileSystem.getDefaultUri(conf);
    // newInstance: never Hadoop's shared FileSystem cache, so closing this one closes nobody else's.
    return doAs(user, () -> org.apache.hadoop.fs.FileSystem.newInstance(uri, conf));
  }

  /** The options this file system was connected with; null when made from a Configuration. */
  public HdfsOptions options() {
    return options;
  }

  /** The Hadoop file system underneath, for what Sluice does not wrap. */
  public org.apache.hadoop.fs.FileSystem hadoopFileSystem() {
    return fs;
  }

  /** A copy of the Hadoop configuration in use. */
  public Configuration configuration() {
    return new Configuration(conf);
  }

  @Override
  public String typeName() {
    return "hdfs";
  }

  // ---------------------------------------------------------------- metadata

  @Override
  public FileInfo getFileInfo(String path) throws IOException {
    String normalized = normalizePath(path);
    try {
      FileStatus status = as(() -> fs.getFileStatus(new Path(normalized)));
      return toFileInfo(normalized, status);
    } catch (FileNotFoundException e) {
      return FileInfo.notFound(normalized);
    }
  }

  @Override
  public List<FileInfo> getFileInfo(FileSelector selector) throws IOException {
    Objects.requireNonNull(selector, "selector");
    String base = normalizePath(selector.baseDir());
    FileInfo baseInfo = getFileInfo(base);
    if (!baseInfo.exists()) {
      if (selector.allowNotFound()) {
        return List.of();
      }
      throw new NoSuchFileException(base);
    }
    if (!baseInfo.isDirectory()) {
      throw new NotDirectoryException(base);
    }
    List<FileInfo> result = new ArrayList<>();
    Deque<String> pending = new ArrayDeque<>();
    pending.add(base);
    while (!pending.isEmpty()) {
      String dir = pending.poll();
      FileStatus[] children;
      try {
        children = as(() -> fs.listStatus(new Path(dir)));
      } catch (FileNotFoundException e) {
        continue; // deleted while we listed
      }
      for (FileStatus child : children) {
        if (AtomicOutput.isTemporaryName(child.getPath().getName())) {
          continue; // an atomic writer's temporary, not a file of the tree
        }
        String childPath = join(dir, child.getPath().getName());
        FileInfo info = toFileInfo(childPath, child);
        result.add(info);
        if (selector.recursive() && info.isDirectory()) {
          pending.add(childPath);
        }
      }
    }
    result.sort(Comparator.comparing(FileInfo::path));
    return result;
  }

  private static FileInfo toFileInfo(String path, FileStatus status) {
    Instant mtime = Instant.ofEpochMilli(status.getModificationTime());
    if (status.isDirectory()) {
      return new FileInfo(path, FileType.DIRECTORY, -1, mtime);
    }
    if (status.isFile()) {
      return new FileInfo(path, FileType.FILE, status.getLen(), mtime);
    }
    return new FileInfo(path, FileType.UNKNOWN, -1, mtime);
  }

  // ---------------------------------------------------------------- directories

  @Override
  public void createDir(String path, boolean recursive) throws IOException {
    String normalized = normalizePath(path);
    FileInfo info = getFileInfo(normalized);
    if (info.isDirectory()) {
      return;
    }
    if (info.exists()) {
      throw new FileAlreadyExistsException(normalized, null, "a file exists where the directory should be");
    }
    Path target = new Path(normalized);
    if (!recursive && target.getParent() != null && !getFileInfo(target.getParent().toString()).isDirectory()) {
      throw new NoSuchFileException(normalized, null, "parent directory does not exist");
    }
    if (!as(() -> fs.mkdirs(target))) {
      throw new IOException("could not create directory " + normalized);
    }
  }

  @Override
  public void deleteDir(String path) throws IOException {
    String normalized = normalizePath(path);
    requireDirectory(normalized);
    if (new Path(normalized).isRoot()) {
      throw new IOException("refusing to delete the root directory " + normalized + "; use deleteDirContents");
    }
    if (!as(() -> fs.delete(new Path(normalized), true))) {
      throw new IOException("could not delete directory " + normalized);
    }
  }

  @Override
  public void deleteDirContents(String path, boolean missingDirOk) throws IOException {
    String normalized = normalizePath(path);
    FileInfo info = getFileInfo(normalized);
    if (!info.exists() && missingDirOk) {
      return;
    }
    requireDirectory(normalized);
    for (FileStatus child : as(() -> fs.listStatus(new Path(normalized)))) {
      if (!as(() -> fs.delete(child.getPath(), true)) && as(() -> fs.exists(child.getPath()))) {
        throw new IOException("could not delete " + child.getPath());
      }
    }
  }

  private void requireDirectory(String path) throws IOException {
    FileInfo info = getFileInfo(path);
    if (!info.exists()) {
      throw new NoSuchFileException(path);
    }
    if (!info.isDirectory()) {
      throw new NotDirectoryException(path);
    }
  }

  // ---------------------------------------------------------------- files

  @Override
  public void deleteFile(String path) throws IOException {
    String normalized = normalizePath(path);
    FileInfo info = getFileInfo(normalized);
    if (!info.exists()) {
      throw new NoSuchFileException(normalized);
    }
    if (info.isDirectory()) {
      throw new IOException(normalized + " is a directory; use deleteDir");
    }
    if (!as(() -> fs.delete(new Path(normalized), false))) {
      throw new IOException("could not delete file " + normalized);
    }
  }

  @Override
  public void move(String src, String dst) throws IOException {
    String from = normalizePath(src);
    String to = normalizePath(dst);
    if (!getFileInfo(from).exists()) {
      throw new NoSuchFileException(from);
    }
    rename(new Path(from), new Path(to));
  }

  /** Renames, replacing a file at {@code to}: atomically on HDFS, delete-then-rename elsewhere. */
  private void rename(Path from, Path to) throws IOException {
    if (fs instanceof DistributedFileSystem hdfs) {
      as(() -> {
        hdfs.rename(from, to, Options.Rename.OVERWRITE);
        return null;
      });
      return;
    }
    FileInfo target = getFileInfo(to.toString());
    if (target.isFile()) {
      as(() -> fs.delete(to, false));
    }
    if (!as(() -> fs.rename(from, to))) {
      throw new IOException("could not move " + from + " to " + to);
    }
  }

  @Override
  public void copyFile(String src, String dst) throws IOException {
    String from = normalizePath(src);
    String to = normalizePath(dst);
    FileInfo info = getFileInfo(from);
    if (!info.exists()) {
      throw new NoSuchFileException(from);
    }
    if (info.isDirectory()) {
      throw new IOException(from + " is a directory; copyFile copies files");
    }
    if (!as(() -> FileUtil.copy(fs, new Path(from), fs, new Path(to), false, true, conf))) {
      throw new IOException("could not copy " + from + " to " + to);
    }
  }

  /** The HDFS blocks overlapping the range and the DataNodes holding each, from the NameNode. */
  @Override
  public List<io.sluice.fs.BlockLocation> getFileBlockLocations(String path, long start, long length)
      throws IOException {
    java.util.Objects.requireNonNull(path, "path");
    io.sluice.fs.BlockLocations.checkRange(start, length);
    String normalized = normalizePath(path);
    io.sluice.fs.BlockLocations.requireFile(path, getFileInfo(normalized));
    org.apache.hadoop.fs.BlockLocation[] blocks =
        as(() -> fs.getFileBlockLocations(new Path(normalized), start, length));
    List<io.sluice.fs.BlockLocation> result = new ArrayList<>(blocks.length);
    for (org.apache.hadoop.fs.BlockLocation block : blocks) {
      result.add(new io.sluice.fs.BlockLocation(block.getOffset(), block.getLength(), List.of(block.getHosts())));
    }
    return result;
  }

  /** A sequential (not seekable) reader of the file as stored. */
  @Override
  public HdfsReadableFile openRawInputStream(String path) throws IOException {
    return openReader(path, false);
  }

  @Override
  public HdfsReadableFile openInputFile(String path) throws IOException {
    return openReader(path, true);
  }

  private HdfsReadableFile openReader(String path, boolean seekable) throws IOException {
    String normalized = normalizePath(path);
    FSDataInputStream in = as(() -> fs.open(new Path(normalized)));
    try {
      long length;
      MappedLocalBlocks localBlocks = null;
      if (in instanceof HdfsDataInputStream hdfs) {
        length = hdfs.getVisibleLength();
        // Encrypted files wrap the DFSInputStream in a CryptoInputStream: their block files hold ciphertext.
        if (shortCircuit && seekable && hdfs.getWrappedStream() instanceof DFSInputStream) {
          localBlocks = new MappedLocalBlocks(hdfs, conf, user, normalized, verifyChecksums, verifiedReplicas,
              badReplicaReporter());
        }
      } else {
        length = as(() -> fs.getFileStatus(new Path(normalized))).getLen();
      }
      return new HdfsReadableFile(normalized, in, seekable, length, localBlocks, MemoryPools.defaultPool());
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** Reports corrupt replicas the zero-copy path finds to the NameNode, which re-replicates them. */
  private MappedLocalBlocks.BadReplicaReporter badReplicaReporter() {
    if (!(fs instanceof DistributedFileSystem hdfs)) {
      return null;
    }
    return replica -> as(() -> {
      hdfs.getClient().reportBadBlocks(new LocatedBlock[] {replica});
      return null;
    });
  }

  /**
   * A writer; see {@link WriteOptions}. {@code exclusive} is {@code create(overwrite=false)}, and an
   * atomic exclusive write publishes with a rename that does not overwrite. Atomic writes go through
   * {@link AtomicOutput} ({@code .name.sluice-tmp-<slot>} beside the target, judged dead or alive
   * by its lease: {@link HdfsAtomicStore}); the temporary is also marked delete-on-exit, so closing
   * this file system (or the JVM) discards the writes still open.
   */
  @Override
  public HdfsWritableFile openOutputStream(String path, WriteOptions writeOptions) throws IOException {
    Objects.requireNonNull(writeOptions, "options");
    String normalized = normalizePath(path);
    Path target = new Path(normalized);
    Path parent = target.getParent();
    if (parent == null) {
      throw new IllegalArgumentException("cannot write a file at the root path " + normalized);
    }
    if (writeOptions.createParents()) {
      if (!as(() -> fs.mkdirs(parent))) {
        throw new IOException("could not create the parent directory " + parent + " of " + normalized);
      }
    } else if (!getFileInfo(parent.toString()).isDirectory()) {
      throw new NoSuchFileException(parent.toString(), null, "the parent directory of " + normalized + " does not exist");
    }
    FileInfo existing = getFileInfo(normalized);
    if (existing.isDirectory()) {
      throw new FileAlreadyExistsException(normalized, null, "is a directory");
    }
    if (writeOptions.exclusive() && existing.exists()) {
      throw new FileAlreadyExistsException(normalized, null, "exclusive write: the target exists");
    }
    if (!writeOptions.atomic()) {
      FSDataOutputStream out;
      try {
        out = create(target, !writeOptions.exclusive());
      } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
        throw new FileAlreadyExistsException(normalized, null, "exclusive write: the target exists");
      }
      return new HdfsWritableFile(normalized, "wb", out, HdfsWritableFile.OutputCompletion.NONE);
    }
    HdfsAtomicStore store = atomicStore(parent);
    Path[] temporary = new Path[1];
    AtomicOutput.Claim<FSDataOutputStream> claim = AtomicOutput.claim(store, target.getName(),
        () -> deleteQuietly(temporary[0]));
    temporary[0] = store.path(claim.name());
    as(() -> fs.deleteOnExit(temporary[0]));
    boolean exclusive = writeOptions.exclusive();
    return new HdfsWritableFile(normalized, "wb", claim.temporary(), new HdfsWritableFile.OutputCompletion() {
      @Override
      public void commit() throws IOException {
        try {
          publish(temporary[0], target, exclusive);
        } catch (IOException | RuntimeException e) {
          try {
            abort();
          } catch (IOException | RuntimeException suppressed) {
            e.addSuppressed(suppressed);
          }
          throw e;
        }
        finished();
      }

      @Override
      public void abort() throws IOException {
        try {
          as(() -> fs.delete(temporary[0], false));
        } finally {
          finished();
        }
      }

      private void finished() {
        AtomicOutput.finished(claim);
        fs.cancelDeleteOnExit(temporary[0]);
      }
    });
  }

  private HdfsAtomicStore atomicStore(Path dir) {
    return new HdfsAtomicStore(fs, dir, this::as, this::create);
  }

  private void deleteQuietly(Path path) {
    try {
      as(() -> fs.delete(path, false));
    } catch (IOException | RuntimeException ignored) {
      // Shutting down: delete-on-exit is the second chance.
    }
  }

  /** Renames the finished temporary over the target, or beside no existing target when {@code exclusive}. */
  private void publish(Path temporary, Path target, boolean exclusive) throws IOException {
    if (!exclusive) {
      rename(temporary, target);
      return;
    }
    try {
      if (fs instanceof DistributedFileSystem hdfs) {
        as(() -> {
          hdfs.rename(temporary, target, Options.Rename.NONE);
          return null;
        });
      } else if (getFileInfo(target.toString()).exists() || !as(() -> fs.rename(temporary, target))) {
        throw new org.apache.hadoop.fs.FileAlreadyExistsException(target.toString());
      }
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      throw new FileAlreadyExistsException(target.toString(), null,
          "exclusive write: the target appeared while it was written; nothing was published");
    }
  }

  private FSDataOutputStream create(Path path) throws IOException {
    return create(path, true);
  }

  private FSDataOutputStream create(Path path, boolean overwrite) throws IOException {
    return as(() -> fs.create(path, overwrite, bufferSize(), replication(path), fs.getDefaultBlockSize(path)));
  }

  @Override
  public HdfsWritableFile openRawAppendStream(String path) throws IOException {
    String normalized = normalizePath(path);
    Path target = new Path(normalized);
    FileInfo info = getFileInfo(normalized);
    if (info.isDirectory()) {
      throw new FileAlreadyExistsException(normalized, null, "is a directory");
    }
    if (!info.exists()) {
      Path parent = target.getParent();
      if (parent != null && !getFileInfo(parent.toString()).isDirectory()) {
        throw new NoSuchFileException(normalized, null, "parent directory does not exist");
      }
      return new HdfsWritableFile(normalized, "ab", create(target), HdfsWritableFile.OutputCompletion.NONE);
    }
    FSDataOutputStream out = as(() -> fs.append(target, bufferSize()));
    return new HdfsWritableFile(normalized, "ab", out, HdfsWritableFile.OutputCompletion.NONE);
  }

  private int bufferSize() {
    return conf.getInt("io.file.buffer.size", 4096);
  }

  private short replication(Path path) {
    return options != null ? (short) options.replication() : fs.getDefaultReplication(path);
  }

  // ---------------------------------------------------------------- temporaries

  @Override
  public List<FileInfo> listTemporaries(String dir) throws IOException {
    String normalized = normalizePath(dir);
    List<FileInfo> temporaries = new ArrayList<>();
    FileStatus[] children;
    try {
      children = as(() -> fs.listStatus(new Path(normalized)));
    } catch (FileNotFoundException e) {
      throw new NoSuchFileException(normalized);
    }
    for (FileStatus child : children) {
      if (AtomicOutput.isTemporaryName(child.getPath().getName())) {
        temporaries.add(toFileInfo(join(normalized, child.getPath().getName()), child));
      }
    }
    return temporaries;
  }

  @Override
  public String temporaryKey(String path) {
    Path temporary = new Path(normalizePath(path));
    return atomicStore(temporary.getParent()).key(temporary.getName());
  }

  @Override
  public AtomicOutput.Probe removeIfWriterDead(String path) throws IOException {
    Path temporary = new Path(normalizePath(path));
    return atomicStore(temporary.getParent()).removeIfWriterDead(temporary.getName());
  }

  // ---------------------------------------------------------------- paths

  /**
   * Collapses repeated {@code /} and drops a trailing one (except for the root). A full URI of this
   * file system ({@code hdfs://host:port/a}) becomes its path. An empty path is rejected.
   */
  @Override
  public String normalizePath(String path) {
    Objects.requireNonNull(path, "path");
    String p = path;
    int schemeEnd = p.indexOf("://");
    if (schemeEnd > 0 && p.indexOf('/') > schemeEnd) {
      URI uri = URI.create(p);
      p = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
    }
    if (p.isEmpty()) {
      throw new IllegalArgumentException("path must not be empty");
    }
    p = p.replaceAll("/{2,}", "/");
    if (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  private static String join(String dir, String name) {
    return dir.endsWith("/") ? dir + name : dir + "/" + name;
  }

  // ---------------------------------------------------------------- lifecycle and identity

  @Override
  public void close() throws IOException {
    fs.close();
  }

  @Override
  public boolean equals(Object obj) {
    if (this == obj) {
      return true;
    }
    return options != null && obj instanceof HadoopFileSystem other && options.equals(other.options);
  }

  @Override
  public int hashCode() {
    return options != null ? options.hashCode() : System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return "HadoopFileSystem(" + fs.getUri() + (options != null ? ", " + options : "") + ")";
  }

  // ---------------------------------------------------------------- acting as the user

  interface HadoopCall<T> {
    T call() throws IOException;
  }

  <T> T as(HadoopCall<T> call) throws IOException {
    return doAs(user, call);
  }

  /** Runs a Hadoop call as {@code user}, passing its IOException through unchanged. */
  private static <T> T doAs(UserGroupInformation user, HadoopCall<T> call) throws IOException {
    try {
      return user.doAs((PrivilegedExceptionAction<T>) call::call);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while calling HDFS");
    }
  }
}
