package io.sluice.it.hadoop;

import io.sluice.io.NativeFile;
import io.sluice.io.Range;
import io.sluice.memory.Buffer;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.apache.hadoop.fs.FSExceptionMessages;
import org.apache.hadoop.fs.FSInputStream;
import org.apache.hadoop.fs.FileRange;
import org.apache.hadoop.fs.VectoredReadUtils;

/**
 * A seekable Sluice {@link NativeFile} seen as a Hadoop input stream ({@code Seekable} +
 * {@code PositionedReadable}), so Hadoop's own contract tests can check Sluice's seek and read
 * semantics. Pure delegation; the only translations are Hadoop's conventions where Sluice's
 * differ: a negative seek is an {@link EOFException} (Sluice: IllegalArgumentException), and a
 * positioned read at or past EOF returns -1 (Sluice: empty at EOF, EOFException past it), and
 * vectored reads follow Hadoop's range rules (see {@link #readVectored}).
 */
final class NativeFileFSInputStream extends FSInputStream {
  private final NativeFile file;
  private final InputStream in;

  NativeFileFSInputStream(NativeFile file) {
    if (!file.seekable() || !file.readable()) {
      throw new IllegalArgumentException("needs a readable, seekable file, not " + file.getClass().getSimpleName());
    }
    this.file = file;
    this.in = file.asInputStream();
  }

  @Override
  public void seek(long position) throws IOException {
    if (position < 0 && !file.isClosed()) {
      throw new EOFException(FSExceptionMessages.NEGATIVE_SEEK + ": " + position);
    }
    file.seek(position);
  }

  @Override
  public long getPos() throws IOException {
    return file.tell();
  }

  @Override
  public boolean seekToNewSource(long targetPos) {
    return false;
  }

  @Override
  public int read() throws IOException {
    return in.read();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return in.read(b, off, len);
  }

  @Override
  public int read(long position, byte[] buffer, int offset, int length) throws IOException {
    validatePositionedReadArgs(position, buffer, offset, length);
    if (length == 0) {
      return 0;
    }
    if (position >= file.size()) {
      return -1;
    }
    try (Buffer bytes = file.readBufferAt(position, length)) {
      int n = (int) bytes.size();
      bytes.getBytes(0, buffer, offset, n);
      return n;
    }
  }

  @Override
  public int available() throws IOException {
    return in.available();
  }

  @Override
  public void close() throws IOException {
    file.close();
  }

  @Override
  public void readVectored(List<? extends FileRange> ranges, IntFunction<ByteBuffer> allocate) throws IOException {
    readVectored(ranges, allocate, buffer -> { });
  }

  /**
   * Hadoop's vectored read served by {@link NativeFile#readRanges}. Hadoop's range rules are
   * applied first, since Sluice's differ: Sluice accepts overlapping ranges, Hadoop refuses them
   * (IllegalArgumentException); a negative offset or a range past EOF is an EOFException thrown
   * before any read (the file's size is known, so the contract XML declares the early EOF check).
   * Hadoop's API owns the result buffers, so the bytes are copied from Sluice's buffers into ones
   * from {@code allocate}; every range's future is complete when this returns.
   */
  @Override
  public void readVectored(List<? extends FileRange> ranges, IntFunction<ByteBuffer> allocate,
      Consumer<ByteBuffer> release) throws IOException {
    Objects.requireNonNull(allocate, "allocate");
    Objects.requireNonNull(release, "release");
    List<? extends FileRange> sorted = VectoredReadUtils.validateAndSortRanges(ranges, Optional.of(file.size()));
    List<Range> sluiceRanges = new ArrayList<>(sorted.size());
    for (FileRange range : sorted) {
      sluiceRanges.add(Range.of(range.getOffset(), range.getLength()));
    }
    List<Buffer> results;
    try {
      results = file.readRanges(sluiceRanges);
    } catch (IOException | RuntimeException e) {
      for (FileRange range : sorted) {
        range.setData(CompletableFuture.failedFuture(e));
      }
      return;
    }
    try {
      for (int i = 0; i < sorted.size(); i++) {
        ByteBuffer target = allocate.apply(sorted.get(i).getLength());
        target.put(results.get(i).asByteBuffer());
        target.flip();
        sorted.get(i).setData(CompletableFuture.completedFuture(target));
      }
    } finally {
      results.forEach(Buffer::close);
    }
  }
}
