package io.sluice.memory;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What {@link java.nio.ByteBuffer} does not expose publicly but zero-copy needs: the native address
 * of a direct buffer, the array behind a read-only heap buffer, and direct buffers over memory that
 * Sluice owns (Java offers only JNI's {@code NewDirectByteBuffer} for that).
 *
 * <p>A view is made by duplicating a template direct buffer and overwriting its address, capacity
 * and limit; its attachment field is pointed at the owning Sluice buffer, so the memory stays alive
 * while the view is reachable. The field lookups happen lazily and a probe checks the result once;
 * when any of it fails (a future JDK), views throw {@link UnsupportedOperationException} naming
 * the reason and everything else keeps working.
 */
final class ByteBufferAccess {
  private ByteBufferAccess() {}

  static long directAddress(ByteBuffer direct) {
    return MemoryAccess.getLongField(direct, Fields.get().address);
  }

  static byte[] heapArray(ByteBuffer heap) {
    return (byte[]) MemoryAccess.getObject(heap, Fields.get().heapArray);
  }

  static int heapArrayOffset(ByteBuffer heap) {
    return MemoryAccess.getIntField(heap, Fields.get().heapOffset);
  }

  /**
   * A direct buffer over {@code [address, address + length)}, little-endian, position 0, that keeps
   * {@code attachment} reachable.
   */
  static ByteBuffer directView(long address, int length, boolean readOnly, Object attachment) {
    Fields fields = Fields.get();
    ByteBuffer view = (readOnly ? fields.readOnlyTemplate : fields.writableTemplate).duplicate();
    MemoryAccess.putLongField(view, fields.address, address);
    MemoryAccess.putIntField(view, fields.capacity, length);
    MemoryAccess.putIntField(view, fields.limit, length);
    MemoryAccess.putObject(view, fields.attachment, attachment);
    return view.order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Field offsets, resolved and verified once on first use. */
  private static final class Fields {
    private static final Fields INSTANCE;
    private static final Throwable FAILURE;

    static {
      Fields fields = null;
      Throwable failure = null;
      try {
        fields = new Fields();
        fields.verify();
      } catch (Throwable t) {
        fields = null;
        failure = t;
      }
      INSTANCE = fields;
      FAILURE = failure;
    }

    final long address;
    final long capacity;
    final long limit;
    final long attachment;
    final long heapArray;
    final long heapOffset;
    final ByteBuffer writableTemplate = ByteBuffer.allocateDirect(1);
    final ByteBuffer readOnlyTemplate = writableTemplate.asReadOnlyBuffer();

    private Fields() throws ReflectiveOperationException {
      address = MemoryAccess.objectFieldOffset(java.nio.Buffer.class.getDeclaredField("address"));
      capacity = MemoryAccess.objectFieldOffset(java.nio.Buffer.class.getDeclaredField("capacity"));
      limit = MemoryAccess.objectFieldOffset(java.nio.Buffer.class.getDeclaredField("limit"));
      Field att = Class.forName("java.nio.DirectByteBuffer").getDeclaredField("att");
      attachment = MemoryAccess.objectFieldOffset(att);
      heapArray = MemoryAccess.objectFieldOffset(ByteBuffer.class.getDeclaredField("hb"));
      heapOffset = MemoryAccess.objectFieldOffset(ByteBuffer.class.getDeclaredField("offset"));
    }

    /** Proves the offsets mean what we think before anyone relies on them. */
    private void verify() {
      ByteBuffer probe = ByteBuffer.allocateDirect(16);
      probe.putLong(0, 0x0102030405060708L);
      long probeAddress = MemoryAccess.getLongField(probe, address);
      ByteBuffer view = writableTemplateDuplicate(probeAddress + 4, 4, probe);
      if (view.capacity() != 4 || view.limit() != 4 || view.get(0) != 0x05 || view.get(3) != 0x08) {
        throw new IllegalStateException("direct ByteBuffer layout differs from what Sluice expects");
      }
      byte[] array = {1, 2, 3};
      ByteBuffer readOnlyHeap = ByteBuffer.wrap(array, 1, 2).slice().asReadOnlyBuffer();
      if (MemoryAccess.getObject(readOnlyHeap, heapArray) != array
          || MemoryAccess.getIntField(readOnlyHeap, heapOffset) != 1) {
        throw new IllegalStateException("heap ByteBuffer layout differs from what Sluice expects");
      }
    }

    private ByteBuffer writableTemplateDuplicate(long at, int length, Object keepAlive) {
      ByteBuffer view = writableTemplate.duplicate();
      MemoryAccess.putLongField(view, address, at);
      MemoryAccess.putIntField(view, capacity, length);
      MemoryAccess.putIntField(view, limit, length);
      MemoryAccess.putObject(view, attachment, keepAlive);
      return view;
    }

    static Fields get() {
      if (INSTANCE == null) {
        throw new UnsupportedOperationException(
            "zero-copy ByteBuffer access is not available on this JVM: " + FAILURE, FAILURE);
      }
      return INSTANCE;
    }
  }
}
