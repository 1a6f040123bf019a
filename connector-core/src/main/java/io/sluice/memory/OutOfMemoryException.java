package io.sluice.memory;

/**
 * A {@link MemoryPool} could not satisfy an allocation: a capped pool's limit would be exceeded, or
 * the operating system refused the memory. Unchecked, like {@link OutOfMemoryError}, but
 * recoverable: nothing was allocated or accounted.
 */
public class OutOfMemoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OutOfMemoryException(String message) {
    super(message);
  }

  public OutOfMemoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
