package io.sluice.io;

import static io.sluice.io.contract.TestData.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.Sluice;
import io.sluice.memory.Buffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The IO thread pool, its knobs, and download/upload running half on it. */
class IoThreadPoolTest {
  @AfterEach
  void restoreTheDefault() {
    Sluice.setIoThreadCount(IoThreadPool.DEFAULT_THREAD_COUNT);
  }

  @Test
  void threadCountDefaultsToEightAndCanBeChanged() {
    assertEquals(8, Sluice.ioThreadCount());
    Sluice.setIoThreadCount(3);
    assertEquals(3, Sluice.ioThreadCount());
    Sluice.setIoThreadCount(20);
    assertEquals(20, IoThreadPool.threadCount());
    assertEquals("IO thread count must be at least 1: 0",
        assertThrows(IllegalArgumentException.class, () -> Sluice.setIoThreadCount(0)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Sluice.setIoThreadCount(-5));
    assertEquals(20, Sluice.ioThreadCount(), "a refused value changes nothing");
  }

  @Test
  void poolThreadsAreNamedDaemons() throws Exception {
    Thread thread = IoThreadPool.executor().submit(Thread::currentThread).get(60, TimeUnit.SECONDS);
    assertTrue(thread.isDaemon());
    assertTrue(thread.getName().startsWith("sluice-io-"), thread.getName());
    assertFalse(IoThreadPool.isIoThread());
    assertTrue(IoThreadPool.executor().submit(IoThreadPool::isIoThread).get(60, TimeUnit.SECONDS));
  }

  @Test
  void readAsyncRunsOnThePool() throws Exception {
    Set<String> readers = ConcurrentHashMap.newKeySet();
    byte[] content = bytes(1000);
    try (NativeFile file = new BufferReader(Buffer.wrap(content)) {
      @Override
      protected Buffer readBufferAtImpl(long at, long nbytes) {
        readers.add(Thread.currentThread().getName());
        return super.readBufferAtImpl(at, nbytes);
      }
    }; Buffer got = file.readAsync(10, 20).get(60, TimeUnit.SECONDS)) {
      assertArrayEquals(java.util.Arrays.copyOfRange(content, 10, 30), got.toByteArray());
      assertEquals(1, readers.size());
      assertTrue(readers.iterator().next().startsWith("sluice-io-"), readers.toString());
    }
  }

  /** An input stream that remembers which threads read it. */
  private static final class WatchedInput extends InputStream {
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    private final ByteArrayInputStream in;

    WatchedInput(byte[] content) {
      in = new ByteArrayInputStream(content);
    }

    @Override
    public int read() {
      threads.add(Thread.currentThread().getName());
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
      threads.add(Thread.currentThread().getName());
      return in.read(b, off, len);
    }
  }

  /** An output stream that remembers which threads wrote to it, and can fail on the n-th write. */
  private static final class WatchedOutput extends OutputStream {
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final int failOnWrite;
    private int writes;

    WatchedOutput(int failOnWrite) {
      this.failOnWrite = failOnWrite;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      threads.add(Thread.currentThread().getName());
      if (++writes == failOnWrite) {
        throw new IOException("disk full at write " + writes);
      }
      bytes.write(b, off, len);
    }
  }

  @Test
  void downloadReadsOnThePoolAndWritesOnTheCaller() throws IOException {
    byte[] content = bytes(1_000_003);
    WatchedInput source = new WatchedInput(content);
    WatchedOutput sink = new WatchedOutput(0);
    try (JavaFile file = new JavaFile(source)) {
      assertEquals(content.length, file.download(sink));
      assertEquals(content.length, file.tell());
    }
    assertArrayEquals(content, sink.bytes.toByteArray());
    assertEquals(Set.of(Thread.currentThread().getName()), sink.threads);
    assertEquals(1, source.threads.size());
    assertTrue(source.threads.iterator().next().startsWith("sluice-io-"), source.threads.toString());
  }

  @Test
  void uploadReadsOnTheCallerAndWritesOnThePool() throws IOException {
    byte[] content = bytes(700_001);
    WatchedInput source = new WatchedInput(content);
    WatchedOutput sink = new WatchedOutput(0);
    try (JavaFile file = new JavaFile(sink)) {
      assertEquals(content.length, file.upload(source));
      assertEquals(content.length, file.tell());
    }
    assertArrayEquals(content, sink.bytes.toByteArray());
    assertEquals(Set.of(Thread.currentThread().getName()), source.threads);
    assertEquals(1, sink.threads.size());
    assertTrue(sink.threads.iterator().next().startsWith("sluice-io-"), sink.threads.toString());
  }

  @Test
  void aFailureOnEitherSideIsThrownAsItIs() throws IOException {
    byte[] content = bytes(1_000_000);
    try (JavaFile file = new JavaFile(new ByteArrayInputStream(content))) {
      IOException e = assertThrows(IOException.class, () -> file.download(new WatchedOutput(3)));
      assertEquals("disk full at write 3", e.getMessage());
    }
    try (JavaFile file = new JavaFile(new WatchedOutput(2))) {
      IOException e = assertThrows(IOException.class, () -> file.upload(new ByteArrayInputStream(content)));
      assertEquals("disk full at write 2", e.getMessage());
    }
    InputStream broken = new InputStream() {
      private int calls;

      @Override
      public int read() throws IOException {
        throw new IOException("source broke");
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (++calls > 2) {
          throw new IOException("source broke at call " + calls);
        }
        java.util.Arrays.fill(b, off, off + len, (byte) 1);
        return len;
      }
    };
    try (JavaFile file = new JavaFile(new ByteArrayOutputStream())) {
      IOException e = assertThrows(IOException.class, () -> file.upload(broken));
      assertEquals("source broke at call 3", e.getMessage());
    }
  }

  /** A download called on the pool itself with one thread would wait for itself: it copies on its own thread. */
  @Test
  void downloadFromInsideThePoolDoesNotDeadlock() throws Exception {
    Sluice.setIoThreadCount(1);
    byte[] content = bytes(300_000);
    WatchedOutput sink = new WatchedOutput(0);
    long copied = IoThreadPool.executor().submit(() -> {
      try (JavaFile file = new JavaFile(new ByteArrayInputStream(content))) {
        return file.download(sink);
      }
    }).get(60, TimeUnit.SECONDS);
    assertEquals(content.length, copied);
    assertArrayEquals(content, sink.bytes.toByteArray());
  }

  @Test
  void readRangesAsyncFromInsideThePoolDoesNotDeadlock() throws Exception {
    Sluice.setIoThreadCount(1);
    byte[] content = bytes(100_000);
    try (BufferReader file = new BufferReader(Buffer.wrap(content))) {
      // The futures complete on the pool; the task only collects them, so nothing waits inside it.
      List<java.util.concurrent.CompletableFuture<Buffer>> futures =
          IoThreadPool.executor().submit(() -> file.readRangesAsync(List.of(Range.of(0, 5), Range.of(90_000, 5)),
              CacheOptions.DEFAULT)).get(60, TimeUnit.SECONDS);
      try (Buffer a = futures.get(0).get(60, TimeUnit.SECONDS); Buffer b = futures.get(1).get(60, TimeUnit.SECONDS)) {
        assertArrayEquals(java.util.Arrays.copyOf(content, 5), a.toByteArray());
        assertArrayEquals(java.util.Arrays.copyOfRange(content, 90_000, 90_005), b.toByteArray());
      }
    }
  }
}
