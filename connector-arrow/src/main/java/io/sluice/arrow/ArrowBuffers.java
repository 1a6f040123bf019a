package io.sluice.arrow;

import io.sluice.memory.Buffer;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.ForeignAllocation;

/**
 * Zero-copy conversions between Sluice {@link Buffer}s and Arrow Java {@link ArrowBuf}s.
 *
 * <p>Lifetimes: an {@code ArrowBuf} made by {@link #asArrowBuf} pins the Sluice memory with
 * {@link Buffer#asByteBuffers() ByteBuffer views}, which Sluice never frees or reuses while they
 * are reachable; so even a caller that closes the Sluice buffer first cannot make Arrow read freed
 * memory (Sluice then accounts the bytes as released and frees them once Arrow has released the
 * {@code ArrowBuf} and the pin is collected). A {@code Buffer} made by {@link #asBuffer} holds a
 * reference on the Arrow memory, given back when the Sluice buffer is closed or collected.
 */
public final class ArrowBuffers {
  private ArrowBuffers() {}

  /**
   * An {@code ArrowBuf} over the same memory as {@code buffer}, accounted in {@code allocator}.
   * Zero-copy for pool, direct and mapped memory; a heap-backed buffer ({@code Buffer.wrap(byte[])})
   * has no stable native address and is copied into {@code allocator}'s memory. Releasing the
   * {@code ArrowBuf} drops its hold on the Sluice memory; the caller still closes {@code buffer}.
   */
  public static ArrowBuf asArrowBuf(Buffer buffer, BufferAllocator allocator) {
    Objects.requireNonNull(buffer, "buffer");
    Objects.requireNonNull(allocator, "allocator");
    if (buffer.size() == 0) {
      return allocator.getEmpty();
    }
    if (!buffer.isDirect()) {
      return copy(buffer, allocator);
    }
    List<ByteBuffer> pin = buffer.asByteBuffers();
    return allocator.wrapForeignAllocation(new PinnedSluiceMemory(buffer.address(), buffer.size(), pin));
  }

  /**
   * An {@code ArrowBuf} that owns {@code buffer}: releasing it closes {@code buffer}, so the memory
   * goes back at once. For buffers nobody else holds (a read this module made itself).
   */
  static ArrowBuf takeOwnership(Buffer buffer, BufferAllocator allocator) {
    if (buffer.size() == 0 || !buffer.isDirect()) {
      try (buffer) {
        return buffer.size() == 0 ? allocator.getEmpty() : copy(buffer, allocator);
      }
    }
    return allocator.wrapForeignAllocation(new OwnedSluiceMemory(buffer));
  }

  private static ArrowBuf copy(Buffer buffer, BufferAllocator allocator) {
    ArrowBuf copy = allocator.buffer(buffer.size());
    ByteBuffer target = copy.nioBuffer(0, (int) buffer.size());
    buffer.getBytes(0, target);
    copy.writerIndex(buffer.size());
    return copy;
  }

  /**
   * A read-only Sluice {@code Buffer} over the readable bytes of {@code arrowBuf}'s memory
   * ({@code 0 .. capacity}), no copy. It retains a reference on the Arrow memory until the
   * Sluice buffer is closed (or garbage collected, with every view of it).
   */
  public static Buffer asBuffer(ArrowBuf arrowBuf) {
    Objects.requireNonNull(arrowBuf, "arrowBuf");
    long size = arrowBuf.capacity();
    if (size == 0) {
      return Buffer.wrap(new byte[0]);
    }
    arrowBuf.getReferenceManager().retain();
    return Buffer.foreign(arrowBuf.memoryAddress(), size, null, () -> arrowBuf.getReferenceManager().release());
  }

  /** Arrow's view of Sluice memory that stays valid however the Sluice buffer is closed. */
  private static final class PinnedSluiceMemory extends ForeignAllocation {
    /** ByteBuffer views of the Sluice memory: while they are reachable Sluice keeps the bytes. */
    private volatile List<ByteBuffer> pin;

    PinnedSluiceMemory(long address, long size, List<ByteBuffer> pin) {
      super(size, address);
      this.pin = pin;
    }

    @Override
    protected void release0() {
      pin = null;
    }
  }

  /** Arrow's view of a Sluice buffer it owns: released means closed. */
  private static final class OwnedSluiceMemory extends ForeignAllocation {
    private final Buffer buffer;

    OwnedSluiceMemory(Buffer buffer) {
      super(buffer.size(), buffer.address());
      this.buffer = buffer;
    }

    @Override
    protected void release0() {
      buffer.close();
    }
  }
}
