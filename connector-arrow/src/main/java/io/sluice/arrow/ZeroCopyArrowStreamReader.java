package io.sluice.arrow;

import io.sluice.io.NativeFile;
import io.sluice.memory.Buffer;
import java.io.EOFException;
import java.io.IOException;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.ArrowDictionaryBatch;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageChannelReader;
import org.apache.arrow.vector.ipc.message.MessageMetadataResult;
import org.apache.arrow.vector.ipc.message.MessageSerializer;

/**
 * Arrow's stream reader with message bodies read by one {@link NativeFile#readBuffer}: a view of the
 * file's memory on zero-copy kinds. Arrow's own code reads the schema; this class reads the
 * messages after it from the same position of the same file.
 */
final class ZeroCopyArrowStreamReader extends ArrowStreamReader {
  private final NativeFile file;
  private final ReadChannel channel;
  private final BufferAllocator bodyAllocator;
  /** Bodies are read from the file directly, past the channel, so the channel does not count them. */
  private long bodyBytesRead;

  private ZeroCopyArrowStreamReader(NativeFile file, ReadChannel channel, BufferAllocator allocator) {
    super(new MessageChannelReader(channel, allocator), allocator);
    this.file = file;
    this.channel = channel;
    this.bodyAllocator = allocator;
  }

  static ZeroCopyArrowStreamReader open(NativeFile file, BufferAllocator allocator) {
    return new ZeroCopyArrowStreamReader(file, new ReadChannel(new NativeFileChannels.Sequential(file)), allocator);
  }

  @Override
  public boolean loadNextBatch() throws IOException {
    prepareLoadNextBatch();
    while (true) {
      MessageMetadataResult message = MessageSerializer.readMessage(channel);
      if (message == null) {
        return false; // end of stream
      }
      byte type = message.getMessage().headerType();
      if (type != MessageHeader.RecordBatch && type != MessageHeader.DictionaryBatch) {
        throw new IOException("unexpected Arrow message type " + MessageHeader.name(type) + " in " + file);
      }
      ArrowBuf body = readBody(message.getMessageBodyLength());
      if (type == MessageHeader.DictionaryBatch) {
        try (ArrowDictionaryBatch dictionary = ArrowBodies.deserializeDictionaryBatch(message, body)) {
          loadDictionary(dictionary);
        }
        continue;
      }
      try (ArrowRecordBatch batch = ArrowBodies.deserializeRecordBatch(message, body)) {
        loadRecordBatch(batch);
      }
      return true;
    }
  }

  private ArrowBuf readBody(long length) throws IOException {
    Buffer body = file.readBuffer(length);
    if (body.size() != length) {
      body.close();
      throw new EOFException("an Arrow message body of " + length + " bytes passes the end of " + file);
    }
    bodyBytesRead += length;
    return ArrowBuffers.takeOwnership(body, bodyAllocator);
  }

  @Override
  public long bytesRead() {
    return channel.bytesRead() + bodyBytesRead;
  }
}
