package io.sluice.io;

import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPool;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A file that also owns the resource it came from: every operation goes to the wrapped file, and
 * closing closes the file and then the owner. {@link io.sluice.Sluice#inputStream(Object)} uses it
 * for a URI whose file system it connected (an HDFS client), so the caller has one thing to close.
 */
public final class OwnedFile extends NativeFile {
  private final NativeFile file;
  private final Closeable owner;

  public OwnedFile(NativeFile file, Closeable owner) {
    this.file = Objects.requireNonNull(file, "file");
    this.owner = Objects.requireNonNull(owner, "owner");
  }

  /** The wrapped file (e.g. an {@code HdfsFile}, for its statistics). */
  public NativeFile file() {
    return file;
  }

  @Override
  public String mode() {
    return file.mode();
  }

  @Override
  public boolean readable() {
    return file.readable();
  }

  @Override
  public boolean writable() {
    return file.writable();
  }

  @Override
  public boolean seekable() {
    return file.seekable();
  }

  // Same package as NativeFile, so the wrapped file's hooks are callable directly: the wrapped
  // file keeps its zero-copy and vectored paths.
  @Override
  protected int readImpl(ByteBuffer dst) throws IOException {
    return file.readImpl(dst);
  }

  @Override
  protected int readAtImpl(long position, ByteBuffer dst) throws IOException {
    return file.readAtImpl(position, dst);
  }

  @Override
  protected Buffer readBufferAtImpl(long position, long nbytes) throws IOException {
    return file.readBufferAtImpl(position, nbytes);
  }

  @Override
  protected Buffer readBufferImpl(long nbytes) throws IOException {
    return file.readBufferImpl(nbytes);
  }

  @Override
  protected List<Buffer> readCoalescedImpl(List<Range> ranges) throws IOException {
    return file.readCoalescedImpl(ranges);
  }

  @Override
  protected void writeImpl(ByteBuffer src) throws IOException {
    file.writeImpl(src);
  }

  @Override
  protected long tellImpl() throws IOException {
    return file.tellImpl();
  }

  @Override
  protected void seekImpl(long position) throws IOException {
    file.seekImpl(position);
  }

  @Override
  protected long sizeImpl() throws IOException {
    return file.sizeImpl();
  }

  @Override
  protected void flushImpl() throws IOException {
    file.flushImpl();
  }

  @Override
  protected Map<String, String> metadataImpl() throws IOException {
    return file.metadataImpl();
  }

  @Override
  protected MemoryPool memoryPool() {
    return file.memoryPool();
  }

  @Override
  protected boolean positionalReadsPastEndAreEmpty() {
    return file.positionalReadsPastEndAreEmpty();
  }

  @Override
  public byte[] peek(int nbytes) throws IOException {
    checkOpen();
    return file.peek(nbytes);
  }

  @Override
  protected long rangeHoleLimit() {
    return file.rangeHoleLimit();
  }

  @Override
  protected long rangeSizeLimit() {
    return file.rangeSizeLimit();
  }

  @Override
  protected void closeImpl() throws IOException {
    try (Closeable o = owner) {
      file.close();
    }
  }

  @Override
  public String toString() {
    return "OwnedFile(" + file + ")";
  }
}
