package org.feedbackrouter.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Encodes records in Confluent wire format. The schema id is resolved once per (topic, schema) through the
 * registry, by registering (auto-register) or looking up; after that a record costs two map lookups and the
 * Avro encoding into a per-thread buffer. Thread-safe.
 */
final class AvroPayloadWriter {

  /** Beyond this, a thread's buffer is dropped after use so one huge record does not stay pinned per thread. */
  private static final int RETAINED_BUFFER_LIMIT = 1 << 20;

  // Top-level primitives as Confluent's serializer supports them, for keys and simple values.
  private static final Map<Class<?>, Schema> PRIMITIVES = Map.of(
      String.class, Schema.create(Schema.Type.STRING),
      Integer.class, Schema.create(Schema.Type.INT),
      Long.class, Schema.create(Schema.Type.LONG),
      Float.class, Schema.create(Schema.Type.FLOAT),
      Double.class, Schema.create(Schema.Type.DOUBLE),
      Boolean.class, Schema.create(Schema.Type.BOOLEAN),
      byte[].class, Schema.create(Schema.Type.BYTES));

  private record Plan(int id, DatumWriter<Object> writer) {}

  /** Per topic: its subject and the plan of each schema seen on it. */
  private record Target(String subject, ConcurrentMap<Schema, Plan> plans) {}

  /** A thread's reusable output: the wire-format header is written first, then the Avro body. */
  private static final class Buffer {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    final byte[] header = new byte[WireFormat.HEADER_SIZE];
    BinaryEncoder encoder;
  }

  private final SchemaRegistryClient client;
  private final boolean isKey;
  private final boolean autoRegister;
  private final ConcurrentMap<String, Target> targets = new ConcurrentHashMap<>();
  private final ConcurrentMap<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
  private final ThreadLocal<Buffer> buffers = ThreadLocal.withInitial(Buffer::new);

  AvroPayloadWriter(SchemaRegistryClient client, boolean isKey, boolean autoRegister) {
    this.client = client;
    this.isKey = isKey;
    this.autoRegister = autoRegister;
  }

  /** The wire-format bytes, or null for null (tombstones). */
  byte[] write(String topic, Object value) {
    if (value == null) {
      return null;
    }
    if (topic == null) {
      throw new SerializationException("Cannot serialize without a topic: the subject is derived from it");
    }
    Object datum = value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
    Schema schema = schemaOf(topic, value);
    Plan plan = plan(topic, schema);
    Buffer buffer = buffers.get();
    try {
      buffer.out.reset();
      WireFormat.writeHeader(buffer.header, plan.id());
      buffer.out.write(buffer.header, 0, WireFormat.HEADER_SIZE);
      buffer.encoder = EncoderFactory.get().binaryEncoder(buffer.out, buffer.encoder);
      plan.writer().write(datum, buffer.encoder);
      buffer.encoder.flush();
      byte[] result = buffer.out.toByteArray();
      if (result.length > RETAINED_BUFFER_LIMIT) {
        buffers.remove();
      }
      return result;
    } catch (IOException | RuntimeException e) {
      // The encoder may hold half a record that it would flush into the next one: start afresh.
      buffers.remove();
      throw new SerializationException("Cannot serialize " + schema.getFullName() + " to topic '" + topic
          + "': the value does not match its schema: " + e, e);
    }
  }

  private Plan plan(String topic, Schema schema) {
    Target target = targets.get(topic);
    if (target == null) {
      target = targets.computeIfAbsent(topic, name -> new Target(SubjectNames.of(name, isKey), new ConcurrentHashMap<>()));
    }
    Plan plan = target.plans().get(schema);
    if (plan != null) {
      return plan;
    }
    int id;
    try {
      id = autoRegister ? client.register(target.subject(), schema) : client.idOf(target.subject(), schema);
    } catch (SchemaRegistryException e) {
      String context = !autoRegister && e.kind() == SchemaRegistryException.Kind.NOT_FOUND
          ? " (auto.register.schemas=false)" : "";
      throw new SerializationException("Cannot serialize " + schema.getFullName() + " to topic '" + topic
          + "' under subject '" + target.subject() + "'" + context + ": " + e.getMessage(), e);
    }
    plan = new Plan(id, writers.computeIfAbsent(schema, AvroPayloadWriter::datumWriter));
    Plan raced = target.plans().putIfAbsent(schema, plan);
    return raced != null ? raced : plan;
  }

  /**
   * Writes specific and generic data alike: conversions (e.g. Instant for timestamp-millis) apply by the
   * datum's class, so the generated class's model is harmless for generic records of the same schema.
   */
  private static DatumWriter<Object> datumWriter(Schema schema) {
    return new SpecificDatumWriter<>(schema, SpecificData.getForSchema(schema));
  }

  private static Schema schemaOf(String topic, Object value) {
    if (value instanceof GenericContainer container) {
      return container.getSchema();
    }
    Schema primitive = value instanceof CharSequence ? PRIMITIVES.get(String.class) : PRIMITIVES.get(value.getClass());
    if (primitive == null && value instanceof ByteBuffer) {
      primitive = PRIMITIVES.get(byte[].class);
    }
    if (primitive == null) {
      throw new SerializationException("Cannot serialize " + value.getClass().getName() + " to topic '" + topic
          + "': not an Avro record (GenericContainer) nor a string, number, boolean or byte array");
    }
    return primitive;
  }
}
