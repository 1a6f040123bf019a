package io.sluice.io;

import io.sluice.compress.Codec;
import io.sluice.compress.CompressTestData;
import io.sluice.io.contract.HostileInputStreams;
import io.sluice.io.contract.SequentialReaderContract;
import io.sluice.io.contract.WriterContract;
import io.sluice.memory.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Nested;

/**
 * The NativeFile contract suites (sequential reader, writer) run over the compressed streams of
 * every codec. Readers decompress what the codec wrote; writers are checked by decompressing
 * what they produced. One reader per codec also sits on a hostile raw stream that returns one
 * byte at a time.
 */
class CompressedStreamContractTest {
  abstract static class ReaderOver extends SequentialReaderContract {
    private final String codec;

    ReaderOver(String codec) {
      this.codec = codec;
    }

    @Override
    protected NativeFile openReader(byte[] content) throws IOException {
      byte[] compressed = CompressTestData.compress(Codec.of(codec), content);
      return new CompressedInputStream(new BufferReader(Buffer.wrap(compressed)), codec);
    }
  }

  abstract static class ReaderOverOneByteAtATime extends SequentialReaderContract {
    private final String codec;

    ReaderOverOneByteAtATime(String codec) {
      this.codec = codec;
    }

    @Override
    protected NativeFile openReader(byte[] content) throws IOException {
      byte[] compressed = CompressTestData.compress(Codec.of(codec), content);
      return new CompressedInputStream(new JavaFile(HostileInputStreams.oneByteAtATime(compressed)), codec);
    }
  }

  abstract static class WriterOver extends WriterContract {
    private final String codec;
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();

    WriterOver(String codec) {
      this.codec = codec;
    }

    @Override
    protected NativeFile openWriter() throws IOException {
      sink.reset();
      return new CompressedOutputStream(new JavaFile(sink), codec);
    }

    @Override
    protected byte[] finish(NativeFile writer) throws IOException {
      writer.close();
      return CompressTestData.decompress(Codec.of(codec), sink.toByteArray());
    }
  }

  @Nested
  class GzipReader extends ReaderOver {
    GzipReader() {
      super("gzip");
    }
  }

  @Nested
  class GzipReaderOverHostileRaw extends ReaderOverOneByteAtATime {
    GzipReaderOverHostileRaw() {
      super("gzip");
    }
  }

  @Nested
  class GzipWriter extends WriterOver {
    GzipWriter() {
      super("gzip");
    }
  }

  @Nested
  class Bz2Reader extends ReaderOver {
    Bz2Reader() {
      super("bz2");
    }
  }

  @Nested
  class Bz2ReaderOverHostileRaw extends ReaderOverOneByteAtATime {
    Bz2ReaderOverHostileRaw() {
      super("bz2");
    }
  }

  @Nested
  class Bz2Writer extends WriterOver {
    Bz2Writer() {
      super("bz2");
    }
  }

  @Nested
  class Lz4Reader extends ReaderOver {
    Lz4Reader() {
      super("lz4");
    }
  }

  @Nested
  class Lz4ReaderOverHostileRaw extends ReaderOverOneByteAtATime {
    Lz4ReaderOverHostileRaw() {
      super("lz4");
    }
  }

  @Nested
  class Lz4Writer extends WriterOver {
    Lz4Writer() {
      super("lz4");
    }
  }

  @Nested
  class Lz4HadoopReader extends ReaderOver {
    Lz4HadoopReader() {
      super("lz4_hadoop");
    }
  }

  @Nested
  class Lz4HadoopReaderOverHostileRaw extends ReaderOverOneByteAtATime {
    Lz4HadoopReaderOverHostileRaw() {
      super("lz4_hadoop");
    }
  }

  @Nested
  class Lz4HadoopWriter extends WriterOver {
    Lz4HadoopWriter() {
      super("lz4_hadoop");
    }
  }

  @Nested
  class ZstdReader extends ReaderOver {
    ZstdReader() {
      super("zstd");
    }
  }

  @Nested
  class ZstdReaderOverHostileRaw extends ReaderOverOneByteAtATime {
    ZstdReaderOverHostileRaw() {
      super("zstd");
    }
  }

  @Nested
  class ZstdWriter extends WriterOver {
    ZstdWriter() {
      super("zstd");
    }
  }

  @Nested
  class SnappyReader extends ReaderOver {
    SnappyReader() {
      super("snappy");
    }
  }

  @Nested
  class SnappyReaderOverHostileRaw extends ReaderOverOneByteAtATime {
    SnappyReaderOverHostileRaw() {
      super("snappy");
    }
  }

  @Nested
  class SnappyWriter extends WriterOver {
    SnappyWriter() {
      super("snappy");
    }
  }

  @Nested
  class SnappyHadoopReader extends ReaderOver {
    SnappyHadoopReader() {
      super("snappy_hadoop");
    }
  }

  @Nested
  class SnappyHadoopReaderOverHostileRaw extends ReaderOverOneByteAtATime {
    SnappyHadoopReaderOverHostileRaw() {
      super("snappy_hadoop");
    }
  }

  @Nested
  class SnappyHadoopWriter extends WriterOver {
    SnappyHadoopWriter() {
      super("snappy_hadoop");
    }
  }

  @Nested
  class BrotliReader extends ReaderOver {
    BrotliReader() {
      super("brotli");
    }
  }

  @Nested
  class BrotliReaderOverHostileRaw extends ReaderOverOneByteAtATime {
    BrotliReaderOverHostileRaw() {
      super("brotli");
    }
  }

  @Nested
  class BrotliWriter extends WriterOver {
    BrotliWriter() {
      super("brotli");
    }
  }

  @Nested
  class DeflateReader extends ReaderOver {
    DeflateReader() {
      super("deflate");
    }
  }

  @Nested
  class DeflateReaderOverHostileRaw extends ReaderOverOneByteAtATime {
    DeflateReaderOverHostileRaw() {
      super("deflate");
    }
  }

  @Nested
  class DeflateWriter extends WriterOver {
    DeflateWriter() {
      super("deflate");
    }
  }
}
