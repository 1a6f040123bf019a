package io.sluice.hdfs;

import io.sluice.fs.Abortable;
import io.sluice.io.FileMode;
import io.sluice.io.NativeFile;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import org.apache.hadoop.fs.ByteBufferPositionedReadable;
import org.apache.hadoop.fs.ByteBufferReadable;

/**
 * A file on HDFS (or any Hadoop filesystem) as a {@link NativeFile}; made by
 * {@link HadoopFileSystem#openInputFile}, {@link HadoopFileSystem#openInputStream} and the
 * {@code openOutputStream}/{@code openAppendStream} methods.
 *
 * <p>Readers ({@code "rb"}) are seekable, with the length the file had when it was opened; a seek
 * past that end throws {@link EOFException}. Reads go straight into pool memory through Hadoop's
 * {@link ByteBufferReadable} and {@link ByteBufferPositionedReadable} (no {@code byte[]} in
 * between when the stream supports them, as HDFS does). Positional reads are thread-safe.
 * {@link #readRanges} reads the ranges HDFS serves remotely concurrently on the IO thread pool
 * (HDFS's own {@code readVectored} reads them one after another); other Hadoop file systems use
 * their {@code readVectored} with pool-backed buffers where the client has it (Hadoop 3.4+), and
 * concurrent positional reads on older clients such as Spark 3.5's 3.3.4 ({@link HadoopVectoredReads}).
 * When the file was opened with short-circuit reads allowed and a block's replica is on this host,
 * {@code readBuffer}/{@code readBufferAt}/{@code readRanges} return zero-copy views of the mapped
 * block file (checksums verified from the block's meta file unless disabled), falling back to the
 * normal path whenever that is not possible. {@link #statistics()} tells which path served the bytes.
 *
 * <p>Writers ({@code "wb"}, {@code "ab"}) are not seekable; {@link #tell()} and {@link #size()}
 * count the bytes of the file so far. {@link #flush()} pushes Hadoop's client buffer,
 * {@link #hflush()} makes the bytes visible to new readers and {@link #hsync()} also forces them to
 * the DataNodes' disks. An atomic writer publishes the file under its name only when
 * {@link #close()} succeeds; {@link #abort()} (or a failed write) discards it.
 *
 * <p>{@code HdfsFile} is the type users hold; it has two kinds, one per job (as Arrow's
 * {@code HdfsReadableFile} / {@code HdfsOutputStream} and Trino's {@code HdfsInput} /
 * {@code HdfsOutputFile}): {@link HdfsReadableFile} reads, {@link HdfsWritableFile} writes.
 */
public abstract sealed class HdfsFile extends NativeFile implements Abortable
    permits HdfsReadableFile, HdfsWritableFile {
  /** Hadoop's streams take and give {@code byte[]}: direct memory is copied through chunks of this size. */
  static final int COPY_CHUNK = 64 * 1024;

  final String path;

  HdfsFile(FileMode fileMode, String path) {
    super(fileMode);
    this.path = path;
  }

  /** The path this file was opened with. */
  public String path() {
    return path;
  }

  /** Which read paths served this file's reads so far (all zero for writers). */
  public abstract HdfsReadStatistics statistics();

  /**
   * Makes everything written so far visible to new readers (Hadoop {@code hflush}).
   *
   * @throws UnsupportedOperationException on a reader
   */
  public void hflush() throws IOException {
    checkWritable();
  }

  /**
   * Like {@link #hflush()}, and also has the DataNodes force the bytes to disk (Hadoop {@code hsync}).
   *
   * @throws UnsupportedOperationException on a reader
   */
  public void hsync() throws IOException {
    checkWritable();
  }

  /**
   * Closes a writer without publishing what it wrote: an atomic writer's temporary file is
   * deleted and nothing appears under the target name. A plain writer is simply closed (HDFS
   * cannot take back bytes already written). Does nothing on a closed file; closes a reader.
   */
  @Override
  public void abort() throws IOException {
    close();
  }

  @Override
  protected Map<String, String> metadataImpl() {
    return Map.of("path", path);
  }

  @Override
  public String toString() {
    return "HdfsFile(" + path + ", " + mode() + ")";
  }
}
