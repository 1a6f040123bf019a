package io.sluice.arrow;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;

/**
 * Arrow's file writer, padding before a record batch that would otherwise cross an
 * {@code alignment} boundary. The batch's exact size is learned by serializing it once into a
 * channel that only counts (no bytes are copied), so the padding is exact. Readers find batches
 * through the footer, so the gaps are invisible to them.
 */
final class BlockAlignedArrowFileWriter extends ArrowFileWriter {
  private final long alignment;

  BlockAlignedArrowFileWriter(VectorSchemaRoot root, WritableByteChannel out, long alignment) {
    super(root, null, out);
    this.alignment = alignment;
  }

  @Override
  protected ArrowBlock writeRecordBatch(ArrowRecordBatch batch) throws IOException {
    long start = out.getCurrentPosition();
    long size = serializedSize(batch);
    long offsetInRegion = start % alignment;
    boolean crosses = offsetInRegion + size > alignment;
    if (crosses && offsetInRegion != 0) {
      out.writeZeros(alignment - offsetInRegion);
    }
    return super.writeRecordBatch(batch);
  }

  private long serializedSize(ArrowRecordBatch batch) throws IOException {
    CountingChannel counter = new CountingChannel();
    MessageSerializer.serialize(new WriteChannel(counter), batch, option);
    return counter.count;
  }

  /** Counts what would be written and drops it. */
  private static final class CountingChannel implements WritableByteChannel {
    long count;

    @Override
    public int write(ByteBuffer src) {
      int n = src.remaining();
      src.position(src.limit());
      count += n;
      return n;
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {}
  }
}
