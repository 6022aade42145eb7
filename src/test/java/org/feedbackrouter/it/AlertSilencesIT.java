package org.feedbackrouter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.feedbackrouter.avro.Channel;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.classify.FeedbackClassifier;
import org.feedbackrouter.service.FeedbackApp;
import org.feedbackrouter.testkit.RealServices;
import org.feedbackrouter.testkit.RealServicesExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Silences end to end on the real broker and registry: created over HTTP, written to
 * alert.silences, read back through the global store by GET and by the alert stage, which then
 * counts the SLA breaches it mutes; DELETE expires the silence. Tasks here breach their 4 s SLA.
 */
@ExtendWith(RealServicesExtension.class)
class AlertSilencesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String ADMIN = "admin-token-0123456789";
  private static final String FINANCE = "finance-token-0123456789";

  @TempDir Path dir;

  private static HttpResponse<String> call(String method, String url, String token, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static double counter(FeedbackApp app, String name, String... tags) {
    return app.meters().find(name).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  /** Feedback with ids of its own: the generator's ids repeat, and the service drops repeated ids. */
  private static void sendFeedback(RealServices services, ServiceSetup s, String prefix) throws Exception {
    try (KafkaProducer<String, FeedbackReceived> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers()), new StringSerializer(),
        s.topics().feedbackReceived().valueSerde().serializer())) {
      for (int i = 0; i < 3; i++) {
        FeedbackReceived f = FeedbackReceived.newBuilder().setId(prefix + "-" + i).setChannel(Channel.WEB)
            .setReceivedAt(Instant.now()).setText("The invoice charges me twice for the same monthly fee").build();
        producer.send(new ProducerRecord<>(s.topics().feedbackReceived().name(), f.getId(), f)).get();
      }
    }
  }

  @Test
  void aSilenceMadeOverHttpMutesTheAlertsItMatchesUntilItIsExpired(RealServices services) throws Exception {
    ServiceSetup s = ServiceSetup.create(services, dir, "silences", Map.of(
        "feedback.api.tokens", "admin:" + ADMIN + ",finance:" + FINANCE, "feedback.alerts.group.wait", "1s"));
    try (FeedbackApp app = FeedbackApp.start(s.instance("one"), FeedbackClassifier.withDefaults())) {
      String api = app.baseUrl() + "/api/silences";
      await().atMost(Duration.ofSeconds(90)).until(() -> app.service().isReady());
      String body = "{\"matchers\": {\"kind\": \"SLA_BREACH\"}, \"endsAt\": \"" + Instant.now().plusSeconds(3600)
          + "\", \"comment\": \"every breach, for this test\"}";
      assertThat(call("POST", api, FINANCE, body).statusCode()).isEqualTo(403);
      HttpResponse<String> created = call("POST", api, ADMIN, body);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String id = JSON.readTree(created.body()).path("id").asText();
      await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
        JsonNode list = JSON.readTree(call("GET", api, FINANCE, null).body()).path("silences");
        assertThat(list.findValuesAsText("id")).contains(id);
      });

      s.produceAndReadTasks(services, 6);
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(counter(app, "feedback_alerts_suppressed", "kind", "SLA_BREACH", "reason", "silenced")).isPositive());
      assertThat(counter(app, "feedback_alerts", "kind", "SLA_BREACH")).as("breaches sent").isZero();

      HttpResponse<String> expired = call("DELETE", api + "/" + id, ADMIN, null);
      assertThat(expired.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(expired.body()).path("status").asText()).isEqualTo("expired");
      await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
        JsonNode list = JSON.readTree(call("GET", api, ADMIN, null).body()).path("silences");
        assertThat(list).anySatisfy(x -> {
          assertThat(x.path("id").asText()).isEqualTo(id);
          assertThat(x.path("status").asText()).isEqualTo("expired");
        });
      });
      sendFeedback(services, s, "after-expiry");
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(counter(app, "feedback_alerts", "kind", "SLA_BREACH")).as("breaches sent").isPositive());
    }
  }
}
