package org.feedbackrouter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.feedbackrouter.config.ConfigLoader;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.metrics.MeterRegistries;
import org.feedbackrouter.metrics.PrometheusText;
import org.feedbackrouter.notify.BackoffPolicy;
import org.feedbackrouter.notify.Samples;
import org.feedbackrouter.notify.Signature;
import org.feedbackrouter.notify.TestEndpoint;
import org.feedbackrouter.notify.TestEndpoint.Answer;
import org.feedbackrouter.notify.kafka.DeliveryService;
import org.feedbackrouter.registry.RegistryConfig;
import org.feedbackrouter.registry.SchemaRegistryClients;
import org.feedbackrouter.route.OwnershipFile;
import org.feedbackrouter.testkit.RealServices;
import org.feedbackrouter.testkit.RealServicesExtension;
import org.feedbackrouter.topology.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery from the real broker and registry to a real HTTP server that fails the first attempts,
 * answers 429 with Retry-After, is slow, or is dead; and a kill -9 of the deliverer in the middle.
 */
@ExtendWith(RealServicesExtension.class)
class NotificationDeliveryIT {
  private static final BackoffPolicy FAST =
      new BackoffPolicy(4, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(10));
  private static final Path JAR = Path.of("target", "feedback-router.jar");

  @TempDir Path dir;

  private record Setup(String prefix, FeedbackConfig config, Topics topics, Path file, Map<String, String> env) {}

  private Setup setup(RealServices services, String name, TestEndpoint endpoint) throws Exception {
    String prefix = name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    Map<String, String> env = Map.of(
        "FINANCE_HOOK_SECRET", "finance-secret-" + UUID.randomUUID(),
        "IT_SLACK_URL", endpoint.url("/it").toString(),
        "LEGAL_HOOK_SECRET", "legal-secret",
        "HR_TEAMS_URL", endpoint.url("/hr").toString());
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, """
        topics:
          billing: {owner: finance}
        departments:
          finance:
            notify: [{type: webhook, url: "%s", secret: env:FINANCE_HOOK_SECRET}]
          it:
            notify: [{type: slack, url: env:IT_SLACK_URL}]
          legal:
            notify: [{type: webhook, url: "%s", secret: env:LEGAL_HOOK_SECRET}]
          hr:
            notify: [{type: teams, url: env:HR_TEAMS_URL}]
        """.formatted(endpoint.url("/finance"), endpoint.url("/legal")));
    FeedbackConfig config = ConfigLoader.fromProperties(Map.of(
        "kafka.bootstrap.servers", services.bootstrapServers(),
        "schema.registry.url", services.registryUrl(),
        "feedback.topic.prefix", prefix,
        "feedback.application.id", prefix + "router",
        "feedback.notify.api.url", "https://feedback.example.org"));
    Topics topics = Topics.create(prefix, SchemaRegistryClients.create(RegistryConfig.fromMap(config.registry())), true);
    services.createTopics(1, prefix + "tasks.finance", prefix + "tasks.it", prefix + "alerts.it", prefix + "tasks.legal",
        prefix + "tasks.hr");
    return new Setup(prefix, config, topics, file, env);
  }

  @Test
  void retriesThrottlingDeadLettersAndMetrics(RealServices services) throws Exception {
    try (TestEndpoint endpoint = new TestEndpoint()) {
      Setup s = setup(services, "notify", endpoint);
      // finance: 503, then 429 for a second, then accepted. legal: always 500. hr: never answers in time.
      endpoint.script("/finance", n -> n == 1 ? Answer.status(503) : n == 2 ? new Answer(429, "1", 0) : Answer.ok())
          .script("/legal", n -> Answer.status(500))
          .script("/hr", n -> new Answer(200, null, 30_000));
      List<String> finance = ids("f", 6);
      List<String> it = ids("i", 6);
      List<String> legal = ids("l", 3);
      Map<String, List<SpecificRecord>> records = new HashMap<>();
      records.put("tasks.hr", ids("h", 5).stream().map(id -> (SpecificRecord) Samples.task(id, "hr")).toList());
      records.put("tasks.finance", finance.stream().map(id -> (SpecificRecord) Samples.task(id, "finance")).toList());
      records.put("tasks.legal", legal.stream().map(id -> (SpecificRecord) Samples.task(id, "legal")).toList());
      records.put("tasks.it", it.subList(0, 3).stream().map(id -> (SpecificRecord) Samples.task(id, "it")).toList());
      records.put("alerts.it", it.subList(3, 6).stream().map(id -> (SpecificRecord) Samples.alert(id, "it")).toList());
      produce(services, s, records);
      inTransaction(services, List.of(new ProducerRecord<>(s.prefix() + "tasks.it", "garbage",
          "not avro".getBytes(StandardCharsets.UTF_8))));

      PrometheusMeterRegistry meters = MeterRegistries.prometheus();
      Map<String, List<org.feedbackrouter.notify.Destination>> destinations =
          OwnershipFile.load(s.file(), s.env()).destinations();
      try (DeliveryService delivery = DeliveryService.start(s.config(), destinations, meters, FAST,
          Duration.ofMillis(500))) {
        await("it's tasks and alerts on Slack").atMost(Duration.ofSeconds(60))
            .until(() -> keys(endpoint.delivered("/it")).containsAll(it));
        // hr's endpoint is dead: each of its records takes 4 timed-out attempts (over 2 s), one after the
        // other, so its last is far from done; it's went through meanwhile.
        assertThat(deadLetters(services, s)).noneMatch(r -> r.key().equals("h-04"));

        await("finance's webhooks accepted").atMost(Duration.ofSeconds(60))
            .until(() -> keys(endpoint.delivered("/finance")).containsAll(finance));
        await("legal and hr dead-lettered, and the garbage").atMost(Duration.ofSeconds(60))
            .until(() -> deadLetters(services, s).size() == legal.size() + 5 + 1);
        await("every offset committed").atMost(Duration.ofSeconds(30))
            .until(() -> committed(services, s, "tasks.finance") == finance.size()
                && committed(services, s, "tasks.legal") == legal.size()
                && committed(services, s, "tasks.hr") == 5
                // 3 tasks and a commit marker, then the garbage in a transaction of its own.
                && committed(services, s, "tasks.it") == 5
                && committed(services, s, "alerts.it") == 3);
      }

      List<TestEndpoint.Received> financeRequests = endpoint.received("/finance");
      assertThat(financeRequests).hasSize(3 * finance.size()).allSatisfy(r -> {
        assertThat(r.header("X-Feedback-Signature")).isEqualTo(Signature.sign(r.body(), s.env().get("FINANCE_HOOK_SECRET")));
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("\"taskId\":\"" + r.idempotencyKey() + "\"");
      });
      // The attempt after the 429 waited for its Retry-After.
      for (String id : finance) {
        List<TestEndpoint.Received> tries = financeRequests.stream().filter(r -> r.idempotencyKey().equals(id)).toList();
        assertThat(tries.get(2).atMillis() - tries.get(1).atMillis()).as(id).isGreaterThanOrEqualTo(950);
      }
      assertThat(endpoint.received("/legal")).hasSize(4 * legal.size());
      assertThat(new String(endpoint.delivered("/it").get(0).body(), StandardCharsets.UTF_8))
          .contains("\"blocks\"", "https://feedback.example.org/api/tasks/");

      List<ConsumerRecord<String, byte[]>> dead = deadLetters(services, s);
      assertThat(dead.stream().filter(r -> r.key().startsWith("l-")))
          .extracting(r -> header(r, "dlq.reason"), r -> header(r, "dlq.destination"), r -> header(r, "dlq.attempts"),
              r -> header(r, "dlq.detail"))
          .containsOnly(org.assertj.core.groups.Tuple.tuple("retries_exhausted", "legal.notify[0] (webhook)", "4",
              "HTTP 500"));
      assertThat(dead.stream().filter(r -> r.key().startsWith("h-")))
          .allSatisfy(r -> assertThat(header(r, "dlq.detail")).isEqualTo("HttpTimeoutException"));
      assertThat(dead.stream().filter(r -> r.key().equals("garbage")))
          .singleElement().satisfies(r -> assertThat(header(r, "dlq.reason")).isEqualTo("malformed"));
      // The dead letter keeps the original bytes, so it can be replayed.
      ConsumerRecord<String, byte[]> l0 = dead.stream().filter(r -> r.key().equals("l-00")).findFirst().orElseThrow();
      assertThat(s.topics().taskSerde().deserializer().deserialize(l0.topic(), l0.value()).getTaskId()).isEqualTo("l-00");
      assertThat(dead).allSatisfy(r -> assertThat(r.headers().toArray()).allSatisfy(h ->
          assertThat(new String(h.value(), StandardCharsets.UTF_8)).doesNotContain("127.0.0.1", "secret")));

      assertThat(count(meters, "finance", "webhook", "delivered")).isEqualTo(6);
      assertThat(count(meters, "finance", "webhook", "retried")).isEqualTo(12);
      assertThat(count(meters, "legal", "webhook", "dead_lettered")).isEqualTo(3);
      assertThat(count(meters, "hr", "teams", "dead_lettered")).isEqualTo(5);
      assertThat(count(meters, "it", "slack", "delivered")).isEqualTo(6);
      String scrape = PrometheusText.scrape(meters);
      assertThat(scrape).contains("feedback_notification_latency_seconds_count{channel=\"webhook\"} 6")
          .contains("feedback_notifications_total{channel=\"slack\",department=\"it\",result=\"delivered\"} 6.0");
    }
  }

  @Test
  void aKillMinus9LosesNothing(RealServices services) throws Exception {
    assertThat(JAR).as("the shaded jar (mvn package)").isRegularFile();
    try (TestEndpoint endpoint = new TestEndpoint()) {
      Setup s = setup(services, "notify-kill", endpoint);
      endpoint.script("/finance", n -> new Answer(200, null, 150));
      List<String> finance = ids("k", 40);
      produce(services, s, Map.of("tasks.finance",
          finance.stream().map(id -> (SpecificRecord) Samples.task(id, "finance")).toList()));

      Process deliverer = startNotifyProcess(s);
      try {
        await("some deliveries by the process").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
            .until(() -> endpoint.delivered("/finance").size() >= 8);
      } finally {
        deliverer.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
      int beforeKill = endpoint.delivered("/finance").size();
      assertThat(beforeKill).isLessThan(finance.size());
      assertThat(Files.readString(dir.resolve("notify.out")))
          .contains("Delivering notifications of")
          .doesNotContain(s.env().get("FINANCE_HOOK_SECRET"), endpoint.url("/finance").toString(),
              s.env().get("IT_SLACK_URL"));

      Map<String, List<org.feedbackrouter.notify.Destination>> destinations =
          OwnershipFile.load(s.file(), s.env()).destinations();
      try (DeliveryService delivery = DeliveryService.start(s.config(), destinations, MeterRegistries.prometheus(),
          FAST, Duration.ofSeconds(5))) {
        await("every task delivered after the restart").atMost(Duration.ofSeconds(60))
            .until(() -> keys(endpoint.delivered("/finance")).containsAll(finance));
        await("offsets committed").atMost(Duration.ofSeconds(30))
            .until(() -> committed(services, s, "tasks.finance") == finance.size());
      }
      Map<String, Long> deliveries = endpoint.delivered("/finance").stream()
          .collect(Collectors.groupingBy(TestEndpoint.Received::idempotencyKey, Collectors.counting()));
      // Offsets were committed while the process ran: the restart resumed near the kill, not at the start.
      assertThat(deliveries.get("k-00")).isEqualTo(1);
      assertThat(deliveries.values().stream().filter(n -> n > 1).count()).isLessThan(beforeKill);
    }
  }

  private Process startNotifyProcess(Setup s) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-jar", JAR.toAbsolutePath().toString(), "notify", s.file().toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("notify.out").toFile());
    pb.environment().putAll(s.env());
    pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", s.config().bootstrapServers());
    pb.environment().put("SCHEMA_REGISTRY_URL", s.config().registryUrl());
    pb.environment().put("FEEDBACK_TOPIC_PREFIX", s.prefix());
    pb.environment().put("FEEDBACK_APPLICATION_ID", s.config().applicationId());
    pb.environment().put("FEEDBACK_HTTP_PORT", "0");
    // The broker's minimum: the restarted deliverer waits this long for the killed one to be dropped.
    pb.environment().put("KAFKA_SESSION_TIMEOUT_MS", "6000");
    return pb.start();
  }

  private static List<String> ids(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> String.format("%s-%02d", prefix, i)).toList();
  }

  private static Set<String> keys(List<TestEndpoint.Received> received) {
    return received.stream().map(TestEndpoint.Received::idempotencyKey).collect(Collectors.toSet());
  }

  /** In one transaction, as the processor writes: the deliverer reads read_committed. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void produce(RealServices services, Setup s, Map<String, List<SpecificRecord>> byTopic) {
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    byTopic.forEach((topic, values) -> values.forEach(r -> {
      String name = s.prefix() + topic;
      var serde = topic.startsWith("tasks.") ? (org.apache.kafka.common.serialization.Serde) s.topics().taskSerde()
          : s.topics().alertSerde();
      records.add(new ProducerRecord<>(name, r.get(0).toString(), serde.serializer().serialize(name, r)));
    }));
    inTransaction(services, records);
  }

  private static void inTransaction(RealServices services, List<ProducerRecord<String, byte[]>> records) {
    Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers(),
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "notify-it-" + UUID.randomUUID());
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
        new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      records.forEach(producer::send);
      producer.commitTransaction();
    }
  }

  private static List<ConsumerRecord<String, byte[]>> deadLetters(RealServices services, Setup s) {
    Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      String topic = s.prefix() + DeliveryService.DEAD_LETTER_TOPIC;
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  private static long committed(RealServices services, Setup s, String topic) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets = services.admin()
        .listConsumerGroupOffsets(s.config().applicationId() + "-notify").partitionsToOffsetAndMetadata().get();
    OffsetAndMetadata o = offsets.get(new TopicPartition(s.prefix() + topic, 0));
    return o == null ? -1 : o.offset();
  }

  private static String header(ConsumerRecord<?, ?> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static double count(PrometheusMeterRegistry meters, String department, String channel, String result) {
    return meters.get("feedback_notifications").tags("department", department, "channel", channel, "result", result)
        .counter().count();
  }
}
