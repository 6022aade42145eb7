package org.feedbackrouter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.feedbackrouter.access.Caller;
import org.feedbackrouter.alert.SilenceSpec;
import org.feedbackrouter.avro.Silence;

/**
 * {@code /api/silences}: every caller lists them; only admin and the fallback department create
 * and expire them, since a silence mutes other departments' alerts too. The list reads the global
 * store, so a silence just written shows up once the store has read it (within a second or so).
 */
final class SilenceResource {
  private static final List<String> FIELDS = List.of("matchers", "startsAt", "endsAt", "createdBy", "comment");

  private final ObjectMapper mapper;
  private final Supplier<Silences> silences;
  private final Clock clock;

  SilenceResource(ObjectMapper mapper, Supplier<Silences> silences, Clock clock) {
    this.mapper = mapper;
    this.silences = silences;
    this.clock = clock;
  }

  void list(HttpCall call) throws IOException {
    Instant now = clock.instant();
    ArrayNode out = mapper.createArrayNode();
    all().stream().sorted(Comparator.comparing(Silence::getEndsAt).reversed()
            .thenComparing(Silence::getSilenceId))
        .forEach(s -> out.add(json(s, now)));
    ObjectNode body = mapper.createObjectNode();
    body.set("silences", out);
    call.json(200, body);
  }

  void create(HttpCall call, Caller caller) throws IOException {
    mayChange(caller);
    JsonNode json = JsonBody.object(mapper, call.body(), FIELDS, "with at least \"endsAt\"");
    Map<String, String> matchers = new LinkedHashMap<>();
    JsonNode m = json.get("matchers");
    if (m != null && !m.isNull()) {
      if (!m.isObject()) {
        throw new ApiException(400, "\"matchers\" must be an object, e.g. {\"department\": \"finance\"}");
      }
      m.fields().forEachRemaining(e -> matchers.put(e.getKey(), text(e.getValue(), "matchers." + e.getKey())));
    }
    Instant now = clock.instant();
    Silence silence;
    try {
      String createdBy = text(json.get("createdBy"), "createdBy");
      silence = SilenceSpec.build(UUID.randomUUID().toString(), matchers, text(json.get("startsAt"), "startsAt"),
          text(json.get("endsAt"), "endsAt"), createdBy == null ? "api:" + caller.department() : createdBy,
          text(json.get("comment"), "comment"), now);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, e.getMessage());
    }
    write(silence);
    call.json(201, json(silence, now));
  }

  void expire(HttpCall call, Caller caller, String id) throws IOException {
    mayChange(caller);
    Silence silence = all().stream().filter(x -> x.getSilenceId().equals(id)).findFirst().orElseThrow(() -> new ApiException(404, "no silence " + id));
    Instant now = clock.instant();
    Silence expired = SilenceSpec.expired(silence, now);
    write(expired);
    call.json(200, json(expired, now));
  }

  private List<Silence> all() {
    try {
      return store().all();
    } catch (IllegalStateException | InvalidStateStoreException e) {
      throw new ApiException(503, "not ready: the silences store is not readable yet; retry shortly");
    }
  }

  private Silences store() {
    Silences s = silences.get();
    if (s == null) {
      throw new ApiException(503, "not ready: silences cannot be read or written yet");
    }
    return s;
  }

  private void write(Silence silence) {
    try {
      store().write(silence);
    } catch (KafkaException e) {
      throw new ApiException(503, "the silence could not be written; retry");
    }
  }

  private static void mayChange(Caller caller) {
    if (!caller.seesAll()) {
      throw new ApiException(403, "only the admin token or the fallback department may create or expire silences");
    }
  }

  private static String text(JsonNode node, String field) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new ApiException(400, "\"" + field + "\" must be a string");
    }
    return node.asText();
  }

  private ObjectNode json(Silence s, Instant now) {
    ObjectNode out = mapper.createObjectNode();
    out.put("id", s.getSilenceId());
    ObjectNode matchers = out.putObject("matchers");
    if (s.getDepartment() != null) matchers.put("department", s.getDepartment());
    if (s.getKind() != null) matchers.put("kind", s.getKind().name());
    if (s.getTopic() != null) matchers.put("topic", s.getTopic());
    if (s.getPriority() != null) matchers.put("priority", s.getPriority().name());
    out.put("startsAt", s.getStartsAt().toString());
    out.put("endsAt", s.getEndsAt().toString());
    out.put("createdBy", s.getCreatedBy());
    out.put("comment", s.getComment());
    out.put("status", SilenceSpec.status(s, now));
    return out;
  }
}
