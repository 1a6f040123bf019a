package io.sluice.local;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;

/**
 * Unmaps a {@link MappedByteBuffer} now instead of when the garbage collector finds it, through
 * {@code sun.misc.Unsafe.invokeCleaner} (module {@code jdk.unsupported}; the JDK offers nothing
 * else before the FFM API). The JDK's own cleaner runs only once, so a later collection of the
 * buffer does not unmap again. Where the method is missing, mappings are left to the collector,
 * as before.
 *
 * <p>The caller must guarantee that nothing reads the mapping any more: afterwards any access
 * would touch unmapped memory.
 */
final class Unmapper {
  private static final MethodHandle INVOKE_CLEANER = find();

  private Unmapper() {}

  static void unmap(MappedByteBuffer mapping) {
    if (INVOKE_CLEANER == null || mapping.capacity() == 0) {
      return;
    }
    try {
      INVOKE_CLEANER.invokeExact((ByteBuffer) mapping);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("cannot unmap a mapped region", t);
    }
  }

  /** Whether regions are unmapped early on this JVM (false: only by garbage collection). */
  static boolean available() {
    return INVOKE_CLEANER != null;
  }

  private static MethodHandle find() {
    try {
      Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
      Field field = unsafeClass.getDeclaredField("theUnsafe");
      field.setAccessible(true);
      Object unsafe = field.get(null);
      return MethodHandles.lookup()
          .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
          .bindTo(unsafe);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }
}
