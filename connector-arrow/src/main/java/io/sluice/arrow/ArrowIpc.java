package io.sluice.arrow;

import io.sluice.io.NativeFile;
import java.io.IOException;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * Arrow IPC files and streams over Sluice files. The readers load each record batch's body with one
 * {@link NativeFile#readBufferAt} / {@link NativeFile#readBuffer}: on zero-copy kinds
 * ({@code BufferReader}, memory maps, local HDFS blocks) the vectors' buffers are views of the
 * file's memory; on the others the body is read once into pool memory that Arrow then owns (no
 * second copy). The caller keeps ownership of the {@link NativeFile}: closing a reader or writer
 * does not close it.
 */
public final class ArrowIpc {
  private ArrowIpc() {}

  /** An IPC file reader (random access: footer, then any record batch). The file must be seekable. */
  public static ArrowFileReader openFile(NativeFile file, BufferAllocator allocator) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(allocator, "allocator");
    if (!file.readable() || !file.seekable()) {
      throw new IllegalArgumentException("an Arrow IPC file needs a readable, seekable file; got mode "
          + file.mode() + ": " + file);
    }
    return new ZeroCopyArrowFileReader(file, allocator);
  }

  /** An IPC stream reader, reading {@code file} sequentially from its current position. */
  public static ArrowStreamReader openStream(NativeFile file, BufferAllocator allocator) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(allocator, "allocator");
    if (!file.readable()) {
      throw new IllegalArgumentException("an Arrow IPC stream needs a readable file; got mode " + file.mode() + ": " + file);
    }
    return ZeroCopyArrowStreamReader.open(file, allocator);
  }

  /**
   * An IPC file writer that keeps every record batch (its metadata and body) inside one
   * {@code alignment}-sized region of the file, padding before a batch that would cross a
   * boundary; a batch larger than {@code alignment} starts on a boundary. Pass the HDFS block size
   * and every batch can later be read zero-copy from one local block. The file stays a standard
   * Arrow IPC file (readers find batches through the footer).
   *
   * @throws IllegalArgumentException if {@code alignment} is not a positive multiple of 8
   */
  public static ArrowFileWriter newFileWriter(NativeFile out, VectorSchemaRoot root, long alignment) throws IOException {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(root, "root");
    if (alignment <= 0 || alignment % 8 != 0) {
      throw new IllegalArgumentException("alignment must be a positive multiple of 8 bytes: " + alignment);
    }
    if (!out.writable()) {
      throw new IllegalArgumentException("an Arrow IPC file needs a writable file; got mode " + out.mode() + ": " + out);
    }
    return new BlockAlignedArrowFileWriter(root, new NativeFileChannels.Writable(out), alignment);
  }
}
