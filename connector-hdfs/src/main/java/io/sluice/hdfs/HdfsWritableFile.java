package io.sluice.hdfs;

import io.sluice.io.FileMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.apache.hadoop.fs.FSDataOutputStream;

/**
 * The writing {@link HdfsFile} ({@code "wb"} or {@code "ab"}, not seekable): {@link #tell()} and
 * {@link #size()} count the bytes of the file so far; {@link #flush()}, {@link #hflush()},
 * {@link #hsync()} and atomic publishing as {@link HdfsFile} says. Made by
 * {@link HadoopFileSystem}'s {@code openOutputStream} and {@code openAppendStream}.
 */
public final class HdfsWritableFile extends HdfsFile {
  private final FSDataOutputStream out;
  private final OutputCompletion completion;
  private byte[] writeScratch;
  private volatile boolean writeFailed;

  /** What closing a writer does after its stream closed: nothing, or publish/discard an atomic file. */
  interface OutputCompletion {
    OutputCompletion NONE = new OutputCompletion() {
      @Override
      public void commit() {}

      @Override
      public void abort() {}
    };

    void commit() throws IOException;

    void abort() throws IOException;
  }

  /** A writer in {@code mode} ("wb" or "ab") over an open Hadoop output stream; {@code completion} runs after the stream closed. */
  HdfsWritableFile(String path, String mode, FSDataOutputStream out, OutputCompletion completion) {
    super(mode.equals("ab") ? FileMode.APPEND : FileMode.WRITE_STREAM, path);
    this.out = Objects.requireNonNull(out, "out");
    this.completion = completion;
  }

  // ---------------------------------------------------------------- position and size

  @Override
  protected long tellImpl() throws IOException {
    return out.getPos();
  }

  @Override
  protected long sizeImpl() throws IOException {
    return out.getPos();
  }

  // ---------------------------------------------------------------- writing

  @Override
  protected void writeImpl(ByteBuffer src) throws IOException {
    try {
      if (src.hasArray()) {
        out.write(src.array(), src.arrayOffset() + src.position(), src.remaining());
        src.position(src.limit());
        return;
      }
      // Hadoop's output streams only take byte[]: copy direct memory through one reusable chunk.
      if (writeScratch == null) {
        writeScratch = new byte[COPY_CHUNK];
      }
      while (src.hasRemaining()) {
        int n = Math.min(src.remaining(), writeScratch.length);
        src.get(writeScratch, 0, n);
        out.write(writeScratch, 0, n);
      }
    } catch (IOException | RuntimeException e) {
      writeFailed = true;
      throw e;
    }
  }

  @Override
  protected void flushImpl() throws IOException {
    try {
      out.flush();
    } catch (IOException | RuntimeException e) {
      writeFailed = true;
      throw e;
    }
  }

  @Override
  public void hflush() throws IOException {
    checkWritable();
    out.hflush();
  }

  @Override
  public void hsync() throws IOException {
    checkWritable();
    out.hsync();
  }

  @Override
  public void abort() throws IOException {
    if (!isClosed()) {
      writeFailed = true;
    }
    close();
  }

  /** All zero: a writer reads nothing. */
  @Override
  public HdfsReadStatistics statistics() {
    return HdfsReadStatistics.EMPTY;
  }

  @Override
  protected void closeImpl() throws IOException {
    boolean publish = !writeFailed;
    try {
      out.close();
    } catch (IOException | RuntimeException e) {
      completion.abort();
      throw e;
    }
    if (publish) {
      completion.commit();
    } else {
      completion.abort();
      if (completion != OutputCompletion.NONE) {
        throw new IOException(path + " was not published: the write was aborted or an earlier write failed");
      }
    }
  }
}
