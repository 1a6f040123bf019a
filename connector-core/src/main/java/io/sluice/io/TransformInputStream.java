package io.sluice.io;

import io.sluice.memory.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Function;

/**
 * A stream that passes a readable file through a function, chunk by chunk (PyArrow's
 * {@code TransformInputStream}). It reads the raw file in chunks of up to 64 KiB, calls
 * {@code transform} on each and serves the buffers it returns; at the end of the raw file it calls
 * {@code transform} once more with an empty buffer, so a stateful transform can emit what it held
 * back. Memory stays bounded by one chunk and its transformed output.
 *
 * <p>The transform may return the chunk itself, a slice of it or a new buffer (an empty one when
 * it has nothing yet); the stream closes what it returned once it has been read, and the chunk
 * after that. An {@link UncheckedIOException} from the transform is thrown as its
 * {@link IOException}. The stream is not seekable; {@link #tell()} counts the bytes produced.
 * Closing it closes the raw file.
 */
public class TransformInputStream extends ReadOnlyStream {
  private final NativeFile raw;
  private final Function<Buffer, Buffer> transform;
  private final byte[] chunk;
  private Buffer input;
  private Buffer output;
  private long outputPosition;
  private long produced;
  private boolean finished;

  /**
   * @throws IllegalArgumentException if {@code raw} is not readable
   */
  public TransformInputStream(NativeFile raw, Function<Buffer, Buffer> transform) {
    this(raw, transform, CHUNK_SIZE);
  }

  /** With another chunk size (tests use tiny ones to split every character). */
  TransformInputStream(NativeFile raw, Function<Buffer, Buffer> transform, int chunkSize) {
    this.raw = Objects.requireNonNull(raw, "raw");
    this.transform = Objects.requireNonNull(transform, "transform");
    if (!raw.readable()) {
      throw new IllegalArgumentException("raw file " + raw.getClass().getSimpleName() + " in mode '"
          + raw.mode() + "' is not readable");
    }
    this.chunk = new byte[chunkSize];
  }

  @Override
  protected int readImpl(ByteBuffer dst) throws IOException {
    while (output == null || outputPosition == output.size()) {
      if (finished) {
        return -1;
      }
      nextOutput();
    }
    int n = (int) Math.min(dst.remaining(), output.size() - outputPosition);
    ByteBuffer part = dst.duplicate();
    part.limit(part.position() + n);
    output.getBytes(outputPosition, part);
    dst.position(dst.position() + n);
    outputPosition += n;
    produced += n;
    return n;
  }

  /** Transforms the next chunk of the raw file (an empty one at its end, then finishes). */
  private void nextOutput() throws IOException {
    releaseChunk();
    int n = raw.readInto(chunk, 0, chunk.length);
    if (n == 0) {
      finished = true;
    }
    // A fresh array per call: the transform may keep or return views of what it was given.
    input = Buffer.wrap(java.util.Arrays.copyOf(chunk, n));
    Buffer result;
    try {
      result = transform.apply(input);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    if (result == null) {
      throw new IllegalStateException("the transform returned null for a chunk of " + n + " bytes; "
          + "return an empty buffer when there is nothing to emit");
    }
    output = result;
    outputPosition = 0;
  }

  private void releaseChunk() {
    if (output != null) {
      output.close();
      output = null;
    }
    if (input != null) {
      input.close();
      input = null;
    }
  }

  @Override
  protected long tellImpl() {
    return produced;
  }

  @Override
  protected void closeImpl() throws IOException {
    releaseChunk();
    raw.close();
  }
}
