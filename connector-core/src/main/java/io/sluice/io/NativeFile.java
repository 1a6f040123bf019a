package io.sluice.io;

import io.sluice.memory.Buffer;
import io.sluice.memory.MutableBuffer;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import java.util.Map;

/**
 * The one file API of Sluice, like PyArrow's {@code NativeFile}: every kind of file (in memory,
 * local, memory-mapped, HDFS, compressed, any Java stream) is one of these, and
 * {@link #readable()}, {@link #writable()} and {@link #seekable()} say what a kind can do.
 *
 * <p>SKELETON (issue 3 fills in the bodies): the public methods and the protected hooks below are
 * the agreed shape that implementations in other modules subclass. See API.md "IO" for semantics.
 *
 * <h2>For implementers</h2>
 * A subclass implements the hooks for what its kind supports; the base class does argument checks,
 * closed-file checks, loops, pool allocation and the Java views on top of them:
 * <ul>
 *   <li>{@link #readImpl(ByteBuffer)}: sequential read at the current position; returns bytes read
 *       (at least 1 when {@code dst} has room and the file is not at EOF), or -1 at EOF.</li>
 *   <li>{@link #readAtImpl(long, ByteBuffer)}: positional read, thread-safe, position untouched.</li>
 *   <li>{@link #writeImpl(ByteBuffer)}: writes all remaining bytes of {@code src}.</li>
 *   <li>{@link #tellImpl()}, {@link #seekImpl(long)}, {@link #sizeImpl()}, {@link #flushImpl()},
 *       {@link #closeImpl()}.</li>
 *   <li>{@link #readBufferAtImpl(long, long)}: override for zero-copy kinds (memory, mmap, HDFS
 *       short-circuit); the default allocates pool memory and fills it with {@code readAtImpl}.</li>
 * </ul>
 */
public abstract class NativeFile implements Closeable {

  protected NativeFile() {}

  // ---------------------------------------------------------------- identity
  public abstract String mode();

  public abstract boolean readable();

  public abstract boolean writable();

  public abstract boolean seekable();

  public abstract boolean isClosed();

  // ---------------------------------------------------------------- hooks for implementers
  protected int readImpl(ByteBuffer dst) throws IOException {
    throw new UnsupportedOperationException("read is not supported by " + getClass().getSimpleName());
  }

  protected int readAtImpl(long position, ByteBuffer dst) throws IOException {
    throw new UnsupportedOperationException("positional read is not supported by " + getClass().getSimpleName());
  }

  protected Buffer readBufferAtImpl(long position, long nbytes) throws IOException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  protected void writeImpl(ByteBuffer src) throws IOException {
    throw new UnsupportedOperationException("write is not supported by " + getClass().getSimpleName());
  }

  protected long tellImpl() throws IOException {
    throw new UnsupportedOperationException("tell is not supported by " + getClass().getSimpleName());
  }

  protected void seekImpl(long position) throws IOException {
    throw new UnsupportedOperationException("seek is not supported by " + getClass().getSimpleName());
  }

  protected long sizeImpl() throws IOException {
    throw new UnsupportedOperationException("size is not supported by " + getClass().getSimpleName());
  }

  protected void flushImpl() throws IOException {}

  protected abstract void closeImpl() throws IOException;

  // ---------------------------------------------------------------- public API (bodies: issue 3)
  public long tell() throws IOException { throw new UnsupportedOperationException("not implemented yet"); }

  public long seek(long position) throws IOException { throw new UnsupportedOperationException("not implemented yet"); }

  public long seek(long offset, Whence whence) throws IOException { throw new UnsupportedOperationException("not implemented yet"); }

  public long size() throws IOException { throw new UnsupportedOperationException("not implemented yet"); }

  public byte[] read() throws IOException { throw new UnsupportedOperationException("not implemented yet"); }

  public byte[] read(long nbytes) throws IOException { throw new UnsupportedOperationException("not implemented yet"); }

  public Buffer readBuffer() throws IOException { throw new UnsupportedOperationException("not implemented yet"); }

  public Buffer readBuffer(long nbytes) throws IOException { throw new UnsupportedOperationException("not implemented yet"); }

  public int readInto(byte[] dst, int off, int len) throws IOException { throw new UnsupportedOperationException("not implemented yet"); }

  public int readInto(ByteBuffer dst) throws IOException { throw new UnsupportedOperationException("not implemented yet"); }

  public long readInto(MutableBuffer dst) throws IOException { throw new UnsupportedOperationException("not implemented yet"); }

  public byte[] readLine() throws IOException { throw new UnsupportedOperationException("not implemented yet"); }

  public List<byte[]> readLines() throws IOException { throw new UnsupportedOperationException("not implemented yet"); }

  public byte[] readAt(long offset, int nbytes) throws IOException { throw new UnsupportedOperationException("not implemented yet"); }

  public Buffer readBufferAt(long offset, long nbytes) throws IOException { throw new UnsupportedOperationException("not implemented yet"); }

  public List<Buffer> readRanges(List<Range> ranges) throws IOException { throw new UnsupportedOperationException("not implemented yet"); }

  public NativeFile getStream(long offset, long nbytes) throws IOException { throw new UnsupportedOperationException("not implemented yet"); }

  public int write(byte[] data) throws IOException { throw new UnsupportedOperationException("not implemented yet"); }

  public int write(byte[] data, int off, int len) throws IOException { throw new UnsupportedOperationException("not implemented yet"); }

  public long write(Buffer data) throws IOException { throw new UnsupportedOperationException("not implemented yet"); }

  public int write(ByteBuffer data) throws IOException { throw new UnsupportedOperationException("not implemented yet"); }

  public void flush() throws IOException { throw new UnsupportedOperationException("not implemented yet"); }

  public long download(OutputStream out) throws IOException { throw new UnsupportedOperationException("not implemented yet"); }

  public long upload(InputStream in) throws IOException { throw new UnsupportedOperationException("not implemented yet"); }

  public InputStream asInputStream() { throw new UnsupportedOperationException("not implemented yet"); }

  public OutputStream asOutputStream() { throw new UnsupportedOperationException("not implemented yet"); }

  public SeekableByteChannel asChannel() { throw new UnsupportedOperationException("not implemented yet"); }

  public Map<String, String> metadata() throws IOException { return Map.of(); }

  @Override
  public void close() throws IOException { throw new UnsupportedOperationException("not implemented yet"); }
}
