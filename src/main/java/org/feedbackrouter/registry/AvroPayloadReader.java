package org.feedbackrouter.registry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.util.Utf8;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Decodes Confluent wire format. The writer's schema comes from the registry by id and is resolved against
 * the reader's schema, so old and new writers both read fine. Per schema id, the registry lookup, the
 * compatibility check and the resolving reader are built once; the hot path is a map lookup and the decode.
 * Thread-safe.
 */
final class AvroPayloadReader {

  /** How to read one schema id, or (error != null) why it cannot be read; failures are remembered too. */
  private record Plan(int id, Schema writer, DatumReader<Object> reader, boolean arrayItemsTakeBytes, String error,
      boolean wrongType) {
    Plan(int id, Schema writer, DatumReader<Object> reader, boolean arrayItemsTakeBytes, String error) {
      this(id, writer, reader, arrayItemsTakeBytes, error, false);
    }
  }

  private final SchemaRegistryClient client;
  private final ReaderSchemas readers;
  private final ConcurrentMap<Integer, Plan> plans = new ConcurrentHashMap<>();
  // Most topics carry one schema id; checking it first skips the map and the Integer boxing.
  private volatile Plan last;

  AvroPayloadReader(SchemaRegistryClient client, ReaderSchemas readers) {
    this.client = client;
    this.readers = readers;
  }

  /** The decoded value, or null for a null or empty payload (tombstones). */
  Object read(String topic, byte[] data, int offset, int length) {
    if (data == null || length == 0) {
      return null;
    }
    int id = WireFormat.schemaId(topic, data, offset, length);
    Plan plan = plan(topic, id);
    if (plan.error() != null) {
      throw plan.wrongType() ? new WrongSchemaException(cannot(topic) + plan.error())
          : new SerializationException(cannot(topic) + plan.error());
    }
    BoundedBinaryDecoder decoder = new BoundedBinaryDecoder(
        data, offset + WireFormat.HEADER_SIZE, length - WireFormat.HEADER_SIZE, plan.arrayItemsTakeBytes());
    Object value;
    try {
      value = plan.reader().read(null, decoder);
    } catch (IOException | RuntimeException e) {
      // Corrupt input surfaces as EOF, AvroRuntimeException or an index out of bounds in a union or enum.
      throw new SerializationException(corrupt(topic, plan) + e, e);
    }
    if (!decoder.isEnd()) {
      throw new SerializationException(corrupt(topic, plan) + decoder.remaining() + " trailing bytes after the record");
    }
    return topLevel(value);
  }

  private Plan plan(String topic, int id) {
    Plan recent = last;
    if (recent != null && recent.id() == id) {
      return recent;
    }
    Plan plan = plans.get(id);
    if (plan == null) {
      plan = newPlan(topic, id);
      Plan raced = plans.putIfAbsent(id, plan);
      plan = raced != null ? raced : plan;
    }
    last = plan;
    return plan;
  }

  private Plan newPlan(String topic, int id) {
    Schema writer;
    try {
      writer = client.schemaById(id);
    } catch (SchemaRegistryException e) {
      // Not remembered: the registry may know the id, or be back, on the next record.
      String what = e.kind() == SchemaRegistryException.Kind.NOT_FOUND
          ? "unknown schema id " + id + ": "
          : "could not fetch schema id " + id + " from the schema registry: ";
      throw new SerializationException(cannot(topic) + what + e.getMessage(), e);
    }
    ReaderSchemas.Reading reading;
    try {
      reading = readers.choose(writer);
    } catch (SerializationException e) {
      return new Plan(id, writer, null, true, "schema id " + id + ": " + e.getMessage());
    }
    Schema reader = reading.schema();
    if (reader != writer) {
      SchemaPairCompatibility compatibility = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
      if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE && !sameType(writer, reader)) {
        return new Plan(id, writer, null, true, "schema id " + id + " is " + writer.getFullName() + ", not "
            + reader.getFullName() + ": the record was written for another topic or with another serializer", true);
      }
      if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
        return new Plan(id, writer, null, true, "writer schema id " + id + " (" + writer.getFullName()
            + ") cannot be read as " + reader.getFullName() + ": " + RegistryErrors.describe(compatibility)
            + ". The schemas did not evolve compatibly; read this topic with a matching reader schema.");
      }
    }
    return new Plan(id, writer, datumReader(writer, reader, reading.model()), BoundedBinaryDecoder.arrayItemsTakeBytes(writer), null);
  }

  /** Same named type, or the reader knows the writer's name as an alias (a renamed record). */
  private static boolean sameType(Schema writer, Schema reader) {
    if (writer.getType() != reader.getType()) {
      return false;
    }
    boolean named = writer.getType() == Schema.Type.RECORD || writer.getType() == Schema.Type.ENUM
        || writer.getType() == Schema.Type.FIXED;
    return !named || writer.getFullName().equals(reader.getFullName()) || reader.getAliases().contains(writer.getFullName());
  }

  private static DatumReader<Object> datumReader(Schema writer, Schema reader, GenericData model) {
    if (model.isFastReaderEnabled()) {
      // Built here rather than lazily inside GenericDatumReader, so it is complete before other threads see the plan.
      try {
        return model.getFastReaderBuilder().createDatumReader(writer, reader);
      } catch (IOException e) {
        throw new SerializationException("cannot build an Avro reader from " + writer.getFullName() + " to " + reader.getFullName(), e);
      }
    }
    return model instanceof SpecificData specific
        ? new SpecificDatumReader<>(writer, reader, specific)
        : new GenericDatumReader<>(writer, reader, model);
  }

  /** Generic Avro gives Utf8 and ByteBuffer; callers of a top-level string or bytes expect String and byte[]. */
  private static Object topLevel(Object value) {
    if (value instanceof Utf8 utf8) {
      return utf8.toString();
    }
    if (value instanceof ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    }
    return value;
  }

  private static String cannot(String topic) {
    return "Cannot deserialize record from topic '" + topic + "': ";
  }

  private static String corrupt(String topic, Plan plan) {
    return cannot(topic) + "truncated or corrupt Avro body for schema id " + plan.id() + " (" + plan.writer().getFullName() + "): ";
  }
}
