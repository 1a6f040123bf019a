package io.sluice.local;

import io.sluice.fs.FileInfo;
import io.sluice.fs.FileSelector;
import io.sluice.fs.FileSystem;
import io.sluice.fs.WriteOptions;
import io.sluice.io.NativeFile;
import java.io.IOException;
import java.util.List;

/**
 * A local file system that does not offer a confined view, so {@code SubTreeFileSystem} falls back to
 * confinement by path strings (what non-local bases get, and what local ones got in v0.1).
 */
final class PathStringsOnly implements FileSystem {
  private final LocalFileSystem local;

  PathStringsOnly(LocalFileSystem local) {
    this.local = local;
  }

  @Override public String typeName() { return local.typeName(); }
  @Override public FileInfo getFileInfo(String path) throws IOException { return local.getFileInfo(path); }
  @Override public List<FileInfo> getFileInfo(FileSelector selector) throws IOException { return local.getFileInfo(selector); }
  @Override public void createDir(String path, boolean recursive) throws IOException { local.createDir(path, recursive); }
  @Override public void deleteDir(String path) throws IOException { local.deleteDir(path); }
  @Override public void deleteDirContents(String path, boolean missingDirOk) throws IOException { local.deleteDirContents(path, missingDirOk); }
  @Override public void deleteFile(String path) throws IOException { local.deleteFile(path); }
  @Override public void move(String src, String dst) throws IOException { local.move(src, dst); }
  @Override public void copyFile(String src, String dst) throws IOException { local.copyFile(src, dst); }
  @Override public NativeFile openRawInputStream(String path) throws IOException { return local.openRawInputStream(path); }
  @Override public NativeFile openInputFile(String path) throws IOException { return local.openInputFile(path); }
  @Override public NativeFile openOutputStream(String path, WriteOptions options) throws IOException { return local.openOutputStream(path, options); }
  @Override public NativeFile openRawAppendStream(String path) throws IOException { return local.openRawAppendStream(path); }
  @Override public String normalizePath(String path) { return local.normalizePath(path); }
  @Override public String resolveLinks(String path) throws IOException { return local.resolveLinks(path); }
}
