package org.feedbackrouter.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * A task or alert as plain JSON for webhook receivers: field names as in {@code schemas/}, enums
 * as their symbols, timestamps as ISO-8601, optional fields as the value or null. Avro's own JSON
 * encoding wraps unions ({@code {"string": "..."}}), which no receiver wants to unwrap.
 */
public final class RecordJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RecordJson() {}

  public static ObjectNode of(IndexedRecord record) {
    ObjectNode out = NODES.objectNode();
    for (Schema.Field field : record.getSchema().getFields()) {
      out.set(field.name(), value(record.get(field.pos())));
    }
    return out;
  }

  private static JsonNode value(Object v) {
    if (v == null) {
      return NODES.nullNode();
    } else if (v instanceof IndexedRecord r) {
      return of(r);
    } else if (v instanceof Instant i) {
      return NODES.textNode(i.toString());
    } else if (v instanceof Boolean b) {
      return NODES.booleanNode(b);
    } else if (v instanceof Integer n) {
      return NODES.numberNode(n);
    } else if (v instanceof Long n) {
      return NODES.numberNode(n);
    } else if (v instanceof Float n) {
      return NODES.numberNode(n);
    } else if (v instanceof Double n) {
      return NODES.numberNode(n);
    } else if (v instanceof ByteBuffer b) {
      ByteBuffer copy = b.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
    } else if (v instanceof Collection<?> c) {
      ArrayNode array = NODES.arrayNode();
      c.forEach(item -> array.add(value(item)));
      return array;
    } else if (v instanceof Map<?, ?> m) {
      ObjectNode object = NODES.objectNode();
      m.forEach((k, item) -> object.set(k.toString(), value(item)));
      return object;
    }
    // Strings, Utf8 and enum symbols.
    return NODES.textNode(v.toString());
  }
}
