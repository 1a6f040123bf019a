package io.sluice.memory;

import java.lang.ref.Cleaner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code "arena"} backend: a size-class allocator for small and medium buffers, in the spirit
 * of jemalloc and Netty's pooled arenas, much simpler.
 *
 * <ul>
 *   <li>Requests up to 1 MiB are rounded up to a power of two (64 B .. 1 MiB, 15 classes) and served
 *       from chunks of several blocks obtained with one {@code malloc}.</li>
 *   <li>Requests above 1 MiB and up to 1 GiB are rounded up to a power of two too, one
 *       {@code malloc} each, and freed blocks are kept for reuse up to a budget (512 MiB by
 *       default, {@code -Dsluice.memory.arena.largeCacheBytes}). A large block the OS has already
 *       paged in costs nothing to reuse, while fresh memory pays a page fault per 4 KiB on first
 *       touch: that, not malloc, dominates the cost of growing big buffers. Larger requests go
 *       straight to the system. A large block that grows (or shrinks) and finds no cached block
 *       of its new size is resized in place ({@code realloc}/{@code mremap}), not copied.</li>
 *   <li>Each thread keeps a small stack of free blocks per class, so the common allocate/free pair
 *       takes no lock at all. A full thread stack spills half of itself to the class's shared
 *       stack; an empty one refills from it (or from a new chunk) under the class's lock.</li>
 *   <li>When a thread dies, its cached blocks go back to the shared stacks (a {@link Cleaner} on the
 *       thread's cache), so no memory is stranded.</li>
 *   <li>{@link #releaseUnused()} returns every chunk whose blocks are all free to the system.</li>
 * </ul>
 *
 * <p>Accounting is by the requested capacity (a multiple of 64), not the block size: the pool's
 * statistics say what users asked for, {@link #stats()} also says what the arena holds.
 */
final class ArenaMemoryPool extends MemoryPool {
  static final String NAME = "arena";
  static final ArenaMemoryPool INSTANCE = new ArenaMemoryPool();

  private static final int MIN_SHIFT = 6;
  private static final int MAX_SHIFT = 20;
  private static final long MAX_BLOCK = 1L << MAX_SHIFT;
  private static final int CLASS_COUNT = MAX_SHIFT - MIN_SHIFT + 1;
  private static final int MAX_LARGE_SHIFT = 30;
  private static final long MAX_LARGE_BLOCK = 1L << MAX_LARGE_SHIFT;
  private static final long DEFAULT_LARGE_CACHE_BYTES = 512L << 20;
  private static final Cleaner CACHE_CLEANER = Cleaner.create();

  private final SizeClass[] classes = new SizeClass[CLASS_COUNT];
  private final ThreadLocal<ThreadCache> caches = ThreadLocal.withInitial(this::newThreadCache);
  private final LargeBlockCache largeBlocks =
      new LargeBlockCache(Long.getLong("sluice.memory.arena.largeCacheBytes", DEFAULT_LARGE_CACHE_BYTES));

  private ArenaMemoryPool() {
    for (int c = 0; c < CLASS_COUNT; c++) {
      classes[c] = new SizeClass(1L << (c + MIN_SHIFT));
    }
  }

  @Override
  public String backendName() {
    return NAME;
  }

  @Override
  long doAllocate(long capacity) {
    long address = take(capacity);
    MemoryTracker.allocated(address, capacity);
    return address;
  }

  @Override
  long doReallocate(long address, long oldCapacity, long newCapacity) {
    long newAddress;
    if (newCapacity <= MAX_LARGE_BLOCK && blockSize(oldCapacity) == blockSize(newCapacity)) {
      newAddress = address; // the block already has room: nothing moves
    } else if (oldCapacity > MAX_BLOCK && newCapacity > MAX_BLOCK) {
      newAddress = moveLarge(address, oldCapacity, newCapacity);
    } else {
      newAddress = take(newCapacity);
      MemoryAccess.copy(null, address, null, newAddress, Math.min(oldCapacity, newCapacity));
      giveBack(address, oldCapacity);
    }
    MemoryTracker.reallocated(address, newAddress, oldCapacity, newCapacity);
    return newAddress;
  }

  /**
   * A large block to another large size. A cached block of the new size is already paged in, so
   * copying into it is the cheapest move (and the old block goes back to the cache). Without one,
   * the block is resized in place ({@code realloc}, an {@code mremap} for blocks this size): no
   * copy, and the pages it already holds stay touched; only the growth is fresh memory, which a
   * newly allocated block would have been too.
   */
  private long moveLarge(long address, long oldCapacity, long newCapacity) {
    long newBlock = blockSize(newCapacity);
    long cached = newCapacity <= MAX_LARGE_BLOCK ? largeBlocks.takeCached(newBlock) : 0;
    if (cached != 0) {
      MemoryAccess.copy(null, address, null, cached, Math.min(oldCapacity, newCapacity));
      giveBack(address, oldCapacity);
      return cached;
    }
    return NativeMemory.reallocate(address, Math.min(oldCapacity, newCapacity), newBlock);
  }

  @Override
  void doFree(long address, long capacity) {
    giveBack(address, capacity);
    MemoryTracker.freed(address, capacity);
  }

  @Override
  void doReleaseDeferred(long address, long capacity) {
    MemoryTracker.releasedDeferred(address, capacity);
  }

  /** Runs on the cleaner thread: small blocks go to the shared stack, not that thread's cache. */
  @Override
  void doFreeDeferred(long address, long capacity) {
    if (capacity <= MAX_BLOCK) {
      classes[classOf(capacity)].give(new long[] {address}, 0, 1);
    } else {
      giveBack(address, capacity);
    }
    MemoryTracker.deferredFreed(capacity);
  }

  private long take(long capacity) {
    if (capacity <= MAX_BLOCK) {
      return caches.get().pop(classOf(capacity));
    }
    return capacity <= MAX_LARGE_BLOCK ? largeBlocks.take(blockSize(capacity)) : NativeMemory.allocate(capacity);
  }

  private void giveBack(long address, long capacity) {
    if (capacity <= MAX_BLOCK) {
      caches.get().push(classOf(capacity), address);
    } else if (capacity <= MAX_LARGE_BLOCK) {
      largeBlocks.give(address, blockSize(capacity));
    } else {
      NativeMemory.free(address);
    }
  }

  /** Size class of a capacity in (0, MAX_BLOCK]: 0 for 64 B, 1 for 128 B, ... */
  private static int classOf(long capacity) {
    int shift = 64 - Long.numberOfLeadingZeros(capacity - 1);
    return Math.max(shift, MIN_SHIFT) - MIN_SHIFT;
  }

  /** Bytes of the block that serves a capacity: the power of two at or above it (capacity itself past 1 GiB). */
  private static long blockSize(long capacity) {
    return capacity > MAX_LARGE_BLOCK ? capacity : 1L << (classOf(capacity) + MIN_SHIFT);
  }

  /** Gives the calling thread's cached blocks back, then frees every chunk that is entirely unused. */
  @Override
  public void releaseUnused() {
    caches.get().stacks.run();
    for (SizeClass sizeClass : classes) {
      sizeClass.releaseFreeChunks();
    }
    largeBlocks.releaseAll();
  }

  @Override
  public String stats() {
    long held = 0;
    long free = 0;
    for (SizeClass sizeClass : classes) {
      held += sizeClass.heldBytes();
      free += sizeClass.sharedFreeBytes();
    }
    return super.stats() + " arena: " + held + " bytes in chunks, " + free
        + " bytes free in shared stacks (more may sit in per-thread caches), " + largeBlocks.cachedBytes()
        + " bytes in cached large blocks";
  }

  private ThreadCache newThreadCache() {
    ThreadCache cache = new ThreadCache(new CacheStacks(classes));
    CACHE_CLEANER.register(cache, cache.stacks);
    return cache;
  }

  /** A thread's private free blocks. Only the cleaner references {@link #stacks} once the thread died. */
  private static final class ThreadCache {
    final CacheStacks stacks;

    ThreadCache(CacheStacks stacks) {
      this.stacks = stacks;
    }

    long pop(int c) {
      CacheStacks s = stacks;
      int count = s.counts[c];
      if (count == 0) {
        count = s.classes[c].take(s.entries[c], s.entries[c].length / 2);
      }
      s.counts[c] = count - 1;
      return s.entries[c][count - 1];
    }

    void push(int c, long address) {
      CacheStacks s = stacks;
      long[] entries = s.entries[c];
      int count = s.counts[c];
      if (count == entries.length) {
        int keep = entries.length / 2;
        s.classes[c].give(entries, keep, count - keep);
        count = keep;
      }
      entries[count] = address;
      s.counts[c] = count + 1;
    }
  }

  /** The arrays behind a {@link ThreadCache}; running it returns every cached block to the shared stacks. */
  private static final class CacheStacks implements Runnable {
    final SizeClass[] classes;
    final long[][] entries;
    final int[] counts;

    CacheStacks(SizeClass[] classes) {
      this.classes = classes;
      this.entries = new long[classes.length][];
      this.counts = new int[classes.length];
      for (int c = 0; c < classes.length; c++) {
        entries[c] = new long[classes[c].threadCacheCapacity];
      }
    }

    @Override
    public void run() {
      for (int c = 0; c < classes.length; c++) {
        classes[c].give(entries[c], 0, counts[c]);
        counts[c] = 0;
      }
    }
  }

  /** The shared state of one block size: its chunks and the free blocks no thread caches. */
  private static final class SizeClass {
    final long blockSize;
    final long chunkSize;
    final int blocksPerChunk;
    final int threadCacheCapacity;
    private final List<Long> chunks = new ArrayList<>();
    private long[] free = new long[64];
    private int freeCount;

    SizeClass(long blockSize) {
      this.blockSize = blockSize;
      // Chunks of 32 blocks, at least 64 KiB and at most 8 MiB: small classes amortise malloc over
      // many blocks, large ones do not hold much memory hostage.
      this.chunkSize = Math.min(Math.max(blockSize * 32, 64 * 1024), 8 * 1024 * 1024);
      this.blocksPerChunk = (int) (chunkSize / blockSize);
      // Up to 256 KiB per class per thread, between 4 and 256 blocks.
      this.threadCacheCapacity = (int) Math.max(4, Math.min(256, 256 * 1024 / blockSize));
    }

    /** Moves up to {@code max} (at least one) free blocks into {@code dst}; returns how many. */
    synchronized int take(long[] dst, int max) {
      if (freeCount == 0) {
        carveChunk();
      }
      int n = Math.max(1, Math.min(max, freeCount));
      freeCount -= n;
      System.arraycopy(free, freeCount, dst, 0, n);
      return n;
    }

    synchronized void give(long[] src, int from, int n) {
      if (freeCount + n > free.length) {
        free = Arrays.copyOf(free, Math.max(free.length * 2, freeCount + n));
      }
      System.arraycopy(src, from, free, freeCount, n);
      freeCount += n;
    }

    private void carveChunk() {
      long base = NativeMemory.allocate(chunkSize);
      chunks.add(base);
      if (freeCount + blocksPerChunk > free.length) {
        free = Arrays.copyOf(free, Math.max(free.length * 2, freeCount + blocksPerChunk));
      }
      // Highest address first, so blocks are handed out in ascending address order.
      for (int i = blocksPerChunk - 1; i >= 0; i--) {
        free[freeCount++] = base + i * blockSize;
      }
    }

    synchronized void releaseFreeChunks() {
      if (chunks.isEmpty()) {
        return;
      }
      Arrays.sort(free, 0, freeCount);
      long[] kept = new long[Math.max(64, freeCount)];
      int keptCount = 0;
      List<Long> keptChunks = new ArrayList<>();
      int i = 0;
      chunks.sort(null);
      for (long base : chunks) {
        while (i < freeCount && free[i] < base) {
          kept[keptCount++] = free[i++];
        }
        int start = i;
        while (i < freeCount && free[i] < base + chunkSize) {
          i++;
        }
        if (i - start == blocksPerChunk) {
          NativeMemory.free(base);
        } else {
          System.arraycopy(free, start, kept, keptCount, i - start);
          keptCount += i - start;
          keptChunks.add(base);
        }
      }
      while (i < freeCount) {
        kept[keptCount++] = free[i++];
      }
      free = kept;
      freeCount = keptCount;
      chunks.clear();
      chunks.addAll(keptChunks);
    }

    synchronized long heldBytes() {
      return chunks.size() * chunkSize;
    }

    synchronized long sharedFreeBytes() {
      return freeCount * blockSize;
    }
  }

  /**
   * Freed blocks of 2 MiB .. 1 GiB (powers of two), kept for reuse while their total stays within a
   * budget; past it they go back to the system at once.
   */
  private static final class LargeBlockCache {
    private final long budget;
    private final Map<Long, ArrayDeque<Long>> free = new HashMap<>();
    private long cachedBytes;

    LargeBlockCache(long budget) {
      this.budget = Math.max(0, budget);
    }

    long take(long blockSize) {
      long cached = takeCached(blockSize);
      return cached != 0 ? cached : NativeMemory.allocate(blockSize);
    }

    /** A cached block of exactly this size, or 0 if there is none. */
    synchronized long takeCached(long blockSize) {
      ArrayDeque<Long> blocks = free.get(blockSize);
      if (blocks != null && !blocks.isEmpty()) {
        cachedBytes -= blockSize;
        return blocks.pop();
      }
      return 0;
    }

    void give(long address, long blockSize) {
      synchronized (this) {
        if (cachedBytes + blockSize <= budget) {
          free.computeIfAbsent(blockSize, size -> new ArrayDeque<>()).push(address);
          cachedBytes += blockSize;
          return;
        }
      }
      NativeMemory.free(address);
    }

    void releaseAll() {
      List<Long> addresses = new ArrayList<>();
      synchronized (this) {
        free.values().forEach(addresses::addAll);
        free.clear();
        cachedBytes = 0;
      }
      addresses.forEach(NativeMemory::free);
    }

    synchronized long cachedBytes() {
      return cachedBytes;
    }
  }
}
