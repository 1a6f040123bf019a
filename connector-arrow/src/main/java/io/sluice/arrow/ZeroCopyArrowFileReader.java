package io.sluice.arrow;

import io.sluice.io.NativeFile;
import io.sluice.memory.Buffer;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.List;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageMetadataResult;
import org.apache.arrow.vector.ipc.message.MessageSerializer;

/**
 * Arrow's file reader with record batch bodies read by one {@link NativeFile#readBufferAt}: a view
 * of the file's memory on zero-copy kinds. Schema, footer and dictionaries are read by Arrow's own
 * code, as usual, through a channel of its own position: the caller's file position never moves.
 */
final class ZeroCopyArrowFileReader extends ArrowFileReader {
  private final NativeFile file;
  private final BufferAllocator bodyAllocator;
  private int nextBatch;

  ZeroCopyArrowFileReader(NativeFile file, BufferAllocator allocator) {
    super(new NativeFileChannels.Positional(file), allocator);
    this.file = file;
    this.bodyAllocator = allocator;
  }

  @Override
  public boolean loadNextBatch() throws IOException {
    List<ArrowBlock> blocks = getRecordBlocks();
    if (nextBatch >= blocks.size()) {
      return false;
    }
    return loadRecordBatch(blocks.get(nextBatch));
  }

  @Override
  public boolean loadRecordBatch(ArrowBlock block) throws IOException {
    List<ArrowBlock> blocks = getRecordBlocks();
    int index = blocks.indexOf(block);
    if (index < 0) {
      throw new IllegalArgumentException("Arrow block " + block + " is not a record batch of " + file);
    }
    nextBatch = index + 1;
    prepareLoadNextBatch();
    try (ArrowRecordBatch batch = readBatch(block)) {
      loadRecordBatch(batch);
    }
    return true;
  }

  private ArrowRecordBatch readBatch(ArrowBlock block) throws IOException {
    byte[] metadata = file.readAt(block.getOffset(), block.getMetadataLength());
    if (metadata.length != block.getMetadataLength()) {
      throw new EOFException("Arrow block " + block + " passes the end of " + file);
    }
    MessageMetadataResult message = MessageSerializer.readMessage(
        new ReadChannel(Channels.newChannel(new ByteArrayInputStream(metadata))));
    if (message == null || message.getMessage().headerType() != MessageHeader.RecordBatch) {
      throw new IOException("Arrow block " + block + " of " + file + " is not a record batch");
    }
    long bodyOffset = block.getOffset() + block.getMetadataLength();
    Buffer body = file.readBufferAt(bodyOffset, block.getBodyLength());
    if (body.size() != block.getBodyLength()) {
      body.close();
      throw new EOFException("the body of Arrow block " + block + " passes the end of " + file);
    }
    ArrowBuf bodyBuf = ArrowBuffers.takeOwnership(body, bodyAllocator);
    // On success the batch takes over the body's reference (Arrow's deserializer hands it on).
    return ArrowBodies.deserializeRecordBatch(message, bodyBuf);
  }
}
