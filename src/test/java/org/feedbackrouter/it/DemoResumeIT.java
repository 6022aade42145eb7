package org.feedbackrouter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.feedbackrouter.access.ApiTokens;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.avro.TaskEvent;
import org.feedbackrouter.avro.TaskEventType;
import org.feedbackrouter.registry.KafkaAvroDeserializer;
import org.feedbackrouter.registry.KafkaAvroSerializer;
import org.feedbackrouter.testkit.CliRun;
import org.junit.jupiter.api.Test;

/**
 * The demo as a newcomer uses it from a second terminal: {@code java -jar target/feedback-router.jar demo} as a
 * child process on fixed ports with a data directory, fed by {@code produce}, watched with {@code tail}, checked
 * with {@code ownership apply --dry-run}, answered by the README's department client; then stopped and started again on the same directory, where it must
 * resume with its schemas and tasks. Needs {@code target/feedback-router.jar} (Failsafe runs after
 * {@code package}). Files land in {@code target/demo-resume-it/}.
 */
class DemoResumeIT {
  private static final Path JAR = Path.of("target", "feedback-router.jar");
  private static final Path WORK = Path.of("target", "demo-resume-it");
  private static final Duration READY_WITHIN = Duration.ofSeconds(180);
  private static final Duration TASKS_WITHIN = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Lines the demo may print before its banner; anything else is noise (broker dumps, client logs). */
  private static final List<String> BEFORE_BANNER = List.of("feedback-router demo: starting",
      "Dead letters are sealed", "Ownership model:", "Training the classifier", "");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String adminToken = ApiTokens.generate(new SecureRandom());

  @Test
  void otherCommandsFeedTheDemoAndItResumesOnItsDataDirectory() throws Exception {
    assertThat(JAR).as("the shaded jar (mvn package)").isRegularFile();
    Utils.delete(WORK.toFile());
    Path data = WORK.resolve("data");
    Files.createDirectories(WORK.resolve("tmp"));
    int kafkaPort = freePort();
    int registryPort = freePort();
    int httpPort = freePort();
    String bootstrap = "127.0.0.1:" + kafkaPort;
    String registry = "http://127.0.0.1:" + registryPort;
    String api = "http://localhost:" + httpPort;
    List<String> demoArgs = List.of("demo", "--data-dir", data.toString(), "--kafka-port", Integer.toString(kafkaPort),
        "--registry-port", Integer.toString(registryPort), "--http-port", Integer.toString(httpPort),
        "--rate", "0", "--departments", "off", "--summary-every", "5");
    Path feedback = Files.writeString(WORK.resolve("feedback.jsonl"), String.join("\n",
        line("resume-1", "web", "I was charged twice for the same invoice this month"),
        line("resume-2", "app", "The bill shows a double charge for my subscription, please fix the billing error"),
        line("resume-3", "email", "Me cobraron dos veces la factura de este mes")) + "\n");

    CliRun classified = CliRun.of("classify", "--input", feedback.toString());
    assertThat(classified.exit()).as("classify works offline: " + classified.err()).isZero();
    assertThat(classified.out().lines().map(this::json).map(n -> n.path("primaryTopic").asText()))
        .as("the feedback is about billing, which finance owns in the demo's model").containsOnly("billing");

    Process first = start(demoArgs, "first");
    Set<String> tasksBefore;
    try {
      List<String> printed = awaitReady(first, "first");
      assertThat(printed).as("the banner's paste-ready commands").contains(
          "  broker        " + bootstrap + "   (data in " + data.resolve("kafka").toAbsolutePath() + ")",
          "  produce       java -jar target/feedback-router.jar produce FILE.jsonl --bootstrap-servers " + bootstrap
              + " --registry-url " + registry);
      assertThat(printed.subList(0, printed.indexOf("feedback-router demo")))
          .as("nothing but the demo's own lines before the banner")
          .allMatch(l -> BEFORE_BANNER.stream().anyMatch(l::startsWith));

      CliRun produced = CliRun.of("produce", feedback.toString(), "--bootstrap-servers", bootstrap,
          "--registry-url", registry);
      assertThat(produced.exit()).as(produced.err()).isZero();
      assertThat(produced.out()).contains("3 sent to feedback.received, 0 rejected");

      tasksBefore = awaitFinanceTasks(api, Set.of("resume-1", "resume-2", "resume-3"));
      assertThat(rejected(api)).as("feedback_rejected_total: nothing dead-lettered").isZero();
      assertTailShows(bootstrap, registry, tasksBefore.size(), Set.of("resume-1", "resume-2", "resume-3"));

      List<String> subjects = subjects(registry);
      CliRun dryRun = CliRun.of("ownership", "apply", "src/main/resources/ownership/sample-ownership.yaml",
          "--dry-run", "--bootstrap-servers", bootstrap, "--registry-url", registry);
      assertThat(dryRun.exit()).as(dryRun.err()).isZero();
      assertThat(dryRun.out()).contains("(dry run: nothing published)");
      assertThat(subjects(registry)).as("a dry run registers no schema").isEqualTo(subjects);
    } finally {
      stop(first, "first");
    }
    assertThat(Files.readString(WORK.resolve("first.out"))).as("final summary at shutdown").contains("Stopped after");
    assertThat(data.resolve("registry").resolve("schemas.json")).isRegularFile();

    Process second = start(demoArgs, "second");
    try {
      awaitReady(second, "second");
      assertThat(awaitFinanceTasks(api, Set.of("resume-1", "resume-2", "resume-3")))
          .as("the tasks of the first run, from the state in the data directory").isEqualTo(tasksBefore);

      Path more = Files.writeString(WORK.resolve("more.jsonl"),
          line("resume-4", "survey", "I was billed twice for one order and want the duplicate charge removed") + "\n");
      CliRun produced = CliRun.of("produce", more.toString(), "--bootstrap-servers", bootstrap,
          "--registry-url", registry);
      assertThat(produced.exit()).as(produced.err()).isZero();
      Set<String> tasksAfter = awaitFinanceTasks(api, Set.of("resume-1", "resume-2", "resume-3", "resume-4"));
      assertTailShows(bootstrap, registry, tasksAfter.size(), Set.of("resume-1", "resume-2", "resume-3", "resume-4"));
      departmentClientAcknowledges(bootstrap, registry, api, "resume-4");
      assertThat(rejected(api)).as("feedback_rejected_total after the restart").isZero();
      assertThat(second.isAlive()).as("still running after the resume").isTrue();
    } finally {
      stop(second, "second");
    }
    for (Path file : List.of(WORK.resolve("second.out"), WORK.resolve("second.err"),
        data.resolve("feedback-router.log"))) {
      assertThat(Files.readString(file)).as(file.toString()).doesNotContain("unknown schema id",
          "Unknown schema id");
    }
  }

  private Process start(List<String> demoArgs, String name) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-Djava.io.tmpdir=" + WORK.resolve("tmp").toAbsolutePath(), "-jar", JAR.toString()));
    command.addAll(demoArgs);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("FEEDBACK_API_TOKENS", "admin:" + adminToken);
    return builder.redirectOutput(WORK.resolve(name + ".out").toFile())
        .redirectError(WORK.resolve(name + ".err").toFile()).start();
  }

  private List<String> awaitReady(Process demo, String name) {
    Path out = WORK.resolve(name + ".out");
    await(name + " demo ready").atMost(READY_WITHIN).pollInterval(Duration.ofSeconds(1)).until(() -> {
      if (!demo.isAlive()) {
        fail("the %s demo exited with %d:%n%s%n%s", name, demo.exitValue(), Files.readString(out),
            Files.readString(WORK.resolve(name + ".err")));
      }
      return Files.readString(out).contains("Ready: Kafka Streams is RUNNING.");
    });
    try {
      return Files.readAllLines(out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SIGTERM, as Ctrl-C: the shutdown hook closes the processor, the broker and the registry. */
  private static void stop(Process demo, String name) throws InterruptedException {
    demo.destroy();
    if (!demo.waitFor(90, TimeUnit.SECONDS)) {
      demo.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fail("the %s demo did not stop within 90 s of SIGTERM", name);
    }
  }

  /** The ids of finance's tasks once every feedback id has one, through the demo's API. */
  private Set<String> awaitFinanceTasks(String api, Set<String> feedbackIds) {
    Set<String> taskIds = new TreeSet<>();
    await("finance tasks for " + feedbackIds).atMost(TASKS_WITHIN).pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> {
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                  URI.create(api + "/api/departments/finance/tasks?status=all&limit=1000"))
              .header("Authorization", "Bearer " + adminToken).build(), HttpResponse.BodyHandlers.ofString());
          assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
          Set<String> seen = new TreeSet<>();
          taskIds.clear();
          json(r.body()).path("tasks").forEach(t -> {
            seen.add(t.path("feedbackId").asText());
            taskIds.add(t.path("taskId").asText());
          });
          assertThat(seen).isEqualTo(feedbackIds);
        });
    return taskIds;
  }

  /** {@code tail} decodes the tasks through the demo's registry from another process's point of view. */
  private void assertTailShows(String bootstrap, String registry, int count, Set<String> feedbackIds)
      throws Exception {
    // tail waits for --max records: bounded here, so a missing record fails the test instead of hanging it.
    CliRun tail = CompletableFuture.supplyAsync(() -> CliRun.of("tail", "--tasks", "finance", "--from-beginning",
        "--max", Integer.toString(count), "--bootstrap-servers", bootstrap, "--registry-url", registry))
        .get(90, TimeUnit.SECONDS);
    assertThat(tail.exit()).as(tail.err()).isZero();
    assertThat(tail.out().lines().map(this::json).map(n -> n.path("value").path("feedbackId").asText()))
        .hasSize(count).containsOnlyElementsOf(feedbackIds).containsAll(feedbackIds);
  }

  /** The README's department client, as written there, against the demo's broker and registry. */
  private void departmentClientAcknowledges(String bootstrap, String registry, String api, String feedbackId)
      throws Exception {
    Map<String, Object> p = new HashMap<>();
    p.put("bootstrap.servers", bootstrap);
    p.put("group.id", "finance-desk");
    p.put("isolation.level", "read_committed");
    p.put("schema.registry.url", registry);
    p.put("specific.avro.reader", "true");
    p.put("auto.offset.reset", "earliest"); // the task was written before this group existed
    KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
    deserializer.configure(p, false);
    KafkaAvroSerializer serializer = new KafkaAvroSerializer();
    serializer.configure(p, false);
    AtomicReference<Task> found = new AtomicReference<>();
    try (var tasks = new KafkaConsumer<>(p, new StringDeserializer(), deserializer);
         var events = new KafkaProducer<>(p, new StringSerializer(), serializer)) {
      tasks.subscribe(List.of("tasks.finance"));
      await("the README's consumer reads the task of " + feedbackId).atMost(Duration.ofSeconds(60))
          .until(() -> {
            for (ConsumerRecord<String, Object> r : tasks.poll(Duration.ofMillis(500))) {
              if (r.value() instanceof Task t && t.getFeedbackId().equals(feedbackId)) {
                found.set(t);
              }
            }
            return found.get() != null;
          });
      TaskEvent ack = TaskEvent.newBuilder().setTaskId(found.get().getTaskId()).setType(TaskEventType.ACKNOWLEDGED)
          .setActor("ana@finance").setOccurredAt(Instant.now()).build();
      events.send(new ProducerRecord<>("task.events", ack.getTaskId(), ack)).get();
    }
    await("the demo applies the department's acknowledgement").atMost(TASKS_WITHIN)
        .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                  URI.create(api + "/api/tasks/" + found.get().getTaskId()))
              .header("Authorization", "Bearer " + adminToken).build(), HttpResponse.BodyHandlers.ofString());
          assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
          assertThat(json(r.body()).path("status").asText()).isEqualTo("ACKNOWLEDGED");
        });
  }

  private double rejected(String api) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    return r.body().lines().filter(l -> l.startsWith("feedback_rejected_total"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  private List<String> subjects(String registry) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(registry + "/subjects")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    List<String> subjects = new ArrayList<>();
    json(r.body()).forEach(s -> subjects.add(s.asText()));
    return subjects;
  }

  private JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  private static String line(String id, String channel, String text) {
    return JSON.createObjectNode().put("id", id).put("channel", channel).put("text", text).toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
