package io.sluice.cli;

import io.sluice.compress.Codec;
import io.sluice.io.CompressedInputStream;
import io.sluice.io.NativeFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice tail [-n N | -c N] [-f] PATH}: the end of a file (decompressed by its extension
 * unless {@code --raw}); with {@code -f} it keeps printing what another writer adds (appends on a
 * local disk, {@code hflush}ed bytes on HDFS) until interrupted.
 */
@Command(name = "tail", description = {"Print the last lines (-n) or bytes (-c) of a file, decompressed.",
    "-f keeps printing what is appended (on HDFS: what the writer hflushed) until Ctrl-C; not for compressed files."})
final class TailCommand implements Callable<Integer> {
  /** How far back one positional read reaches while looking for line starts. */
  private static final int CHUNK = 64 * 1024;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand
  SluiceCli parent;

  @CommandLine.Mixin
  CommonOptions.Help help;

  @CommandLine.Mixin
  CommonOptions.MaxRatio maxRatio;

  @Parameters(index = "0", paramLabel = "PATH", description = "Path or URI.")
  String path;

  @CommandLine.ArgGroup(exclusive = true)
  Limit limit = new Limit();

  static final class Limit {
    @Option(names = "-n", paramLabel = "LINES", description = "Number of lines (default: 10).")
    Long lines;

    @Option(names = "-c", paramLabel = "BYTES", description = "Number of bytes.")
    Long bytes;
  }

  @Option(names = {"-f", "--follow"}, description = "Keep printing appended data until interrupted.")
  boolean follow;

  @Option(names = "--interval", defaultValue = "1000", paramLabel = "MILLIS",
      description = "With -f: how often to look for new data, in milliseconds.")
  long intervalMillis;

  @Option(names = "--raw", description = "Do not decompress.")
  boolean raw;

  @Override
  public Integer call() throws IOException {
    long lines = limit.lines == null ? 10 : limit.lines;
    if (lines < 0) {
      throw CliException.usage("-n must be >= 0: " + lines);
    }
    if (limit.bytes != null && limit.bytes < 0) {
      throw CliException.usage("-c must be >= 0: " + limit.bytes);
    }
    if (intervalMillis < 1) {
      throw CliException.usage("--interval must be >= 1: " + intervalMillis);
    }
    try (Locations resolver = new Locations()) {
      Location location = resolver.locate(path);
      if (location.info().isDirectory()) {
        throw CliException.wrongType(path, "is a directory (a file was expected)");
      }
      if (!location.info().exists()) {
        throw CliException.notFound(path);
      }
      Optional<String> codec = raw ? Optional.empty() : Codec.detect(location.path());
      OutputStream out = parent.bytesOut();
      if (codec.isPresent()) {
        if (follow) {
          throw CliException.usage(path + ": -f cannot follow a compressed file (" + codec.get()
              + "); use --raw to follow its stored bytes");
        }
        tailCompressed(location, codec.get(), lines, out);
        return 0;
      }
      long end = tailPlain(location, lines, out);
      if (follow) {
        follow(location, end, out);
      }
    }
    return 0;
  }

  /** Prints the tail of an uncompressed file by reading backwards from its end; returns the end offset. */
  private long tailPlain(Location location, long lines, OutputStream out) {
    try (NativeFile file = location.fs().openInputFile(location.path())) {
      long size = file.size();
      long start;
      if (limit.bytes != null) {
        start = Math.max(0, size - limit.bytes);
      } else {
        start = startOfLastLines(file, size, lines);
      }
      copyRange(file, start, size, out);
      return size;
    } catch (IOException | RuntimeException e) {
      throw CliErrors.at(location.given(), e);
    }
  }

  /** The offset where the last {@code lines} lines begin (a final newline ends the last line, it starts none). */
  private static long startOfLastLines(NativeFile file, long size, long lines) throws IOException {
    if (lines == 0) {
      return size;
    }
    long newlines = 0;
    long position = size;
    boolean first = true;
    while (position > 0) {
      int length = (int) Math.min(CHUNK, position);
      position -= length;
      byte[] chunk = file.readAt(position, length);
      for (int i = chunk.length - 1; i >= 0; i--) {
        if (chunk[i] == '\n') {
          if (first && position + i == size - 1) {
            continue; // the newline that ends the file
          }
          if (++newlines == lines) {
            return position + i + 1;
          }
        }
      }
      first = false;
    }
    return 0;
  }

  private static void copyRange(NativeFile file, long from, long to, OutputStream out) throws IOException {
    for (long position = from; position < to; ) {
      int length = (int) Math.min(CHUNK, to - position);
      byte[] bytes = file.readAt(position, length);
      if (bytes.length == 0) {
        break;
      }
      out.write(bytes);
      position += bytes.length;
    }
    out.flush();
  }

  /** A compressed file has no random access to its decoded end: decode it all, keep the last part. */
  private void tailCompressed(Location location, String codec, long lines, OutputStream out) {
    try (NativeFile rawIn = location.fs().openInputStream(location.path(), null, 0);
        NativeFile in = new CompressedInputStream(rawIn, codec)) {
      if (limit.bytes != null) {
        long keep = limit.bytes;
        if (keep > Integer.MAX_VALUE - 8) {
          throw CliException.usage("-c on a compressed file must be at most " + (Integer.MAX_VALUE - 8) + ": " + keep);
        }
        RingBuffer ring = new RingBuffer((int) keep);
        byte[] chunk = new byte[CHUNK];
        int n;
        while ((n = in.readInto(chunk, 0, chunk.length)) > 0) {
          ring.add(chunk, n);
        }
        out.write(ring.toByteArray());
      } else {
        ArrayDeque<byte[]> last = new ArrayDeque<>();
        if (lines > 0) {
          byte[] line;
          while ((line = in.readLine()).length > 0) {
            last.addLast(line);
            if (last.size() > lines) {
              last.removeFirst();
            }
          }
        }
        for (byte[] line : last) {
          out.write(line);
        }
      }
      out.flush();
    } catch (IOException | RuntimeException e) {
      throw CliErrors.at(location.given(), e);
    }
  }

  /**
   * Prints what is added after {@code position}, looking every {@code --interval}: the file is
   * opened again each time, because HDFS tells a reader how much a writer has hflushed only when the
   * reader opens it. Ends when the thread is interrupted (Ctrl-C ends the process itself).
   */
  private void follow(Location location, long position, OutputStream out) {
    PrintWriter err = spec.commandLine().getErr();
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(intervalMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try (NativeFile file = location.fs().openInputFile(location.path())) {
        long size = file.size();
        if (size < position) {
          err.println("sluice tail: " + location.given() + ": file truncated");
          err.flush();
          position = size;
        } else if (size > position) {
          copyRange(file, position, size, out);
          position = size;
        }
      } catch (IOException | RuntimeException e) {
        throw CliErrors.at(location.given(), e);
      }
    }
  }

  /** The last {@code capacity} bytes seen. */
  private static final class RingBuffer {
    private final byte[] bytes;
    private long written;

    RingBuffer(int capacity) {
      bytes = new byte[capacity];
    }

    void add(byte[] chunk, int length) {
      if (bytes.length == 0) {
        return;
      }
      for (int i = 0; i < length; i++) {
        bytes[(int) (written++ % bytes.length)] = chunk[i];
      }
    }

    byte[] toByteArray() {
      int size = (int) Math.min(written, bytes.length);
      byte[] result = new byte[size];
      long start = written - size;
      for (int i = 0; i < size; i++) {
        result[i] = bytes[(int) ((start + i) % bytes.length)];
      }
      return result;
    }
  }
}
