package org.feedbackrouter.dlq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.feedbackrouter.redact.Redactor;

/**
 * The readable copy of a dead letter: the decoded record as JSON with every string passed through
 * the {@link Redactor} and identifying fields masked, so an operator can see why it failed
 * without reading personal data. Bytes that did not decode are described by their size only:
 * nothing says what an undecodable payload holds, so none of it is shown.
 */
public final class RedactedCopy {
  /** Fields that name or identify a person outright; masked whatever they hold. */
  private static final Set<String> IDENTIFYING = Set.of("customerId", "actor");
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final int MAX_CHARS = 4000;

  private final Redactor redactor;

  public RedactedCopy(Redactor redactor) {
    this.redactor = redactor;
  }

  /** JSON for a decoded Avro record. */
  public String of(GenericRecord record) {
    String json = record(record).toString();
    return json.length() > MAX_CHARS ? json.substring(0, MAX_CHARS) + "…" : json;
  }

  /** JSON for bytes that did not decode. */
  public static String undecodable(byte[] value) {
    ObjectNode out = JSON.objectNode();
    out.put("undecodable", true);
    out.put("bytes", value == null ? 0 : value.length);
    return out.toString();
  }

  private ObjectNode record(GenericRecord record) {
    ObjectNode out = JSON.objectNode();
    for (Schema.Field f : record.getSchema().getFields()) {
      Object v = record.get(f.pos());
      out.set(f.name(), IDENTIFYING.contains(f.name()) && v != null ? JSON.textNode("[REDACTED]") : value(v));
    }
    return out;
  }

  private JsonNode value(Object v) {
    if (v == null) {
      return JSON.nullNode();
    }
    if (v instanceof GenericRecord r) {
      return record(r);
    }
    if (v instanceof Integer || v instanceof Long) {
      return JSON.numberNode(((Number) v).longValue());
    }
    if (v instanceof Number n) {
      return JSON.numberNode(n.doubleValue());
    }
    if (v instanceof Boolean b) {
      return JSON.booleanNode(b);
    }
    if (v instanceof Collection<?> c) {
      ArrayNode a = JSON.arrayNode();
      c.forEach(x -> a.add(value(x)));
      return a;
    }
    if (v instanceof Map<?, ?> m) {
      ObjectNode o = JSON.objectNode();
      m.forEach((k, x) -> o.set(redactor.redact(String.valueOf(k)), value(x)));
      return o;
    }
    // Strings, enums, instants and anything else: as text, redacted.
    return JSON.textNode(redactor.redact(v.toString()));
  }
}
