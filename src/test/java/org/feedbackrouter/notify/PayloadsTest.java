package org.feedbackrouter.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PayloadsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final URI URL = URI.create("https://hooks.example.org/x");
  private final Payloads payloads = new Payloads("https://feedback.example.org/");

  @Test
  void webhookBodyIsTheTaskAsJsonSignedWithTheSecret() throws Exception {
    Destination hook = new Destination("finance", 1, DestinationType.WEBHOOK, URL, "top-secret");
    OutgoingRequest request = payloads.build(hook, Notification.of(Samples.task("t-1", "finance")));

    JsonNode body = JSON.readTree(request.body());
    assertThat(body.get("taskId").asText()).isEqualTo("t-1");
    assertThat(body.get("priority").asText()).isEqualTo("P1");
    assertThat(body.get("role").asText()).isEqualTo("OWNER");
    assertThat(body.get("resolveDueAt").asText()).isEqualTo("2026-03-01T18:15:00Z");
    assertThat(body.get("suggestedOwner").isNull()).isTrue();
    assertThat(body.get("departments")).hasSize(2);
    assertThat(request.headers()).containsEntry("Idempotency-Key", "t-1").containsEntry("X-Feedback-Type", "task");
    // Checked with an HMAC computed here, not with the code under test.
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("top-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    assertThat(request.headers().get("X-Feedback-Signature"))
        .isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(request.body())));
  }

  @Test
  void alertsAreSentAsAlertsKeyedByTheAlertId() throws Exception {
    Destination hook = new Destination("finance", 0, DestinationType.WEBHOOK, URL, "k");
    OutgoingRequest request = payloads.build(hook, Notification.of(Samples.alert("a-9", "finance")));
    assertThat(JSON.readTree(request.body()).get("kind").asText()).isEqualTo("SLA_BREACH");
    assertThat(request.headers()).containsEntry("Idempotency-Key", "a-9").containsEntry("X-Feedback-Type", "alert");
  }

  @Test
  void slackMessageShowsPriorityTopicRoleDueTimeAndLinksToTheTask() throws Exception {
    Destination slack = new Destination("finance", 0, DestinationType.SLACK, URL, null);
    OutgoingRequest request = payloads.build(slack, Notification.of(Samples.task("t/1", "finance")));
    JsonNode message = JSON.readTree(request.body());

    assertThat(message.get("text").asText()).isEqualTo("P1 task for finance: billing (owner)");
    JsonNode blocks = message.get("blocks");
    assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
    // Slack markup in the customer's text is escaped, so it cannot forge links or mentions.
    assertThat(blocks.get(1).get("text").get("text").asText())
        .isEqualTo("Charged twice &lt;again&gt; &amp; no answer at [PHONE]");
    assertThat(blocks.get(2).get("fields").findValuesAsText("text")).containsExactly(
        "*Priority*\nP1", "*Topic*\nbilling", "*Role*\nowner", "*Department*\nfinance",
        "*Due*\n<!date^1772388900^{date_short_pretty} {time}|2026-03-01T18:15:00Z>");
    assertThat(blocks.get(3).get("elements").get(0).get("url").asText())
        .isEqualTo("https://feedback.example.org/api/tasks/t%2F1");
    assertThat(request.headers()).containsOnlyKeys("Idempotency-Key");
  }

  @Test
  void teamsGetsAnAdaptiveCardInAWorkflowsMessage() throws Exception {
    Destination teams = new Destination("it", 0, DestinationType.TEAMS, URL, null);
    OutgoingRequest request = payloads.build(teams, Notification.of(Samples.alert("a-1", "it")));
    JsonNode message = JSON.readTree(request.body());

    assertThat(message.get("type").asText()).isEqualTo("message");
    JsonNode attachment = message.get("attachments").get(0);
    assertThat(attachment.get("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
    JsonNode card = attachment.get("content");
    assertThat(card.get("type").asText()).isEqualTo("AdaptiveCard");
    assertThat(card.get("version").asText()).isEqualTo("1.4");
    assertThat(card.get("body").get(1).get("text").asText()).isEqualTo("Task not acknowledged within 1h");
    assertThat(card.get("body").get(2).get("facts").findValuesAsText("title"))
        .containsExactly("Priority", "Topic", "Alert", "Department");
    assertThat(card.get("actions").get(0).get("url").asText())
        .isEqualTo("https://feedback.example.org/api/tasks/task-of-a-1");
    assertThat(request.headers()).containsEntry("Idempotency-Key", "a-1");
  }

  @Test
  void withoutAnApiAddressOrATaskThereIsNoLink() throws Exception {
    Destination slack = new Destination("it", 0, DestinationType.SLACK, URL, null);
    JsonNode message = JSON.readTree(new Payloads("").build(slack, Notification.of(Samples.task("t", "it"))).body());
    assertThat(message.get("blocks").findValues("type").stream().map(JsonNode::asText)).doesNotContain("actions");
  }

  @Test
  void aDestinationNeverShowsItsUrlOrSecret() {
    Destination hook = new Destination("finance", 2, DestinationType.WEBHOOK, URL, "top-secret");
    assertThat(hook.toString()).isEqualTo("finance.notify[2] (webhook)").doesNotContain("example", "secret");
  }
}
