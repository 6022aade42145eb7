package org.feedbackrouter.registry;

import org.apache.kafka.common.errors.SerializationException;

/** Confluent's framing: magic byte 0, the schema id as 4 bytes big-endian, then the Avro binary body. */
final class WireFormat {

  static final byte MAGIC_BYTE = 0;
  static final int HEADER_SIZE = 5;

  private WireFormat() {}

  static void writeHeader(byte[] target, int schemaId) {
    target[0] = MAGIC_BYTE;
    target[1] = (byte) (schemaId >>> 24);
    target[2] = (byte) (schemaId >>> 16);
    target[3] = (byte) (schemaId >>> 8);
    target[4] = (byte) schemaId;
  }

  /** The schema id of a non-empty payload, or a SerializationException saying why it is not wire format. */
  static int schemaId(String topic, byte[] data, int offset, int length) {
    if (data[offset] != MAGIC_BYTE) {
      throw new SerializationException(String.format(
          "Cannot deserialize record from topic '%s': unknown magic byte 0x%02x (expected 0x00: not Confluent wire format)",
          topic, data[offset] & 0xff));
    }
    if (length < HEADER_SIZE) {
      throw new SerializationException("Cannot deserialize record from topic '" + topic + "': payload truncated: "
          + length + " bytes, need at least " + HEADER_SIZE + " (magic byte and 4-byte schema id)");
    }
    return (data[offset + 1] & 0xff) << 24 | (data[offset + 2] & 0xff) << 16
        | (data[offset + 3] & 0xff) << 8 | data[offset + 4] & 0xff;
  }
}
