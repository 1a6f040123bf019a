package io.sluice.memory;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A contiguous range of bytes with read access: Arrow's {@code Buffer}, PyArrow's {@code pyarrow.Buffer}.
 *
 * <p>The bytes live in a Java {@code byte[]} ({@link #wrap(byte[])}), in a {@link ByteBuffer}
 * ({@link #wrap(ByteBuffer)}), in memory owned by someone else ({@link #foreign}) or off-heap in a
 * {@link MemoryPool}. A buffer made from another ({@link #slice}, {@link #asByteBuffer}) is a
 * zero-copy view that keeps its {@link #parent()} alive.
 *
 * <p>Lifetime: {@link #close()} on a root buffer releases its memory at once (pool memory goes back
 * to the pool); otherwise the memory is released when the root and every view of it have been
 * garbage collected. Closing a view only closes that view. Any access after release throws
 * {@link IllegalStateException}; any access outside {@code [0, size())} throws
 * {@link IndexOutOfBoundsException}. Neither can crash the JVM. Buffers are safe to read from many
 * threads; closing one while another thread still uses it is the caller's race to prevent.
 *
 * <p>Multi-byte getters are little-endian, like Arrow's memory format.
 */
public class Buffer implements AutoCloseable {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  /** Largest chunk {@link #asByteBuffers()} hands out: a power of two below {@code Integer.MAX_VALUE}. */
  static final int MAX_BYTE_BUFFER_CHUNK = 1 << 30;

  /** {@code byte[]} for heap memory; {@code null} for native memory. */
  final Object base;
  /** Unsafe offset of byte 0: an absolute address when {@link #base} is null. */
  long offset;
  long size;
  final Buffer parent;
  /** Shared with the root and all its views; says whether the memory was released. */
  MemoryState state;
  /**
   * Set on buffers that own a release (pool roots, foreign roots and slices with a release action):
   * what {@link #close()} releases and the cleaner releases after GC.
   */
  final Allocation allocation;
  /** Kept reachable as long as this buffer is: a wrapped ByteBuffer or a foreign buffer's base. */
  private final Object keepAlive;
  /**
   * Set on a {@link #closableSlice}: {@link #close()} releases its own {@link #state}. It has no
   * {@link Allocation} (no cleaner registration to cancel), which saves an object per slice.
   */
  private final boolean closeReleasesState;
  private boolean closed;

  Buffer(Object base, long offset, long size, Buffer parent, MemoryState state, Allocation allocation,
      Object keepAlive) {
    this.base = base;
    this.offset = offset;
    this.size = size;
    this.parent = parent;
    this.state = state;
    this.allocation = allocation;
    this.keepAlive = keepAlive;
    this.closeReleasesState = false;
  }

  /** A {@link #closableSlice} of {@code parent}: {@code ownState} is released by {@link #close()} only. */
  Buffer(Object base, long offset, long size, Buffer parent, MemoryState ownState) {
    this.base = base;
    this.offset = offset;
    this.size = size;
    this.parent = parent;
    this.state = ownState;
    this.allocation = null;
    this.keepAlive = null;
    this.closeReleasesState = true;
  }

  // ---------------------------------------------------------------- factories

  /** A zero-copy view of the whole array (PyArrow {@code py_buffer}); no pool memory is used. */
  public static Buffer wrap(byte[] array) {
    return MutableBuffer.wrap(array);
  }

  /** A zero-copy view of {@code array[offset, offset + length)}. */
  public static Buffer wrap(byte[] array, int offset, int length) {
    return MutableBuffer.wrap(array, offset, length);
  }

  /**
   * A zero-copy view of the buffer's remaining bytes ({@code position} to {@code limit}), heap or
   * direct. The result is a {@link MutableBuffer} unless the ByteBuffer is read-only, in which case
   * it stays read-only. The ByteBuffer's position is not changed.
   */
  public static Buffer wrap(ByteBuffer byteBuffer) {
    Objects.requireNonNull(byteBuffer, "byteBuffer");
    int position = byteBuffer.position();
    int length = byteBuffer.remaining();
    boolean mutable = !byteBuffer.isReadOnly();
    Object base;
    long offset;
    if (byteBuffer.isDirect()) {
      base = null;
      offset = ByteBufferAccess.directAddress(byteBuffer) + position;
    } else if (mutable) {
      base = byteBuffer.array();
      offset = MemoryAccess.BYTE_ARRAY_BASE_OFFSET + byteBuffer.arrayOffset() + position;
    } else {
      base = ByteBufferAccess.heapArray(byteBuffer);
      offset = MemoryAccess.BYTE_ARRAY_BASE_OFFSET + ByteBufferAccess.heapArrayOffset(byteBuffer) + position;
    }
    MemoryState state = new MemoryState();
    return mutable
        ? new MutableBuffer(base, offset, length, null, state, null, byteBuffer)
        : new Buffer(base, offset, length, null, state, null, byteBuffer);
  }

  /**
   * A read-only view of memory Sluice does not own (PyArrow {@code foreign_buffer}). {@code base},
   * which may be null, is kept reachable as long as this buffer or any view of it is, so an owner
   * that frees the memory when collected cannot do so too early.
   */
  public static Buffer foreign(long address, long size, Object base) {
    checkForeign(address, size);
    return new Buffer(null, address, size, null, new MemoryState(), null, base);
  }

  /**
   * A read-only root buffer over memory Sluice does not own that {@code onRelease} gives back: for
   * connectors that hand out views of memory they must free or unmap (a mapped file region).
   * {@code onRelease} runs exactly once, on the cleaner thread or the closing thread: after this
   * buffer was closed (or garbage collected together with its slices) and, if {@link #asByteBuffer}
   * views were made, once none of them is reachable any more, so a view can never touch memory
   * that was given back. {@code base} (which may be null) is kept reachable until then.
   */
  public static Buffer foreign(long address, long size, Object base, Runnable onRelease) {
    checkForeign(address, size);
    Objects.requireNonNull(onRelease, "onRelease");
    Allocation allocation = new Allocation(MemoryState.ofForeign(onRelease, base));
    Buffer buffer = new Buffer(null, address, size, null, allocation.state(), allocation, base);
    allocation.registerOwner(buffer);
    return buffer;
  }

  static void checkForeign(long address, long size) {
    Bounds.requireNonNegative(size, "size");
    if (address == 0 && size > 0) {
      throw new IllegalArgumentException("address must not be 0 (null) for a buffer of size " + size);
    }
  }

  // ---------------------------------------------------------------- identity

  public final long size() {
    return size;
  }

  /**
   * The address of byte 0. For direct and pool memory it is a stable native address, the same for
   * every view of the same bytes. For heap buffers ({@code wrap(byte[])}) it is only an offset
   * inside the array object and must not be passed to native code.
   */
  public final long address() {
    return offset;
  }

  public boolean isMutable() {
    return false;
  }

  /**
   * Whether the bytes live outside the Java heap (pool, direct, mapped or foreign memory), as
   * {@link ByteBuffer#isDirect()}: only then is {@link #address()} a native address that native
   * code, or another library's buffer, may use.
   */
  public final boolean isDirect() {
    return base == null;
  }

  /** Always true: Sluice has no device memory. */
  public final boolean isCpu() {
    return true;
  }

  /** The buffer this one is a view of, or null for a root buffer. */
  public final Buffer parent() {
    return parent;
  }

  /** Whether this buffer was closed or its memory released; any access then throws. */
  public final boolean isReleased() {
    return closed || state.released;
  }

  // ---------------------------------------------------------------- views

  /** A zero-copy view from {@code offset} to the end. */
  public Buffer slice(long offset) {
    checkAlive();
    Bounds.requireRange(offset, 0, size);
    return slice(offset, size - offset);
  }

  /** A zero-copy view of {@code [offset, offset + length)}; it keeps this buffer alive. */
  public Buffer slice(long offset, long length) {
    checkAlive();
    Bounds.requireRange(offset, length, size);
    return new Buffer(base, this.offset + offset, length, this, state, null, null);
  }

  /**
   * A zero-copy view of {@code [offset, offset + length)} with a lifetime of its own: for connectors
   * that count the users of memory they must free or unmap (a mapped file region). Unlike a plain
   * slice, closing it releases it: its own slices then fail, and {@code onRelease} runs exactly
   * once, after it was closed (or garbage collected with its slices) and once no
   * {@link #asByteBuffer} view of it is reachable. Closing it never affects this buffer, which it
   * keeps reachable.
   */
  public Buffer slice(long offset, long length, Runnable onRelease) {
    checkAlive();
    Bounds.requireRange(offset, length, size);
    Objects.requireNonNull(onRelease, "onRelease");
    Allocation allocation = new Allocation(MemoryState.ofForeign(onRelease, this));
    Buffer view = new Buffer(base, this.offset + offset, length, this, allocation.state(), allocation, null);
    allocation.registerOwner(view);
    return view;
  }

  /**
   * Like {@link #slice(long, long, Runnable)}, but without a garbage-collection backstop:
   * {@code onClose} runs exactly once after the slice was closed (and no {@link #asByteBuffer}
   * view of it is reachable), and never if it is not closed. Registering every slice with the
   * cleaner costs more than a whole zero-copy read, so this is for connectors that hand out many
   * short-lived slices and cover forgotten ones another way: the slice keeps this buffer reachable,
   * so a release action on this buffer (see {@link #foreign(long, long, Object, Runnable)}) runs
   * only after every slice, closed or forgotten, is gone.
   */
  public Buffer closableSlice(long offset, long length, Runnable onClose) {
    checkAlive();
    Bounds.requireRange(offset, length, size);
    Objects.requireNonNull(onClose, "onClose");
    return new Buffer(base, this.offset + offset, length, this, MemoryState.ofForeign(onClose, this));
  }

  /**
   * A zero-copy {@link ByteBuffer} over the whole buffer, little-endian, read-only unless this
   * buffer is mutable. The view keeps this buffer's memory alive, even past {@link #close()} or a
   * resize that moved the buffer: pool memory under a reachable view is accounted as released at
   * close but is not reused or freed until the view is unreachable, so a stale view reads and
   * writes only its own old bytes.
   *
   * @throws UnsupportedOperationException for buffers over {@code Integer.MAX_VALUE} bytes: use
   *     {@link #asByteBuffers()}
   */
  public ByteBuffer asByteBuffer() {
    checkAlive();
    if (size > Integer.MAX_VALUE) {
      throw new UnsupportedOperationException(
          "buffer of " + size + " bytes is larger than a ByteBuffer can be (2 GiB); use asByteBuffers()");
    }
    return byteBufferView(0, (int) size);
  }

  /** Zero-copy {@link ByteBuffer} views covering the buffer in order, each at most 1 GiB. */
  public List<ByteBuffer> asByteBuffers() {
    checkAlive();
    List<ByteBuffer> chunks = new ArrayList<>();
    for (long at = 0; at < size; at += MAX_BYTE_BUFFER_CHUNK) {
      chunks.add(byteBufferView(at, (int) Math.min(MAX_BYTE_BUFFER_CHUNK, size - at)));
    }
    if (chunks.isEmpty()) {
      chunks.add(byteBufferView(0, 0));
    }
    return chunks;
  }

  /**
   * A view for a {@link ScopedByteBuffer}: its memory is held by the scope's pin, not by an anchor,
   * so the view is only valid until the scope ends. The attachment keeps this buffer reachable.
   */
  final ByteBuffer scopedView(long at, int length) {
    if (base == null) {
      return ByteBufferAccess.directView(offset + at, length, !isMutable(), this);
    }
    return byteBufferView(at, length);
  }

  private ByteBuffer byteBufferView(long at, int length) {
    boolean readOnly = !isMutable();
    ByteBuffer view;
    if (base == null) {
      // The view references the block's anchor (or this buffer), so its memory outlives close()
      // for as long as the view is reachable: see MemoryState.
      view = ByteBufferAccess.directView(offset + at, length, readOnly, state.viewKeeper(this));
    } else {
      int arrayIndex = Math.toIntExact(offset + at - MemoryAccess.BYTE_ARRAY_BASE_OFFSET);
      view = ByteBuffer.wrap((byte[]) base, arrayIndex, length).slice();
      if (readOnly) {
        view = view.asReadOnlyBuffer();
      }
      view.order(java.nio.ByteOrder.LITTLE_ENDIAN);
    }
    return view;
  }

  // ---------------------------------------------------------------- reads

  public final byte getByte(long index) {
    checkAccess(index, 1);
    try {
      return MemoryAccess.getByte(base, offset + index);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  /** Little-endian. */
  public final short getShort(long index) {
    checkAccess(index, 2);
    try {
      return MemoryAccess.getShortLE(base, offset + index);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  /** Little-endian. */
  public final int getInt(long index) {
    checkAccess(index, 4);
    try {
      return MemoryAccess.getIntLE(base, offset + index);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  /** Little-endian. */
  public final long getLong(long index) {
    checkAccess(index, 8);
    try {
      return MemoryAccess.getLongLE(base, offset + index);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  /**
   * Copies the {@code count} little-endian longs at {@code index}, {@code index + 8}, ... into
   * {@code dst[dstOffset...]}: the bulk form of {@link #getLong}, one check and one memory copy
   * per call. For a plain sequential scan, {@link #getLong} in a loop is faster (measured: the
   * copy costs more than the checks it saves, as with the JDK's bulk {@code LongBuffer.get});
   * this is for callers that want the values in an array anyway.
   *
   * @throws IndexOutOfBoundsException when {@code [index, index + 8 * count)} is not inside this
   *     buffer or {@code [dstOffset, dstOffset + count)} not inside {@code dst}
   */
  public final void getLongs(long index, long[] dst, int dstOffset, int count) {
    Objects.requireNonNull(dst, "dst");
    Bounds.requireArrayRange(dstOffset, count, dst.length);
    checkAccess(index, (long) count * Long.BYTES);
    try {
      if (MemoryAccess.NATIVE_LITTLE_ENDIAN) {
        MemoryAccess.copy(base, offset + index, dst, MemoryAccess.LONG_ARRAY_BASE_OFFSET + (long) dstOffset * Long.BYTES,
            (long) count * Long.BYTES);
      } else {
        for (int i = 0; i < count; i++) {
          dst[dstOffset + i] = MemoryAccess.getLongLE(base, offset + index + (long) i * Long.BYTES);
        }
      }
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  /** Copies {@code length} bytes from {@code index} into {@code dst[dstOffset...]}. */
  public final void getBytes(long index, byte[] dst, int dstOffset, int length) {
    Objects.requireNonNull(dst, "dst");
    Bounds.requireArrayRange(dstOffset, length, dst.length);
    checkAccess(index, length);
    try {
      MemoryAccess.copy(base, offset + index, dst, MemoryAccess.BYTE_ARRAY_BASE_OFFSET + dstOffset, length);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  /** Copies {@code dst.remaining()} bytes from {@code index} into {@code dst}, advancing its position. */
  public final void getBytes(long index, ByteBuffer dst) {
    Objects.requireNonNull(dst, "dst");
    if (dst.isReadOnly()) {
      throw new java.nio.ReadOnlyBufferException();
    }
    int length = dst.remaining();
    checkAccess(index, length);
    try {
      if (dst.isDirect()) {
        MemoryAccess.copy(base, offset + index, null, ByteBufferAccess.directAddress(dst) + dst.position(), length);
      } else {
        MemoryAccess.copy(base, offset + index, dst.array(),
            MemoryAccess.BYTE_ARRAY_BASE_OFFSET + dst.arrayOffset() + dst.position(), length);
      }
      dst.position(dst.position() + length);
    } finally {
      Reference.reachabilityFence(this);
      Reference.reachabilityFence(dst);
    }
  }

  /** A copy of all bytes (PyArrow {@code to_pybytes}). */
  public final byte[] toByteArray() {
    checkAlive();
    if (size > Integer.MAX_VALUE - 8) {
      throw new UnsupportedOperationException("buffer of " + size + " bytes does not fit in a byte[]");
    }
    byte[] copy = new byte[(int) size];
    getBytes(0, copy, 0, copy.length);
    return copy;
  }

  /** The bytes as upper-case hexadecimal, two digits per byte. */
  public final String hex() {
    checkAlive();
    if (size > (Integer.MAX_VALUE - 8) / 2) {
      throw new UnsupportedOperationException("buffer of " + size + " bytes is too large for a hex string");
    }
    char[] out = new char[(int) size * 2];
    try {
      for (int i = 0; i < size; i++) {
        int b = MemoryAccess.getByte(base, offset + i) & 0xFF;
        out[2 * i] = HEX[b >>> 4];
        out[2 * i + 1] = HEX[b & 0xF];
      }
    } finally {
      Reference.reachabilityFence(this);
    }
    return new String(out);
  }

  /** Whether both buffers hold the same bytes (size and content). */
  public final boolean contentEquals(Buffer other) {
    Objects.requireNonNull(other, "other");
    checkAlive();
    other.checkAlive();
    if (other.size != size) {
      return false;
    }
    try {
      long i = 0;
      for (; i + Long.BYTES <= size; i += Long.BYTES) {
        if (MemoryAccess.getLongLE(base, offset + i) != MemoryAccess.getLongLE(other.base, other.offset + i)) {
          return false;
        }
      }
      for (; i < size; i++) {
        if (MemoryAccess.getByte(base, offset + i) != MemoryAccess.getByte(other.base, other.offset + i)) {
          return false;
        }
      }
      return true;
    } finally {
      Reference.reachabilityFence(this);
      Reference.reachabilityFence(other);
    }
  }

  /** Equal by content, like {@link ByteBuffer#equals}: any two buffers with the same bytes. */
  @Override
  public final boolean equals(Object obj) {
    return obj == this || (obj instanceof Buffer && contentEquals((Buffer) obj));
  }

  /** Hash of the content; changes when a mutable buffer's bytes change. */
  @Override
  public final int hashCode() {
    checkAlive();
    try {
      long h = 1;
      long i = 0;
      for (; i + Long.BYTES <= size; i += Long.BYTES) {
        h = 31 * h + MemoryAccess.getLongLE(base, offset + i);
      }
      for (; i < size; i++) {
        h = 31 * h + MemoryAccess.getByte(base, offset + i);
      }
      return Long.hashCode(h);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(size=" + size + ", address=0x" + Long.toHexString(offset)
        + (base == null ? "" : " (heap)") + (isReleased() ? ", released" : "") + ")";
  }

  // ---------------------------------------------------------------- lifetime

  /**
   * Closes this buffer. On a root buffer from a pool the memory goes back to the pool at once and
   * every view of it becomes unusable; on a view only the view is closed. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (allocation != null) {
      allocation.release();
    } else if (closeReleasesState) {
      state.release(); // idempotent: a close racing this one on another thread gives back nothing more
    } else if (parent == null) {
      state.released = true;
    }
  }

  // ---------------------------------------------------------------- checks

  final void checkAlive() {
    if (closed || state.released) {
      throw new IllegalStateException("buffer was " + (closed ? "closed" : "released") + ": " + this);
    }
  }

  final void checkAccess(long index, long length) {
    checkAlive();
    Bounds.checkRange(index, length, size);
  }
}
