package org.feedbackrouter.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.feedbackrouter.avro.Channel;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.Scores;

/**
 * Reads one feedback event from a JSON object with the fields of {@code FeedbackReceived}:
 *
 * <pre>
 * {"id": "fb-1", "channel": "survey", "receivedAt": "2026-03-01T10:15:00Z", "customerId": "c-9",
 *  "language": "es", "product": "fibra 600", "journey": "alta", "attributes": {"store": "Madrid"},
 *  "text": "...", "scores": {"nps": 3, "csat": 2, "ces": 6}}
 * </pre>
 *
 * {@code channel} is case-insensitive and accepts {@code contact-center} or {@code contact_centre};
 * {@code receivedAt} is ISO-8601 or epoch milliseconds; {@code nps}, {@code csat} and {@code ces}
 * may also stand at the top level. The service's own validation rules then apply.
 */
public final class FeedbackJson {
  private static final Set<String> FIELDS = Set.of("id", "channel", "receivedAt", "customerId", "language",
      "product", "journey", "attributes", "text", "scores", "nps", "csat", "ces");

  private final ObjectMapper mapper = new ObjectMapper();
  private final FeedbackValidator validator;

  public FeedbackJson(FeedbackValidator validator) {
    this.validator = validator;
  }

  /** Parses and validates one line; {@link RejectedRecordException} says what is wrong. */
  public FeedbackReceived parse(String line, long nowMs) {
    JsonNode node;
    try {
      node = mapper.readTree(line);
    } catch (JsonProcessingException e) {
      throw new RejectedRecordException(RejectReason.MALFORMED, "not JSON: " + withoutSource(e.getOriginalMessage()));
    }
    if (node == null || !node.isObject()) {
      throw new RejectedRecordException(RejectReason.MALFORMED, "expected a JSON object");
    }
    node.fieldNames().forEachRemaining(f -> {
      if (!FIELDS.contains(f)) {
        throw new RejectedRecordException(RejectReason.MALFORMED, "unknown field '" + f + "'");
      }
    });
    JsonNode scores = node.path("scores");
    FeedbackReceived f = FeedbackReceived.newBuilder()
        .setId(text(node, "id", true))
        .setChannel(channel(text(node, "channel", false)))
        .setReceivedAt(instant(node.get("receivedAt"), nowMs))
        .setCustomerId(text(node, "customerId", false))
        .setLanguage(text(node, "language", false))
        .setProduct(text(node, "product", false))
        .setJourney(text(node, "journey", false))
        .setAttributes(attributes(node.path("attributes")))
        .setText(text(node, "text", true))
        .setScores(scores(scores.isObject() ? scores : node))
        .build();
    validator.validate(f, nowMs);
    return f;
  }

  /**
   * Jackson names the input in some messages ("start marker at [Source: REDACTED
   * (StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION disabled); line: 1, column: 1]"): a note about its own
   * settings, meaningless to whoever fixes the line. The line and column stay.
   */
  static String withoutSource(String message) {
    return message == null ? "" : message.replaceAll("\\[Source: [^;\\]]*; ", "[");
  }

  private static String text(JsonNode node, String field, boolean required) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new RejectedRecordException(RejectReason.MISSING_FIELD, "'" + field + "' is required");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new RejectedRecordException(RejectReason.MALFORMED, "'" + field + "' must be a string");
    }
    return v.asText();
  }

  private static Channel channel(String value) {
    if (value == null) {
      return Channel.OTHER;
    }
    String normalised = value.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_')
        .replace("CENTRE", "CENTER");
    try {
      return Channel.valueOf(normalised);
    } catch (IllegalArgumentException e) {
      throw new RejectedRecordException(RejectReason.MALFORMED, "unknown channel '" + value
          + "': use survey, self_service, web, app, contact_center, email, social, store or other");
    }
  }

  private static Instant instant(JsonNode v, long nowMs) {
    if (v == null || v.isNull()) {
      return Instant.ofEpochMilli(nowMs);
    }
    if (v.isIntegralNumber()) {
      return Instant.ofEpochMilli(v.asLong());
    }
    try {
      return Instant.parse(v.asText());
    } catch (DateTimeParseException e) {
      throw new RejectedRecordException(RejectReason.MALFORMED,
          "receivedAt '" + v.asText() + "' is not ISO-8601 (2026-03-01T10:15:00Z) or epoch milliseconds");
    }
  }

  private static Map<String, String> attributes(JsonNode v) {
    Map<String, String> out = new LinkedHashMap<>();
    if (v.isMissingNode() || v.isNull()) {
      return out;
    }
    if (!v.isObject()) {
      throw new RejectedRecordException(RejectReason.MALFORMED, "'attributes' must be an object of strings");
    }
    v.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static Scores scores(JsonNode node) {
    Integer nps = score(node, "nps");
    Integer csat = score(node, "csat");
    Integer ces = score(node, "ces");
    return nps == null && csat == null && ces == null ? null : new Scores(nps, csat, ces);
  }

  private static Integer score(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber()) {
      throw new RejectedRecordException(RejectReason.SCORE_OUT_OF_RANGE, "'" + field + "' must be a whole number");
    }
    return v.asInt();
  }
}
