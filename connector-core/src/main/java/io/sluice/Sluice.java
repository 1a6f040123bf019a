package io.sluice;

import io.sluice.compress.Codec;
import io.sluice.fs.FileSystem;
import io.sluice.fs.FileSystemAndPath;
import io.sluice.fs.WriteOptions;
import io.sluice.io.BufferReader;
import io.sluice.io.FixedSizeBufferWriter;
import io.sluice.io.IoThreadPool;
import io.sluice.io.JavaFile;
import io.sluice.io.MemoryMapFactory;
import io.sluice.io.NativeFile;
import io.sluice.io.OwnedFile;
import io.sluice.io.StreamLayers;
import io.sluice.io.Transcoder;
import io.sluice.io.TransformInputStream;
import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPool;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import io.sluice.memory.ResizableBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * One-line entry points, like PyArrow's module level ({@code py_buffer}, {@code input_stream},
 * {@code output_stream}, {@code memory_map}, {@code compress}, ...).
 *
 * <h2>Sources and targets</h2>
 * {@link #inputStream(Object)} accepts a {@link NativeFile} (returned as is), a {@link Buffer},
 * {@code byte[]} or {@link ByteBuffer} (read zero-copy through {@link BufferReader}), a
 * {@link String} path or URI, a {@link Path}, a {@link URI} (opened through
 * {@link FileSystem#fromUri(String)}), or an {@link InputStream} (wrapped in a {@link JavaFile}).
 * {@link #outputStream(Object)} accepts the same kinds, where a {@link MutableBuffer}, a writable
 * {@code ByteBuffer} or a {@code byte[]} is written in place through {@link FixedSizeBufferWriter}
 * (past its end: {@link java.io.EOFException}), and an {@link OutputStream} is wrapped in a
 * {@link JavaFile}. Anything else throws {@link IllegalArgumentException} naming its class.
 *
 * <h2>Compression and buffering</h2>
 * {@code compression} is {@code "detect"} (the default: the codec named by the extension of a
 * path or URI; buffers, streams and files are never decompressed implicitly), {@code null} (none)
 * or a codec name ({@link IllegalArgumentException} if unknown). {@code bufferSize} is 0 (the
 * default: unbuffered), &gt; 0 (a {@link io.sluice.io.BufferedInputStream}/
 * {@link io.sluice.io.BufferedOutputStream} of that size) or &lt; 0 ({@link IllegalArgumentException}).
 * Layering is raw, then buffered, then compressed; closing the result closes every layer, and for
 * a URI whose file system was connected for this call (HDFS) also that connection. Both arguments
 * are checked before anything is opened or created.
 */
public final class Sluice {
  private Sluice() {}

  // ---------------------------------------------------------------- memory

  /** A zero-copy view of {@code array} (PyArrow {@code py_buffer}); mutable. */
  public static MutableBuffer wrap(byte[] array) {
    return MutableBuffer.wrap(Objects.requireNonNull(array, "array"));
  }

  /** A zero-copy view of the buffer's remaining bytes; mutable unless it is read-only. */
  public static Buffer wrap(ByteBuffer byteBuffer) {
    return Buffer.wrap(Objects.requireNonNull(byteBuffer, "byteBuffer"));
  }

  /** A read-only view of external memory that keeps {@code base} reachable (PyArrow {@code foreign_buffer}). */
  public static Buffer foreignBuffer(long address, long size, Object base) {
    return Buffer.foreign(address, size, base);
  }

  /** {@code size} bytes from the default pool (PyArrow {@code allocate_buffer}); close it. */
  public static MutableBuffer allocateBuffer(long size) {
    return MemoryPools.defaultPool().allocate(size);
  }

  /** A resizable buffer from the default pool; close it. */
  public static ResizableBuffer allocateResizableBuffer(long size) {
    return MemoryPools.defaultPool().allocateResizable(size);
  }

  public static MemoryPool defaultMemoryPool() {
    return MemoryPools.defaultPool();
  }

  /** Bytes currently allocated from the default pool. */
  public static long totalAllocatedBytes() {
    return MemoryPools.totalAllocatedBytes();
  }

  // ---------------------------------------------------------------- streams

  /** {@code inputStream(source, "detect", 0)}. */
  public static NativeFile inputStream(Object source) throws IOException {
    return inputStream(source, StreamLayers.DETECT, 0);
  }

  /**
   * A readable file over {@code source}; see the class documentation for the rules. The typed
   * overloads below accept the same kinds and behave the same; this one takes any object and
   * refuses an unsupported kind at run time, with {@link IllegalArgumentException}.
   */
  public static NativeFile inputStream(Object source, String compression, int bufferSize) throws IOException {
    Objects.requireNonNull(source, "source");
    StreamLayers.checkBufferSize(bufferSize);
    String path = pathOf(source);
    StreamLayers.resolveCodec(compression, path); // validates the name before opening
    NativeFile raw = rawInput(source);
    if (raw == source && (compression == null || (path == null && StreamLayers.DETECT.equals(compression)))
        && bufferSize == 0) {
      return raw;
    }
    return StreamLayers.input(raw, compression, path, bufferSize);
  }

  /** A local path or a URI, decompressed by its extension. */
  public static NativeFile inputStream(String pathOrUri) throws IOException {
    return inputStream((Object) pathOrUri);
  }

  public static NativeFile inputStream(String pathOrUri, String compression, int bufferSize) throws IOException {
    return inputStream((Object) pathOrUri, compression, bufferSize);
  }

  /** A local file, decompressed by its extension. */
  public static NativeFile inputStream(Path path) throws IOException {
    return inputStream((Object) path);
  }

  public static NativeFile inputStream(Path path, String compression, int bufferSize) throws IOException {
    return inputStream((Object) path, compression, bufferSize);
  }

  /** A file of any file system on the class path ({@link FileSystem#fromUri(String)}), decompressed by its extension. */
  public static NativeFile inputStream(URI uri) throws IOException {
    return inputStream((Object) uri);
  }

  public static NativeFile inputStream(URI uri, String compression, int bufferSize) throws IOException {
    return inputStream((Object) uri, compression, bufferSize);
  }

  /** The buffer's bytes, zero-copy ({@link BufferReader}); never decompressed implicitly. */
  public static NativeFile inputStream(Buffer buffer) throws IOException {
    return inputStream((Object) buffer);
  }

  public static NativeFile inputStream(Buffer buffer, String compression, int bufferSize) throws IOException {
    return inputStream((Object) buffer, compression, bufferSize);
  }

  /** The array's bytes, zero-copy; never decompressed implicitly. */
  public static NativeFile inputStream(byte[] array) throws IOException {
    return inputStream((Object) array);
  }

  public static NativeFile inputStream(byte[] array, String compression, int bufferSize) throws IOException {
    return inputStream((Object) array, compression, bufferSize);
  }

  /** The buffer's remaining bytes, zero-copy; never decompressed implicitly. */
  public static NativeFile inputStream(ByteBuffer byteBuffer) throws IOException {
    return inputStream((Object) byteBuffer);
  }

  public static NativeFile inputStream(ByteBuffer byteBuffer, String compression, int bufferSize) throws IOException {
    return inputStream((Object) byteBuffer, compression, bufferSize);
  }

  /** A {@code java.io} stream ({@link JavaFile}); never decompressed implicitly. */
  public static NativeFile inputStream(InputStream in) throws IOException {
    return inputStream((Object) in);
  }

  public static NativeFile inputStream(InputStream in, String compression, int bufferSize) throws IOException {
    return inputStream((Object) in, compression, bufferSize);
  }

  /** {@code file} itself; with a codec or a buffer size, layered over it. */
  public static NativeFile inputStream(NativeFile file) throws IOException {
    return inputStream((Object) file);
  }

  public static NativeFile inputStream(NativeFile file, String compression, int bufferSize) throws IOException {
    return inputStream((Object) file, compression, bufferSize);
  }

  /** {@code outputStream(target, "detect", 0)}. */
  public static NativeFile outputStream(Object target) throws IOException {
    return outputStream(target, StreamLayers.DETECT, 0);
  }

  /**
   * A writable file over {@code target}; see the class documentation for the rules. The typed
   * overloads below accept the same kinds and behave the same; this one takes any object and
   * refuses an unsupported kind at run time, with {@link IllegalArgumentException}.
   */
  public static NativeFile outputStream(Object target, String compression, int bufferSize) throws IOException {
    Objects.requireNonNull(target, "target");
    StreamLayers.checkBufferSize(bufferSize);
    String path = pathOf(target);
    StreamLayers.resolveCodec(compression, path);
    NativeFile raw = rawOutput(target);
    return StreamLayers.output(raw, compression, path, bufferSize);
  }

  /** A local path or a URI, created or truncated, compressed by its extension. */
  public static NativeFile outputStream(String pathOrUri) throws IOException {
    return outputStream((Object) pathOrUri);
  }

  public static NativeFile outputStream(String pathOrUri, String compression, int bufferSize) throws IOException {
    return outputStream((Object) pathOrUri, compression, bufferSize);
  }

  /** A local file, created or truncated, compressed by its extension. */
  public static NativeFile outputStream(Path path) throws IOException {
    return outputStream((Object) path);
  }

  public static NativeFile outputStream(Path path, String compression, int bufferSize) throws IOException {
    return outputStream((Object) path, compression, bufferSize);
  }

  /** A file of any file system on the class path, created or truncated, compressed by its extension. */
  public static NativeFile outputStream(URI uri) throws IOException {
    return outputStream((Object) uri);
  }

  public static NativeFile outputStream(URI uri, String compression, int bufferSize) throws IOException {
    return outputStream((Object) uri, compression, bufferSize);
  }

  /** Writes into {@code buffer} in place ({@link FixedSizeBufferWriter}); past its end: {@link java.io.EOFException}. */
  public static NativeFile outputStream(MutableBuffer buffer) throws IOException {
    return outputStream((Object) buffer);
  }

  public static NativeFile outputStream(MutableBuffer buffer, String compression, int bufferSize) throws IOException {
    return outputStream((Object) buffer, compression, bufferSize);
  }

  /** Writes into {@code array} in place; past its end: {@link java.io.EOFException}. */
  public static NativeFile outputStream(byte[] array) throws IOException {
    return outputStream((Object) array);
  }

  public static NativeFile outputStream(byte[] array, String compression, int bufferSize) throws IOException {
    return outputStream((Object) array, compression, bufferSize);
  }

  /** Writes into a writable {@code byteBuffer} in place ({@link IllegalArgumentException} if read-only). */
  public static NativeFile outputStream(ByteBuffer byteBuffer) throws IOException {
    return outputStream((Object) byteBuffer);
  }

  public static NativeFile outputStream(ByteBuffer byteBuffer, String compression, int bufferSize) throws IOException {
    return outputStream((Object) byteBuffer, compression, bufferSize);
  }

  /** A {@code java.io} stream ({@link JavaFile}). */
  public static NativeFile outputStream(OutputStream out) throws IOException {
    return outputStream((Object) out);
  }

  public static NativeFile outputStream(OutputStream out, String compression, int bufferSize) throws IOException {
    return outputStream((Object) out, compression, bufferSize);
  }

  /** {@code file}, layered with compression and buffering as asked. */
  public static NativeFile outputStream(NativeFile file) throws IOException {
    return outputStream((Object) file);
  }

  public static NativeFile outputStream(NativeFile file, String compression, int bufferSize) throws IOException {
    return outputStream((Object) file, compression, bufferSize);
  }

  // ---------------------------------------------------------------- memory maps

  /**
   * Maps a local file ({@code io.sluice.local.MemoryMappedFile.open}, through the
   * {@link MemoryMapFactory} service); mode {@code r}, {@code r+} or {@code w}. Needs
   * {@code io.sluice:connector-local} on the class path ({@link UnsupportedOperationException}
   * naming it otherwise).
   */
  public static NativeFile memoryMap(String path, String mode) throws IOException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(mode, "mode");
    return memoryMapFactory().open(path, mode);
  }

  /** Creates a local file of {@code size} bytes and maps it read-write ({@code MemoryMappedFile.create}). */
  public static NativeFile createMemoryMap(String path, long size) throws IOException {
    Objects.requireNonNull(path, "path");
    return memoryMapFactory().create(path, size);
  }

  // ---------------------------------------------------------------- one-shot codecs

  /** {@code data} compressed with {@code codec} into a new pool buffer (close it). */
  public static Buffer compress(Buffer data, String codec) throws IOException {
    Objects.requireNonNull(data, "data");
    return Codec.of(Objects.requireNonNull(codec, "codec")).compress(data);
  }

  /** {@code data} decompressed with {@code codec}; {@code size} is the exact decompressed size. */
  public static Buffer decompress(Buffer data, long size, String codec) throws IOException {
    Objects.requireNonNull(data, "data");
    return Codec.of(Objects.requireNonNull(codec, "codec")).decompress(data, size);
  }

  // ---------------------------------------------------------------- dispatch

  /** The path whose extension "detect" looks at: only for paths and URIs (a URI's query is not part of it). */
  private static String pathOf(Object sourceOrTarget) {
    if (sourceOrTarget instanceof String s) {
      return uriPath(s);
    }
    if (sourceOrTarget instanceof Path p) {
      return p.toString();
    }
    if (sourceOrTarget instanceof URI u) {
      return u.getPath() != null ? u.getPath() : u.toString();
    }
    return null;
  }

  /** The path of a string that is a URI with a scheme of two or more letters; the string itself otherwise. */
  private static String uriPath(String s) {
    try {
      URI uri = new URI(s);
      if (uri.getScheme() != null && uri.getScheme().length() > 1 && uri.getPath() != null) {
        return uri.getPath();
      }
    } catch (URISyntaxException e) {
      // Not a URI (e.g. a local path with spaces): the string is the path.
    }
    return s;
  }

  // ---------------------------------------------------------------- (v0.2) transforms and the IO thread pool

  /**
   * A stream of {@code raw}'s text re-encoded from {@code from} to {@code to} (PyArrow
   * {@code transcoding_input_stream}), converted chunk by chunk in bounded memory. Input that is
   * not valid {@code from}, or characters {@code to} cannot encode, fail the read with an
   * {@link IOException} naming the character set and the byte offset. Closing it closes {@code raw}.
   */
  public static NativeFile transcodingInputStream(NativeFile raw, Charset from, Charset to) {
    Objects.requireNonNull(raw, "raw");
    return new TransformInputStream(raw, new Transcoder(from, to));
  }

  /**
   * Sets the number of threads of Sluice's IO thread pool (PyArrow {@code set_io_thread_count};
   * default 8), where asynchronous reads, concurrent range reads and the background half of
   * {@code download}/{@code upload} run.
   *
   * @throws IllegalArgumentException if {@code threads} is less than 1
   */
  public static void setIoThreadCount(int threads) {
    IoThreadPool.setThreadCount(threads);
  }

  /** The number of threads of Sluice's IO thread pool (PyArrow {@code io_thread_count}). */
  public static int ioThreadCount() {
    return IoThreadPool.threadCount();
  }

  private static NativeFile rawInput(Object source) throws IOException {
    if (source instanceof NativeFile file) {
      return file;
    }
    if (source instanceof Buffer buffer) {
      return new BufferReader(buffer);
    }
    if (source instanceof byte[] array) {
      return new BufferReader(Buffer.wrap(array));
    }
    if (source instanceof ByteBuffer byteBuffer) {
      return new BufferReader(Buffer.wrap(byteBuffer));
    }
    if (source instanceof InputStream in) {
      return new JavaFile(in);
    }
    String location = location(source);
    if (location != null) {
      FileSystemAndPath resolved = FileSystem.fromUri(location);
      try {
        // The file as stored: the compression argument decides decompression, on top of it.
        return owned(resolved, resolved.fs().openRawInputStream(resolved.path()));
      } catch (Throwable e) {
        closeAfterFailure(resolved.fs(), e);
        throw e;
      }
    }
    throw new IllegalArgumentException("unsupported source type " + source.getClass().getName()
        + "; expected NativeFile, Buffer, byte[], ByteBuffer, String, Path, URI or InputStream");
  }

  private static NativeFile rawOutput(Object target) throws IOException {
    if (target instanceof NativeFile file) {
      return file;
    }
    if (target instanceof MutableBuffer buffer) {
      return new FixedSizeBufferWriter(buffer);
    }
    if (target instanceof Buffer buffer) {
      throw new IllegalArgumentException("target buffer is read-only: " + buffer);
    }
    if (target instanceof byte[] array) {
      return new FixedSizeBufferWriter(MutableBuffer.wrap(array));
    }
    if (target instanceof ByteBuffer byteBuffer) {
      if (byteBuffer.isReadOnly()) {
        throw new IllegalArgumentException("target ByteBuffer is read-only: " + byteBuffer);
      }
      return new FixedSizeBufferWriter((MutableBuffer) Buffer.wrap(byteBuffer));
    }
    if (target instanceof OutputStream out) {
      return new JavaFile(out);
    }
    String location = location(target);
    if (location != null) {
      FileSystemAndPath resolved = FileSystem.fromUri(location);
      try {
        // Bytes as given: the compression argument decides compression, on top of it.
        return owned(resolved, resolved.fs().openOutputStream(resolved.path(), WriteOptions.DEFAULT));
      } catch (Throwable e) {
        closeAfterFailure(resolved.fs(), e);
        throw e;
      }
    }
    throw new IllegalArgumentException("unsupported target type " + target.getClass().getName()
        + "; expected NativeFile, MutableBuffer, byte[], ByteBuffer, String, Path, URI or OutputStream");
  }

  private static String location(Object o) {
    if (o instanceof String s) {
      return s;
    }
    if (o instanceof Path p) {
      return p.toAbsolutePath().toString();
    }
    if (o instanceof URI u) {
      return u.toString();
    }
    return null;
  }

  /**
   * The file, owning its file system when closing that file system releases something (a connected
   * HDFS client, {@link FileSystem#closeReleasesResources()}); files of one that holds nothing
   * (local, memory) come back unwrapped.
   */
  private static NativeFile owned(FileSystemAndPath resolved, NativeFile file) {
    return resolved.fs().closeReleasesResources() ? new OwnedFile(file, resolved.fs()) : file;
  }

  private static void closeAfterFailure(FileSystem fs, Throwable cause) {
    try {
      fs.close();
    } catch (IOException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  /** The {@link MemoryMapFactory} on the class path (connector-local's). */
  private static MemoryMapFactory memoryMapFactory() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    ClassLoader loader = context != null ? context : Sluice.class.getClassLoader();
    Iterator<MemoryMapFactory> factories = ServiceLoader.load(MemoryMapFactory.class, loader).iterator();
    if (!factories.hasNext()) {
      throw new UnsupportedOperationException("memory maps need io.sluice:connector-local on the class path (no "
          + MemoryMapFactory.class.getName() + " service found)");
    }
    return factories.next();
  }
}
