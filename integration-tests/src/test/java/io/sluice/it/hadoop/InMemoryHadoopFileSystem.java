package io.sluice.it.hadoop;

import io.sluice.io.BufferReader;
import io.sluice.memory.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.ParentNotDirectoryException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.PathIsNotEmptyDirectoryException;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * A test-only Hadoop {@link FileSystem} ({@code sluicemem:///}) that keeps files as byte arrays and
 * serves {@link #open} through a Sluice {@link BufferReader} adapted by
 * {@link NativeFileFSInputStream}: what Hadoop's seek/open contract tests exercise is Sluice's
 * reader. Just enough of a filesystem (create, mkdirs, list, delete, rename, status) for those
 * suites; one tree per JVM so instances made through {@code FileSystem.get} share it.
 */
public class InMemoryHadoopFileSystem extends FileSystem {
  public static final String SCHEME = "sluicemem";
  private static final URI ROOT_URI = URI.create(SCHEME + ":///");

  /** A directory (data == null) or a file. */
  private record Node(byte[] data, long mtime) {
    boolean isDirectory() {
      return data == null;
    }
  }

  private static final TreeMap<String, Node> TREE = new TreeMap<>(Map.of("/", new Node(null, 0)));
  /** Always qualified (makeQualified itself asks for the working directory). */
  private Path workingDirectory = new Path(ROOT_URI.toString());

  @Override
  public void initialize(URI name, org.apache.hadoop.conf.Configuration conf) throws IOException {
    super.initialize(name, conf);
    setConf(conf); // FileSystem.get does this through reflection; direct construction must do it
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public URI getUri() {
    return ROOT_URI;
  }

  private String key(Path path) {
    String key = makeQualified(path).toUri().getPath();
    return key.length() > 1 && key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
  }

  private static String parent(String key) {
    int slash = key.lastIndexOf('/');
    return slash <= 0 ? "/" : key.substring(0, slash);
  }

  private static List<String> children(String dir) {
    String prefix = dir.equals("/") ? "/" : dir + "/";
    List<String> result = new ArrayList<>();
    for (String key : TREE.tailMap(prefix, false).keySet()) {
      if (!key.startsWith(prefix)) {
        break;
      }
      if (key.indexOf('/', prefix.length()) < 0) {
        result.add(key);
      }
    }
    return result;
  }

  @Override
  public FSDataInputStream open(Path path, int bufferSize) throws IOException {
    Node node;
    synchronized (TREE) {
      node = TREE.get(key(path));
    }
    if (node == null) {
      throw new FileNotFoundException("no such file: " + path);
    }
    if (node.isDirectory()) {
      throw new FileNotFoundException("cannot open a directory: " + path);
    }
    return new FSDataInputStream(new NativeFileFSInputStream(new BufferReader(Buffer.wrap(node.data()))));
  }

  @Override
  public FSDataOutputStream create(Path path, FsPermission permission, boolean overwrite, int bufferSize,
      short replication, long blockSize, Progressable progress) throws IOException {
    return createFile(path, overwrite, true);
  }

  @Override
  public FSDataOutputStream createNonRecursive(Path path, FsPermission permission,
      java.util.EnumSet<org.apache.hadoop.fs.CreateFlag> flags, int bufferSize, short replication, long blockSize,
      Progressable progress) throws IOException {
    return createFile(path, flags.contains(org.apache.hadoop.fs.CreateFlag.OVERWRITE), false);
  }

  private FSDataOutputStream createFile(Path path, boolean overwrite, boolean createParents) throws IOException {
    String key = key(path);
    synchronized (TREE) {
      Node existing = TREE.get(key);
      if (existing != null && (existing.isDirectory() || !overwrite)) {
        throw new FileAlreadyExistsException("already exists: " + path);
      }
      if (createParents) {
        mkdirsLocked(parent(key));
      } else if (TREE.get(parent(key)) == null) {
        throw new FileNotFoundException("parent directory does not exist: " + path);
      } else if (!TREE.get(parent(key)).isDirectory()) {
        throw new ParentNotDirectoryException("parent is a file: " + path);
      }
      TREE.put(key, new Node(new byte[0], System.currentTimeMillis()));
    }
    ByteArrayOutputStream sink = new ByteArrayOutputStream() {
      private boolean closed;

      @Override
      public void close() {
        if (!closed) {
          closed = true;
          synchronized (TREE) {
            TREE.put(key, new Node(toByteArray(), System.currentTimeMillis()));
          }
        }
      }
    };
    return new FSDataOutputStream(sink, statistics);
  }

  @Override
  public FSDataOutputStream append(Path path, int bufferSize, Progressable progress) {
    throw new UnsupportedOperationException("append is not supported by " + SCHEME);
  }

  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    String from = key(src);
    String to = key(dst);
    synchronized (TREE) {
      if (!TREE.containsKey(from) || from.equals("/")) {
        return false;
      }
      Node target = TREE.get(to);
      if (target != null && target.isDirectory()) {
        to = to.equals("/") ? "/" + src.getName() : to + "/" + src.getName();
      }
      if (TREE.containsKey(to) || to.startsWith(from + "/") || !TREE.containsKey(parent(to))) {
        return false;
      }
      TreeMap<String, Node> moved = new TreeMap<>();
      moved.put(to, TREE.remove(from));
      for (String key : new ArrayList<>(TREE.tailMap(from + "/", true).keySet())) {
        if (!key.startsWith(from + "/")) {
          break;
        }
        moved.put(to + key.substring(from.length()), TREE.remove(key));
      }
      TREE.putAll(moved);
      return true;
    }
  }

  @Override
  public boolean delete(Path path, boolean recursive) throws IOException {
    String key = key(path);
    synchronized (TREE) {
      Node node = TREE.get(key);
      if (node == null) {
        return false;
      }
      if (node.isDirectory()) {
        List<String> children = children(key);
        if (!children.isEmpty() && !recursive) {
          throw new PathIsNotEmptyDirectoryException(path.toString());
        }
        String prefix = key.equals("/") ? "/" : key + "/";
        TREE.keySet().removeIf(k -> k.startsWith(prefix) && !k.equals("/"));
        if (key.equals("/")) {
          return true;
        }
      }
      TREE.remove(key);
      return true;
    }
  }

  @Override
  public FileStatus[] listStatus(Path path) throws IOException {
    String key = key(path);
    synchronized (TREE) {
      Node node = TREE.get(key);
      if (node == null) {
        throw new FileNotFoundException("no such file or directory: " + path);
      }
      if (!node.isDirectory()) {
        return new FileStatus[] {status(key, node)};
      }
      List<FileStatus> result = new ArrayList<>();
      for (String child : children(key)) {
        result.add(status(child, TREE.get(child)));
      }
      return result.toArray(new FileStatus[0]);
    }
  }

  @Override
  public void setWorkingDirectory(Path dir) {
    workingDirectory = makeQualified(dir);
  }

  @Override
  public Path getWorkingDirectory() {
    return workingDirectory;
  }

  @Override
  public boolean mkdirs(Path path, FsPermission permission) throws IOException {
    synchronized (TREE) {
      mkdirsLocked(key(path));
    }
    return true;
  }

  private void mkdirsLocked(String key) throws IOException {
    Node node = TREE.get(key);
    if (node != null) {
      if (!node.isDirectory()) {
        throw new ParentNotDirectoryException("not a directory: " + key);
      }
      return;
    }
    mkdirsLocked(parent(key));
    TREE.put(key, new Node(null, System.currentTimeMillis()));
  }

  @Override
  public FileStatus getFileStatus(Path path) throws IOException {
    String key = key(path);
    synchronized (TREE) {
      Node node = TREE.get(key);
      if (node == null) {
        throw new FileNotFoundException("no such file or directory: " + path);
      }
      return status(key, node);
    }
  }

  private FileStatus status(String key, Node node) {
    long length = node.isDirectory() ? 0 : node.data().length;
    return new FileStatus(length, node.isDirectory(), 1, 64L * 1024 * 1024, node.mtime(),
        makeQualified(new Path(key)));
  }
}
