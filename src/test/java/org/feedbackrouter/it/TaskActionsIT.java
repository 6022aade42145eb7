package org.feedbackrouter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.feedbackrouter.avro.FeedbackLabel;
import org.feedbackrouter.avro.Role;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.classify.FeedbackClassifier;
import org.feedbackrouter.route.OwnershipFile;
import org.feedbackrouter.service.FeedbackApp;
import org.feedbackrouter.testkit.RealServices;
import org.feedbackrouter.testkit.RealServicesExtension;
import org.feedbackrouter.topology.FeedbackTopology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Departments acting on their tasks over real HTTP, against the real broker and registry:
 * bearer tokens per department, actions written to task.events and visible in the task within
 * seconds, idempotent retries, the errors, filtered and paged lists, and topic corrections
 * reaching feedback.labels; on one instance and through the one that does not hold the task.
 */
@ExtendWith(RealServicesExtension.class)
class TaskActionsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final FeedbackClassifier CLASSIFIER = FeedbackClassifier.withDefaults();
  private static final Set<String> DEPARTMENTS =
      OwnershipFile.fromClasspath("/ownership/sample-ownership.yaml").departments();

  @TempDir Path dir;

  private static String token(String department) {
    return department + "-token-0123456789";
  }

  private ServiceSetup setup(RealServices services, String name) throws IOException {
    String tokens = DEPARTMENTS.stream().map(d -> d + ":" + token(d)).collect(Collectors.joining(","))
        + ",admin:" + token("admin");
    return ServiceSetup.create(services, dir, name, ServiceSetup.LONG_SLA, Map.of("feedback.api.tokens", tokens));
  }

  @Test
  void departmentsActOnTheirOwnTasksOverHttp(RealServices services) throws Exception {
    ServiceSetup s = setup(services, "actions");
    try (FeedbackApp app = FeedbackApp.start(s.instance("one"), CLASSIFIER)) {
      String base = app.baseUrl();
      await().atMost(Duration.ofSeconds(90)).until(() -> app.service().isReady());
      List<Task> tasks = s.produceAndReadTasks(services, 16);
      List<Task> acting = tasks.stream()
          .filter(t -> t.getRole() != Role.OBSERVER && t.getSuggestedOwner() == null).toList();
      Task task = acting.get(0);
      String d = task.getDepartment();
      String other = s.departments().stream().filter(x -> !x.equals(d) && !x.equals("cx_office")).findFirst().orElseThrow();
      String url = base + "/api/tasks/" + task.getTaskId();

      // Access: a token per department; /metrics and /health stay open.
      assertThat(call("GET", url, null, null, null).statusCode()).isEqualTo(401);
      HttpResponse<String> wrong = call("GET", url, "not-a-token-at-all", null, null);
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(JSON.readTree(wrong.body()).path("error").asText()).contains("Bearer");
      assertThat(wrong.body()).doesNotContain("not-a-token-at-all");
      assertThat(call("GET", base + "/metrics", null, null, null).statusCode()).isEqualTo(200);
      assertThat(call("GET", base + "/health/live", null, null, null).statusCode()).isEqualTo(200);
      assertThat(call("GET", url, token(other), null, null).statusCode()).isEqualTo(403);
      assertThat(call("GET", url, token(d), null, null).statusCode()).isEqualTo(200);
      assertThat(call("GET", url, token("cx_office"), null, null).statusCode()).as("the fallback sees all").isEqualTo(200);
      assertThat(post(url, token(other), null, "{\"type\":\"ACKNOWLEDGED\"}").statusCode()).isEqualTo(403);

      // An acknowledgement, sent twice with one Idempotency-Key, is applied once.
      long sent = System.nanoTime();
      HttpResponse<String> ack = post(url, token(d), "ack-1", "{\"type\":\"ACKNOWLEDGED\",\"actor\":\"ana@" + d + "\"}");
      assertThat(ack.statusCode()).as(ack.body()).isEqualTo(202);
      String eventId = JSON.readTree(ack.body()).path("eventId").asText();
      HttpResponse<String> retry = post(url, token(d), "ack-1", "{\"type\":\"ACKNOWLEDGED\",\"actor\":\"ana@" + d + "\"}");
      assertThat(retry.statusCode()).isEqualTo(202);
      assertThat(JSON.readTree(retry.body()).path("eventId").asText()).isEqualTo(eventId);
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
          assertThat(json(call("GET", url, token(d), null, null)).path("status").asText()).isEqualTo("ACKNOWLEDGED"));
      System.out.printf("ACKNOWLEDGED visible through GET %.2f s after the POST%n", (System.nanoTime() - sent) / 1e9);

      // Resolution with a code and root cause; then resolving or acknowledging again is a conflict.
      assertThat(post(url, token(d), null, """
          {"type":"RESOLVED","note":"refunded","resolution":{"code":"fixed","rootCause":"tariff table error"}}""")
          .statusCode()).isEqualTo(202);
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
          assertThat(json(call("GET", url, token(d), null, null)).path("status").asText()).isEqualTo("RESOLVED"));
      JsonNode detail = json(call("GET", url, token(d), null, null));
      assertThat(detail.path("history").findValuesAsText("what")).containsExactly("CREATED", "ACKNOWLEDGED", "RESOLVED");
      assertThat(detail.path("history").get(2).path("note").asText())
          .isEqualTo("code fixed; root cause: tariff table error; refunded");
      HttpResponse<String> again = post(url, token(d), null, "{\"type\":\"RESOLVED\"}");
      assertThat(again.statusCode()).isEqualTo(409);
      assertThat(JSON.readTree(again.body()).path("error").asText()).contains("the task is resolved");
      assertThat(post(url, token(d), null, "{\"type\":\"ACKNOWLEDGED\"}").statusCode()).isEqualTo(409);
      assertThat(post(url, token(d), "ack-1", "{\"type\":\"ACKNOWLEDGED\"}").statusCode())
          .as("a late retry of an applied event is still accepted, not a conflict").isEqualTo(202);
      String series = "feedback_resolutions_total{code=\"fixed\",department=\"" + d + "\"} ";
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
          call("GET", base + "/metrics", null, null, null).body().lines().filter(l -> l.startsWith(series))
              .map(l -> Double.parseDouble(l.substring(series.length())))).containsExactly(1.0));

      // Errors, as JSON.
      assertError(post(url, token(d), null, "{\"type\":"), 400, "malformed JSON");
      assertError(post(url, token(d), null, "{\"type\":\"CLOSED\"}"), 400, "unknown type");
      assertError(post(url, token(d), null, "{\"type\":\"REASSIGNED\"}"), 400, "reassignTo");
      assertError(post(url, token(d), null, "{\"type\":\"COMMENTED\",\"note\":\"" + "x".repeat(4001) + "\"}"), 400, "at most 4000");
      assertError(post(url, token(d), null, "{\"type\":\"COMMENTED\",\"note\":\"" + "x".repeat(70_000) + "\"}"), 413, "larger than");
      assertError(post(base + "/api/tasks/no-such-task", token(d), null, "{\"type\":\"ACKNOWLEDGED\"}"), 404, "no task");
      assertError(call("GET", base + "/api/tasks/" + "x".repeat(201), token(d), null, null), 400, "malformed task id");
      assertError(call("PUT", url, token(d), null, "{}"), 405, "only GET");

      // A reassignment because the topic was wrong: a new task for the other department and a label.
      Task moved = acting.get(1);
      // Not d: the new task would join d's list, which is checked against the tasks read above.
      String target = s.departments().stream()
          .filter(x -> !x.equals(moved.getDepartment()) && !x.equals("cx_office") && !x.equals(d))
          .findFirst().orElseThrow();
      String right = moved.getTopic().equals("delivery") ? "returns" : "delivery";
      String movedUrl = base + "/api/tasks/" + moved.getTaskId();
      assertError(post(movedUrl, token("admin"), null, "{\"type\":\"REASSIGNED\",\"reassignTo\":\"nowhere\"}"), 400,
          "not a known department");
      assertThat(post(movedUrl, token("admin"), null, "{\"type\":\"REASSIGNED\",\"reassignTo\":\"" + target
          + "\",\"reason\":\"wrong_topic\",\"correctTopic\":\"" + right + "\"}").statusCode()).isEqualTo(202);
      FeedbackLabel label = readLabel(services, s, moved.getFeedbackId());
      assertThat(label.getWrongTopic()).isEqualTo(moved.getTopic());
      assertThat(label.getRightTopic()).isEqualTo(right);
      assertThat(label.getRedactedText()).isEqualTo(moved.getRedactedText());

      // Lists: the departments, a 404 for a typo, a 403 for another department's list.
      List<String> departments = new ArrayList<>();
      json(call("GET", base + "/api/departments", token(d), null, null)).path("departments")
          .forEach(n -> departments.add(n.asText()));
      assertThat(departments).containsExactlyElementsOf(new java.util.TreeSet<>(s.departments()));
      assertError(call("GET", base + "/api/departments/finanse/tasks", token("admin"), null, null), 404, "no department");
      assertError(call("GET", base + "/api/departments/" + other + "/tasks", token(d), null, null), 403, "own tasks");
      assertPagesCoverTheDepartment(base, tasks, d);
    }
  }

  @Test
  void eitherInstanceTakesActionsWithTheCallersIdentity(RealServices services) throws Exception {
    ServiceSetup s = setup(services, "actions2");
    try (FeedbackApp a = FeedbackApp.start(s.instance("a"), CLASSIFIER);
        FeedbackApp b = FeedbackApp.start(s.instance("b"), CLASSIFIER)) {
      await().atMost(Duration.ofSeconds(120)).until(() -> a.service().isReady() && b.service().isReady()
          && a.service().streams().streamsMetadataForStore(FeedbackTopology.TASK_STORE).size() == 2);
      List<Task> tasks = s.produceAndReadTasks(services, 16);
      List<Task> acting = tasks.stream().filter(t -> t.getRole() != Role.OBSERVER && t.getSuggestedOwner() == null).toList();
      int checked = 0;
      for (Task t : acting) {
        String d = t.getDepartment();
        String other = s.departments().stream().filter(x -> !x.equals(d) && !x.equals("cx_office")).findFirst().orElseThrow();
        // Through the instance that does not hold the task: forwarded, with the caller's own token.
        FeedbackApp notHolding = holds(a, t) ? b : a;
        String url = notHolding.baseUrl() + "/api/tasks/" + t.getTaskId();
        assertThat(post(url, token(other), null, "{\"type\":\"ACKNOWLEDGED\"}").statusCode()).isEqualTo(403);
        assertThat(post(url, token(d), "k-" + t.getTaskId(), "{\"type\":\"RESOLVED\"}").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
            assertThat(json(call("GET", url, token(d), null, null)).path("status").asText()).isEqualTo("RESOLVED"));
        assertThat(post(url, token(d), null, "{\"type\":\"RESOLVED\"}").statusCode()).isEqualTo(409);
        if (++checked == 3) {
          break;
        }
      }
      assertThat(checked).isEqualTo(3);
      String busiest = tasks.stream().collect(Collectors.groupingBy(Task::getDepartment, Collectors.counting()))
          .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      assertPagesCoverTheDepartment(a.baseUrl(), tasks, busiest);
    }
  }

  /** Pages of one task each, followed by their cursors, list every task of the department once. */
  private static void assertPagesCoverTheDepartment(String base, List<Task> tasks, String department) throws Exception {
    Set<String> expected = tasks.stream().filter(t -> t.getDepartment().equals(department))
        .map(Task::getTaskId).collect(Collectors.toSet());
    List<String> listed = new ArrayList<>();
    String cursor = null;
    do {
      String url = base + "/api/departments/" + department + "/tasks?status=all&limit=1"
          + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      JsonNode page = json(call("GET", url, token("admin"), null, null));
      page.path("tasks").forEach(n -> listed.add(n.path("taskId").asText()));
      cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
    } while (cursor != null && listed.size() <= expected.size());
    assertThat(listed).doesNotHaveDuplicates();
    assertThat(new HashSet<>(listed)).isEqualTo(expected);
  }

  private static boolean holds(FeedbackApp app, Task t) {
    return app.service().streams().queryMetadataForKey(FeedbackTopology.TASK_STORE, t.getTaskId(),
        new StringSerializer()).activeHost().port() == URI.create(app.baseUrl()).getPort();
  }

  private static FeedbackLabel readLabel(RealServices services, ServiceSetup s, String feedbackId) {
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers());
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "labels-" + UUID.randomUUID());
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, FeedbackLabel>> read = new ArrayList<>();
    try (KafkaConsumer<String, FeedbackLabel> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
        s.topics().labels().valueSerde().deserializer())) {
      consumer.subscribe(List.of(s.topics().labels().name()));
      await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
        consumer.poll(Duration.ofMillis(300)).forEach(read::add);
        return !read.isEmpty();
      });
    }
    assertThat(read).singleElement().satisfies(r -> assertThat(r.key()).isEqualTo(feedbackId));
    return read.get(0).value();
  }

  private static void assertError(HttpResponse<String> r, int status, String message) throws IOException {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("status").asInt()).isEqualTo(status);
    assertThat(body.path("error").asText()).contains(message).doesNotContain("Exception", "\tat ");
  }

  private static JsonNode json(HttpResponse<String> r) throws IOException {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static HttpResponse<String> post(String taskUrl, String token, String key, String body)
      throws IOException, InterruptedException {
    return call("POST", taskUrl + "/events", token, key, body);
  }

  private static HttpResponse<String> call(String method, String url, String token, String key, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    if (key != null) {
      r.header("Idempotency-Key", key);
    }
    if (body != null) {
      r.header("Content-Type", "application/json");
    }
    return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }
}
