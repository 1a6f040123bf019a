package io.sluice.it.hadoop;

import io.sluice.io.NativeFile;
import io.sluice.local.MemoryMappedFile;
import io.sluice.local.OSFile;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * A test-only Hadoop file system over the local disk whose {@link #open} serves files through a
 * Sluice {@link OSFile} or {@link MemoryMappedFile} (adapted by {@link NativeFileFSInputStream});
 * everything else (create, list, rename, delete) is Hadoop's {@link RawLocalFileSystem}. It keeps the
 * {@code file:} scheme (RawLocalFileSystem's permission code insists on it) and counts its opens, so a
 * test can prove Sluice's files were the ones exercised rather than a cached Hadoop file system.
 */
public class LocalNativeHadoopFileSystem extends RawLocalFileSystem {
  static final AtomicLong OPENS = new AtomicLong();

  private final boolean mmap;

  LocalNativeHadoopFileSystem(boolean mmap) {
    this.mmap = mmap;
  }

  @Override
  public FSDataInputStream open(Path path, int bufferSize) throws IOException {
    File file = pathToFile(path);
    if (!file.exists()) {
      throw new FileNotFoundException("no such file: " + path);
    }
    if (file.isDirectory()) {
      throw new FileNotFoundException("cannot open a directory: " + path);
    }
    NativeFile nativeFile = mmap ? MemoryMappedFile.open(file.getPath(), "r") : new OSFile(file.getPath(), "rb");
    OPENS.incrementAndGet();
    return new FSDataInputStream(new NativeFileFSInputStream(nativeFile));
  }
}
