package org.feedbackrouter.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.feedbackrouter.avro.Channel;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.Scores;

/** Sample records and schema edits shared by the tests. */
final class TestRecords {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TestRecords() {}

  /** A fresh mock:// scope name, so no two tests share registry state. */
  static String freshScope() {
    return "test-" + UUID.randomUUID();
  }

  /** The record the golden-bytes test spells out byte by byte. */
  static FeedbackReceived goldenFeedback() {
    return FeedbackReceived.newBuilder()
        .setId("fb-1")
        .setChannel(Channel.WEB)
        .setReceivedAt(Instant.ofEpochMilli(1_700_000_000_000L))
        .setCustomerId("c-9")
        .setLanguage("es")
        .setProduct(null)
        .setJourney(null)
        .setAttributes(Map.of("src", "nps"))
        .setText("¡Hola!")
        .setScores(Scores.newBuilder().setNps(9).setCsat(null).setCes(2).build())
        .build();
  }

  static FeedbackReceived feedback(int n) {
    return FeedbackReceived.newBuilder()
        .setId("fb-" + n)
        .setChannel(Channel.values()[n % Channel.values().length])
        .setReceivedAt(Instant.ofEpochMilli(1_700_000_000_000L + n))
        .setCustomerId(n % 2 == 0 ? "c-" + n : null)
        .setLanguage(n % 3 == 0 ? "en" : "es")
        .setAttributes(Map.of("n", Integer.toString(n)))
        .setText("La app falla al pagar, pedido " + n)
        .setScores(n % 4 == 0 ? null : Scores.newBuilder().setNps(n % 11).setCsat(null).setCes(3).build())
        .build();
  }

  /** A copy of the schema's JSON, edited, parsed back: how evolved versions of a real schema are made. */
  static Schema edited(Schema schema, Consumer<ObjectNode> edit) {
    try {
      ObjectNode json = (ObjectNode) JSON.readTree(schema.toString());
      edit.accept(json);
      return new Schema.Parser().parse(json.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void removeField(ObjectNode record, String name) {
    ArrayNode fields = (ArrayNode) record.get("fields");
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).get("name").asText().equals(name)) {
        fields.remove(i);
        return;
      }
    }
    throw new IllegalArgumentException("no field " + name);
  }

  static JsonNode field(ObjectNode record, String name) {
    for (JsonNode field : record.get("fields")) {
      if (field.get("name").asText().equals(name)) {
        return field;
      }
    }
    throw new IllegalArgumentException("no field " + name);
  }

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
