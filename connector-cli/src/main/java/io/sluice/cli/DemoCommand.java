package io.sluice.cli;

import io.sluice.memory.Buffer;
import io.sluice.memory.MemoryPool;
import io.sluice.memory.MemoryPools;
import io.sluice.memory.MutableBuffer;
import io.sluice.memory.ResizableBuffer;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code sluice demo}: a tour printed as it happens: the memory layer (pools, zero-copy views,
 * accounting back to zero), then {@link HdfsTour} (an embedded HDFS, files in several codecs copied
 * in and back with transcoding, reads by zero-copy, short-circuit and remote paths). Exits 0 only
 * when every byte came back intact and no pool memory is left in use.
 */
@Command(name = "demo", description = "Show Sluice at work on this machine, with no setup.")
final class DemoCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = "--skip-hdfs", description = "Only the memory part (no embedded HDFS).")
  boolean skipHdfs;

  @Override
  public Integer call() throws java.io.IOException {
    PrintWriter out = spec.commandLine().getOut();
    out.println("Sluice demo");
    out.println("===========");
    out.printf("memory backends: %s (default: %s)%n", MemoryPools.supportedBackends(),
        MemoryPools.defaultPool().backendName());
    for (String backend : MemoryPools.supportedBackends()) {
      demoBackend(out, MemoryPools.proxy(MemoryPools.forBackend(backend)));
    }
    byte[] text = "zero-copy: this array is viewed, not copied".getBytes(StandardCharsets.UTF_8);
    Buffer wrapped = Buffer.wrap(text);
    Buffer word = wrapped.slice(0, 9);
    text[0] = 'Z';
    out.printf("wrap(byte[]) + slice(0, 9) = \"%s\" after changing the array (hex %s)%n",
        new String(word.toByteArray(), StandardCharsets.UTF_8), word.hex());
    boolean intact = skipHdfs || new HdfsTour(out).run();
    out.printf("%nJVM-wide Sluice pool memory now: %d bytes%n",
        MemoryPools.memoryBean().getOutstandingBytes());
    out.flush();
    return intact && MemoryPools.memoryBean().getOutstandingBytes() == 0 ? 0 : 1;
  }

  private static void demoBackend(PrintWriter out, MemoryPool pool) {
    long start = System.nanoTime();
    int count = 100_000;
    for (int i = 0; i < count; i++) {
      try (MutableBuffer buffer = pool.allocate(64 + (i % 16) * 64)) {
        buffer.setLong(0, i);
      }
    }
    double nanosPerPair = (System.nanoTime() - start) / (double) count;
    try (ResizableBuffer growing = pool.allocateResizable(1000)) {
      growing.fill((byte) 7);
      growing.resize(1 << 20);
      out.printf("  %-6s %,d allocate+free pairs, %.0f ns each; resizable 1000 B -> 1 MiB keeps its bytes: %s;"
              + " in use %,d B, peak %,d B%n",
          pool.backendName(), count, nanosPerPair, growing.getByte(999) == 7, pool.bytesAllocated(),
          pool.maxMemory());
    }
    out.printf("  %-6s after close: %d bytes in use, %d allocations made%n", pool.backendName(),
        pool.bytesAllocated(), pool.numAllocations());
  }
}
