package org.feedbackrouter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * A decoded Avro value as a JSON tree for people to read: records become objects by field name,
 * timestamps ISO-8601 instants, bytes Base64. Unlike Avro's own JSON encoding, unions are not wrapped
 * in a type name, since the reader of {@code tail} wants the value, not the schema.
 */
final class AvroJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AvroJson() {}

  static JsonNode toJson(Object value) {
    return toJson(value, value instanceof GenericContainer c ? c.getSchema() : null);
  }

  private static JsonNode toJson(Object value, Schema schema) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof GenericRecord record) {
      ObjectNode out = NODES.objectNode();
      for (Schema.Field field : record.getSchema().getFields()) {
        out.set(field.name(), toJson(record.get(field.pos()), field.schema()));
      }
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode out = NODES.objectNode();
      Schema values = schema == null ? null : branch(schema, Schema.Type.MAP);
      map.forEach((k, v) -> out.set(String.valueOf(k), toJson(v, values == null ? null : values.getValueType())));
      return out;
    }
    if (value instanceof Collection<?> items) {
      ArrayNode out = NODES.arrayNode();
      Schema array = schema == null ? null : branch(schema, Schema.Type.ARRAY);
      items.forEach(v -> out.add(toJson(v, array == null ? null : array.getElementType())));
      return out;
    }
    if (value instanceof ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
    }
    if (value instanceof GenericFixed fixed) {
      return NODES.textNode(Base64.getEncoder().encodeToString(fixed.bytes()));
    }
    if (value instanceof Long l && isTimestamp(schema)) {
      return NODES.textNode(Instant.ofEpochMilli(l).toString());
    }
    if (value instanceof Instant instant) {
      return NODES.textNode(instant.toString());
    }
    if (value instanceof Integer i) {
      return NODES.numberNode(i);
    }
    if (value instanceof Long l) {
      return NODES.numberNode(l);
    }
    if (value instanceof Float f) {
      return NODES.numberNode(f);
    }
    if (value instanceof Double d) {
      return NODES.numberNode(d);
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    return NODES.textNode(value.toString()); // strings (Utf8), enum symbols
  }

  /** The branch of a union (or the schema itself) of the given type. */
  private static Schema branch(Schema schema, Schema.Type type) {
    if (schema.getType() == Schema.Type.UNION) {
      return schema.getTypes().stream().filter(s -> s.getType() == type).findFirst().orElse(null);
    }
    return schema.getType() == type ? schema : null;
  }

  private static boolean isTimestamp(Schema schema) {
    Schema longSchema = schema == null ? null : branch(schema, Schema.Type.LONG);
    LogicalType logical = longSchema == null ? null : longSchema.getLogicalType();
    return logical instanceof LogicalTypes.TimestampMillis;
  }
}
