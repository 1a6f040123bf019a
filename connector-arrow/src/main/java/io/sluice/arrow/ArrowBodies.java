package io.sluice.arrow;

import java.io.IOException;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.ipc.message.ArrowDictionaryBatch;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageMetadataResult;
import org.apache.arrow.vector.ipc.message.MessageSerializer;

/**
 * Arrow's deserializers take over the body's reference when they succeed (the batch's buffers are
 * slices of it); these release the body only when they fail, so a bad message leaks nothing.
 */
final class ArrowBodies {
  private ArrowBodies() {}

  static ArrowRecordBatch deserializeRecordBatch(MessageMetadataResult message, ArrowBuf body) throws IOException {
    try {
      return MessageSerializer.deserializeRecordBatch(message, body);
    } catch (IOException | RuntimeException e) {
      releaseIfHeld(body);
      throw e;
    }
  }

  static ArrowDictionaryBatch deserializeDictionaryBatch(MessageMetadataResult message, ArrowBuf body) throws IOException {
    try {
      return MessageSerializer.deserializeDictionaryBatch(message, body);
    } catch (IOException | RuntimeException e) {
      releaseIfHeld(body);
      throw e;
    }
  }

  private static void releaseIfHeld(ArrowBuf body) {
    if (body.refCnt() > 0) {
      body.getReferenceManager().release();
    }
  }
}
