package org.feedbackrouter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.feedbackrouter.access.ApiTokens;
import org.feedbackrouter.avro.AlertKind;
import org.feedbackrouter.avro.Silence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * /api/silences over real HTTP. Silences sit in a map standing in for the topic and its global
 * store (AlertSilencesIT covers those); Kafka Streams is not running, which silences do not need.
 */
class SilenceApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN = "admin-token-0123456789";
  private static final String FINANCE = "finance-token-0123456789";
  private static final String CX = "cx-office-token-0123456789";
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Map<String, Silence> written = new LinkedHashMap<>();
  private HttpApi api;

  @BeforeEach
  void start() throws Exception {
    Silences store = new Silences() {
      @Override
      public void write(Silence silence) {
        written.put(silence.getSilenceId(), silence);
      }

      @Override
      public List<Silence> all() {
        return new ArrayList<>(written.values());
      }
    };
    api = new HttpApi(0, () -> "", () -> false, () -> null, () -> null, () -> store,
        new ApiSettings("tasks", "ownership", "cx_office",
            ApiTokens.parse("admin:" + ADMIN + ",finance:" + FINANCE + ",cx_office:" + CX), Set.of(), "localhost"));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + api.port() + path))
        .header("Authorization", "Bearer " + token)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String body(String matchers, Instant ends) {
    return "{\"matchers\": " + matchers + ", \"endsAt\": \"" + ends + "\", \"createdBy\": \"ana@cx\","
        + " \"comment\": \"known billing backlog\"}";
  }

  @Test
  void adminAndTheFallbackDepartmentCreateListAndExpireSilencesAndOthersOnlyList() throws Exception {
    Instant ends = Instant.now().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String finance = body("{\"department\": \"finance\", \"kind\": \"SLA_BREACH\"}", ends);
    assertThat(call("POST", "/api/silences", FINANCE, finance).statusCode()).isEqualTo(403);
    assertThat(written).isEmpty();

    HttpResponse<String> created = call("POST", "/api/silences", ADMIN, finance);
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode silence = JSON.readTree(created.body());
    String id = silence.path("id").asText();
    assertThat(silence.path("status").asText()).isEqualTo("active");
    assertThat(silence.path("matchers").path("kind").asText()).isEqualTo("SLA_BREACH");
    assertThat(written.get(id).getKind()).isEqualTo(AlertKind.SLA_BREACH);
    assertThat(written.get(id).getTopic()).as("unset matchers match anything").isNull();
    assertThat(written.get(id).getEndsAt()).isEqualTo(ends);
    assertThat(call("POST", "/api/silences", CX, body("{}", ends)).statusCode()).isEqualTo(201);

    HttpResponse<String> list = call("GET", "/api/silences", FINANCE, null);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(list.body()).path("silences")).hasSize(2);

    assertThat(call("DELETE", "/api/silences/" + id, FINANCE, null).statusCode()).isEqualTo(403);
    HttpResponse<String> deleted = call("DELETE", "/api/silences/" + id, ADMIN, null);
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(deleted.body()).path("status").asText()).isEqualTo("expired");
    assertThat(written.get(id).getEndsAt()).isBefore(ends).isBeforeOrEqualTo(Instant.now());
    assertThat(call("DELETE", "/api/silences/no-such-id", ADMIN, null).statusCode()).isEqualTo(404);
  }

  @Test
  void badBodiesAreRefusedWithTheReason() throws Exception {
    Instant ends = Instant.now().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Map<String, String> bad = Map.of(
        body("{\"team\": \"finance\"}", ends), "unknown matcher",
        body("{\"kind\": \"LOUD\"}", ends), "unknown kind",
        body("{\"priority\": \"P9\"}", ends), "unknown priority",
        body("{}", Instant.now().minusSeconds(60)), "endsAt must be after",
        "{\"matchers\": {}}", "missing endsAt",
        "{\"endsAt\": \"tomorrow\"}", "ISO-8601",
        "{\"endsAt\": \"" + ends + "\", \"why\": \"x\"}", "unknown field",
        "[1]", "JSON object",
        "{", "malformed JSON");
    for (var e : bad.entrySet()) {
      HttpResponse<String> r = call("POST", "/api/silences", ADMIN, e.getKey());
      assertThat(r.statusCode()).as(e.getKey()).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).path("error").asText()).as(e.getKey()).contains(e.getValue());
    }
    assertThat(written).isEmpty();
    assertThat(call("PUT", "/api/silences", ADMIN, "{}").statusCode()).isEqualTo(405);
  }

  @Test
  void withoutAStoreTheApiAnswersNotReady() throws Exception {
    try (HttpApi bare = new HttpApi(0, () -> "", () -> false, () -> null, () -> null,
        new ApiSettings("tasks", "ownership", "cx_office", ApiTokens.parse("admin:" + ADMIN), Set.of(), "localhost"))) {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + bare.port()
          + "/api/silences")).header("Authorization", "Bearer " + ADMIN).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(503);
    }
  }
}
