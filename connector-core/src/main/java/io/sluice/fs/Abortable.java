package io.sluice.fs;

import java.io.IOException;

/**
 * An output whose result can be thrown away instead of published: what an atomic
 * {@link FileSystem#openOutputStream(String, WriteOptions)} returns. A copy that fails halfway calls
 * {@link #abort()} so nothing appears at the destination, rather than {@code close()}, which publishes.
 */
public interface Abortable {
  /** Closes the output and discards everything written; the destination is left as it was. Idempotent. */
  void abort() throws IOException;
}
