package io.sluice.memory;

/**
 * Whether a piece of memory may still be touched. One instance is shared by a root buffer and every
 * view derived from it, so releasing the root makes every view fail with
 * {@link IllegalStateException} instead of reading freed memory.
 *
 * <p>The flag is a plain field on purpose: it is read on every access and a volatile read would
 * stop the JIT from hoisting it out of loops. Closing a buffer while another thread still reads
 * it is a race the caller must prevent (as with Netty's and Arrow's buffers).
 */
final class MemoryState {
  boolean released;
}
