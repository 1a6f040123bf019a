package io.sluice.memory;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A {@link Buffer} that can also be written. Multi-byte setters are little-endian. Views made by
 * {@link #slice} are mutable too and write through to the same memory.
 */
public class MutableBuffer extends Buffer {

  MutableBuffer(Object base, long offset, long size, Buffer parent, MemoryState state, Allocation allocation,
      Object keepAlive) {
    super(base, offset, size, parent, state, allocation, keepAlive);
  }

  /** A {@link #closableSlice}; see {@link Buffer#Buffer(Object, long, long, Buffer, MemoryState)}. */
  MutableBuffer(Object base, long offset, long size, Buffer parent, MemoryState ownState) {
    super(base, offset, size, parent, ownState);
  }

  /** A zero-copy, writable view of the whole array. */
  public static MutableBuffer wrap(byte[] array) {
    Objects.requireNonNull(array, "array");
    return wrap(array, 0, array.length);
  }

  /** A zero-copy, writable view of {@code array[offset, offset + length)}. */
  public static MutableBuffer wrap(byte[] array, int offset, int length) {
    Objects.requireNonNull(array, "array");
    Bounds.requireArrayRange(offset, length, array.length);
    return new MutableBuffer(array, MemoryAccess.BYTE_ARRAY_BASE_OFFSET + offset, length, null,
        new MemoryState(), null, null);
  }

  /** A writable view of memory Sluice does not own; see {@link Buffer#foreign}. */
  public static MutableBuffer foreign(long address, long size, Object base) {
    checkForeign(address, size);
    return new MutableBuffer(null, address, size, null, new MemoryState(), null, base);
  }

  /** A writable root over memory that {@code onRelease} gives back; see {@link Buffer#foreign(long, long, Object, Runnable)}. */
  public static MutableBuffer foreign(long address, long size, Object base, Runnable onRelease) {
    checkForeign(address, size);
    java.util.Objects.requireNonNull(onRelease, "onRelease");
    Allocation allocation = new Allocation(MemoryState.ofForeign(onRelease, base));
    MutableBuffer buffer = new MutableBuffer(null, address, size, null, allocation.state(), allocation, base);
    allocation.registerOwner(buffer);
    return buffer;
  }

  @Override
  public final boolean isMutable() {
    return true;
  }

  @Override
  public MutableBuffer slice(long offset) {
    checkAlive();
    Bounds.requireRange(offset, 0, size);
    return slice(offset, size - offset);
  }

  @Override
  public MutableBuffer slice(long offset, long length) {
    checkAlive();
    Bounds.requireRange(offset, length, size);
    return new MutableBuffer(base, this.offset + offset, length, this, state, null, null);
  }

  /** A writable view with a lifetime of its own; see {@link Buffer#slice(long, long, Runnable)}. */
  @Override
  public MutableBuffer slice(long offset, long length, Runnable onRelease) {
    checkAlive();
    Bounds.requireRange(offset, length, size);
    Objects.requireNonNull(onRelease, "onRelease");
    Allocation allocation = new Allocation(MemoryState.ofForeign(onRelease, this));
    MutableBuffer view = new MutableBuffer(base, this.offset + offset, length, this, allocation.state(), allocation,
        null);
    allocation.registerOwner(view);
    return view;
  }

  /** A writable slice closed only by {@link #close()}; see {@link Buffer#closableSlice}. */
  @Override
  public MutableBuffer closableSlice(long offset, long length, Runnable onClose) {
    checkAlive();
    Bounds.requireRange(offset, length, size);
    Objects.requireNonNull(onClose, "onClose");
    return new MutableBuffer(base, this.offset + offset, length, this, MemoryState.ofForeign(onClose, this));
  }

  public final void setByte(long index, byte value) {
    checkAccess(index, 1);
    try {
      MemoryAccess.putByte(base, offset + index, value);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  /** Little-endian. */
  public final void setShort(long index, short value) {
    checkAccess(index, 2);
    try {
      MemoryAccess.putShortLE(base, offset + index, value);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  /** Little-endian. */
  public final void setInt(long index, int value) {
    checkAccess(index, 4);
    try {
      MemoryAccess.putIntLE(base, offset + index, value);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  /** Little-endian. */
  public final void setLong(long index, long value) {
    checkAccess(index, 8);
    try {
      MemoryAccess.putLongLE(base, offset + index, value);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  /** Copies all of {@code src} to {@code index}. */
  public final void setBytes(long index, byte[] src) {
    Objects.requireNonNull(src, "src");
    setBytes(index, src, 0, src.length);
  }

  /** Copies {@code src[srcOffset, srcOffset + length)} to {@code index}. */
  public final void setBytes(long index, byte[] src, int srcOffset, int length) {
    Objects.requireNonNull(src, "src");
    Bounds.requireArrayRange(srcOffset, length, src.length);
    checkAccess(index, length);
    try {
      MemoryAccess.copy(src, MemoryAccess.BYTE_ARRAY_BASE_OFFSET + srcOffset, base, offset + index, length);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  /** Copies all of {@code src} to {@code index}; overlapping source and target are handled. */
  public final void setBytes(long index, Buffer src) {
    Objects.requireNonNull(src, "src");
    setBytes(index, src, 0, src.size());
  }

  /** Copies {@code length} bytes of {@code src} from {@code srcIndex} to {@code index}. */
  public final void setBytes(long index, Buffer src, long srcIndex, long length) {
    Objects.requireNonNull(src, "src");
    src.checkAccess(srcIndex, length);
    checkAccess(index, length);
    try {
      MemoryAccess.copy(src.base, src.offset + srcIndex, base, offset + index, length);
    } finally {
      Reference.reachabilityFence(this);
      Reference.reachabilityFence(src);
    }
  }

  /**
   * Copies {@code src}'s remaining bytes to {@code index}. Like an absolute bulk put, the source's
   * position is left unchanged.
   */
  public final void setBytes(long index, ByteBuffer src) {
    Objects.requireNonNull(src, "src");
    int length = src.remaining();
    checkAccess(index, length);
    try {
      if (src.isDirect()) {
        MemoryAccess.copy(null, ByteBufferAccess.directAddress(src) + src.position(), base, offset + index, length);
      } else if (src.hasArray()) {
        MemoryAccess.copy(src.array(), MemoryAccess.BYTE_ARRAY_BASE_OFFSET + src.arrayOffset() + src.position(),
            base, offset + index, length);
      } else {
        MemoryAccess.copy(ByteBufferAccess.heapArray(src),
            MemoryAccess.BYTE_ARRAY_BASE_OFFSET + ByteBufferAccess.heapArrayOffset(src) + src.position(),
            base, offset + index, length);
      }
    } finally {
      Reference.reachabilityFence(this);
      Reference.reachabilityFence(src);
    }
  }

  /** Sets every byte to {@code value}. */
  public final void fill(byte value) {
    fill(0, size, value);
  }

  /** Sets {@code [index, index + length)} to {@code value}. */
  public final void fill(long index, long length, byte value) {
    checkAccess(index, length);
    try {
      MemoryAccess.fill(base, offset + index, length, value);
    } finally {
      Reference.reachabilityFence(this);
    }
  }
}
