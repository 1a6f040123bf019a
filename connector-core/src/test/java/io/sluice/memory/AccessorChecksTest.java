package io.sluice.memory;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every accessor of {@link Buffer} and {@link MutableBuffer}, twice: once out of range (must throw
 * {@link IndexOutOfBoundsException} naming index, length and size) and once after the memory was
 * released (must throw {@link IllegalStateException}). Runs over heap, direct and pool buffers.
 */
class AccessorChecksTest {
  private static final int SIZE = 16;

  /** Accessors called just past the end of a buffer of {@link #SIZE} bytes. */
  private static Map<String, Consumer<MutableBuffer>> outOfRange() {
    Map<String, Consumer<MutableBuffer>> calls = new LinkedHashMap<>();
    calls.put("getByte", b -> b.getByte(SIZE));
    calls.put("getByte(-1)", b -> b.getByte(-1));
    calls.put("getShort", b -> b.getShort(SIZE - 1));
    calls.put("getInt", b -> b.getInt(SIZE - 3));
    calls.put("getLong", b -> b.getLong(SIZE - 7));
    calls.put("getLong(-1)", b -> b.getLong(-1));
    calls.put("getBytes(byte[])", b -> b.getBytes(SIZE - 2, new byte[4], 0, 4));
    calls.put("getBytes(ByteBuffer)", b -> b.getBytes(SIZE - 2, ByteBuffer.allocate(4)));
    calls.put("slice(offset)", b -> b.slice(SIZE + 1));
    calls.put("slice(offset,length)", b -> b.slice(SIZE - 2, 4));
    calls.put("setByte", b -> b.setByte(SIZE, (byte) 1));
    calls.put("setShort", b -> b.setShort(SIZE - 1, (short) 1));
    calls.put("setInt", b -> b.setInt(SIZE - 3, 1));
    calls.put("setLong", b -> b.setLong(SIZE - 7, 1));
    calls.put("setBytes(byte[])", b -> b.setBytes(SIZE - 2, new byte[4]));
    calls.put("setBytes(byte[],off,len)", b -> b.setBytes(SIZE - 2, new byte[8], 2, 4));
    calls.put("setBytes(Buffer)", b -> b.setBytes(SIZE - 2, Buffer.wrap(new byte[4])));
    calls.put("setBytes(Buffer,srcIndex,len)", b -> b.setBytes(0, Buffer.wrap(new byte[4]), 2, 4));
    calls.put("setBytes(ByteBuffer)", b -> b.setBytes(SIZE - 2, ByteBuffer.allocate(4)));
    calls.put("fill(index,length)", b -> b.fill(SIZE - 2, 4, (byte) 0));
    return calls;
  }

  /** Every accessor, called with valid arguments. */
  private static Map<String, Consumer<MutableBuffer>> everyAccessor() {
    Map<String, Consumer<MutableBuffer>> calls = new LinkedHashMap<>();
    calls.put("getByte", b -> b.getByte(0));
    calls.put("getShort", b -> b.getShort(0));
    calls.put("getInt", b -> b.getInt(0));
    calls.put("getLong", b -> b.getLong(0));
    calls.put("getBytes(byte[])", b -> b.getBytes(0, new byte[4], 0, 4));
    calls.put("getBytes(ByteBuffer)", b -> b.getBytes(0, ByteBuffer.allocate(4)));
    calls.put("toByteArray", Buffer::toByteArray);
    calls.put("hex", Buffer::hex);
    calls.put("hashCode", Buffer::hashCode);
    calls.put("contentEquals", b -> b.contentEquals(Buffer.wrap(new byte[SIZE])));
    calls.put("equals", b -> b.equals(Buffer.wrap(new byte[SIZE])));
    calls.put("slice(offset)", b -> b.slice(1));
    calls.put("slice(offset,length)", b -> b.slice(1, 2));
    calls.put("asByteBuffer", Buffer::asByteBuffer);
    calls.put("asByteBuffers", Buffer::asByteBuffers);
    calls.put("setByte", b -> b.setByte(0, (byte) 1));
    calls.put("setShort", b -> b.setShort(0, (short) 1));
    calls.put("setInt", b -> b.setInt(0, 1));
    calls.put("setLong", b -> b.setLong(0, 1));
    calls.put("setBytes(byte[])", b -> b.setBytes(0, new byte[4]));
    calls.put("setBytes(Buffer)", b -> b.setBytes(0, Buffer.wrap(new byte[4])));
    calls.put("setBytes(ByteBuffer)", b -> b.setBytes(0, ByteBuffer.allocate(4)));
    calls.put("fill", b -> b.fill((byte) 0));
    return calls;
  }

  private enum Kind {
    HEAP, DIRECT, ARENA_POOL, SYSTEM_POOL, POOL_SLICE;

    MutableBuffer create() {
      switch (this) {
        case HEAP:
          return MutableBuffer.wrap(new byte[SIZE]);
        case DIRECT:
          return (MutableBuffer) Buffer.wrap(ByteBuffer.allocateDirect(SIZE));
        case ARENA_POOL:
          return MemoryPools.forBackend("arena").allocate(SIZE);
        case SYSTEM_POOL:
          return MemoryPools.systemPool().allocate(SIZE);
        default:
          throw new AssertionError(this);
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> outOfRangeAccessThrowsIndexOutOfBounds() {
    return Stream.of(Kind.values()).filter(k -> k != Kind.POOL_SLICE).flatMap(kind ->
        outOfRange().entrySet().stream().map(call -> DynamicTest.dynamicTest(kind + " " + call.getKey(), () -> {
          try (MutableBuffer buffer = kind.create()) {
            IndexOutOfBoundsException e =
                assertThrows(IndexOutOfBoundsException.class, () -> call.getValue().accept(buffer));
            assertTrue(e.getMessage().contains("length") && e.getMessage().contains("bounds"), e.getMessage());
          }
        })));
  }

  @TestFactory
  Stream<DynamicTest> accessAfterReleaseThrowsIllegalState() {
    return Stream.of(Kind.values()).flatMap(kind ->
        everyAccessor().entrySet().stream().map(call -> DynamicTest.dynamicTest(kind + " " + call.getKey(), () -> {
          MutableBuffer buffer;
          if (kind == Kind.POOL_SLICE) {
            MutableBuffer root = MemoryPools.defaultPool().allocate(SIZE * 2);
            buffer = root.slice(0, SIZE);
            root.close();
          } else {
            buffer = kind.create();
            call.getValue().accept(buffer); // works while alive
            buffer.close();
          }
          MutableBuffer released = buffer;
          IllegalStateException e =
              assertThrows(IllegalStateException.class, () -> call.getValue().accept(released));
          assertTrue(e.getMessage().contains("closed") || e.getMessage().contains("released"), e.getMessage());
        })));
  }
}
