package org.feedbackrouter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.AlertKind;
import org.feedbackrouter.avro.ClassifiedFeedback;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.Scores;
import org.feedbackrouter.avro.TopicScore;
import org.feedbackrouter.classify.Classification;
import org.feedbackrouter.classify.FeedbackClassifier;
import org.feedbackrouter.cli.Main;
import org.feedbackrouter.config.ConfigLoader;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.ingest.DeadLetterHandler;
import org.feedbackrouter.registry.RegistryConfig;
import org.feedbackrouter.registry.SchemaRegistryClients;
import org.feedbackrouter.route.Ids;
import org.feedbackrouter.route.OwnershipFile;
import org.feedbackrouter.route.OwnershipTable;
import org.feedbackrouter.route.Router;
import org.feedbackrouter.route.RoutingPlan;
import org.feedbackrouter.service.FeedbackService;
import org.feedbackrouter.simulate.FeedbackGenerator;
import org.feedbackrouter.testkit.CommittedRecords;
import org.feedbackrouter.testkit.RealServices;
import org.feedbackrouter.testkit.RealServicesExtension;
import org.feedbackrouter.topology.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on a real broker and registry: {@code ownership apply}, then 2,000 feedback
 * events (5% malformed bytes, 5% invalid) plus upstream retries, and exact counts everywhere.
 * Expected tasks come from the classifier and router run directly on the same input, so this
 * proves the Kafka side delivers exactly what the routing logic decides: nothing lost, nothing
 * doubled, nothing extra.
 */
@ExtendWith(RealServicesExtension.class)
class RoutingIT {
  private static final int VALID = 1800;
  private static final int MALFORMED = 100;
  private static final int INVALID = 100;
  private static final int RETRIES = 40;

  @TempDir Path dir;

  @Test
  void everyValidFeedbackGivesExactlyItsTasksAndEveryBadOneIsInTheDeadLetterTopic(RealServices services)
      throws Exception {
    String prefix = "routing-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    // The sample model with surges out of reach: this test counts tasks, not waves.
    String yaml = new String(OwnershipFile.class.getResourceAsStream("/ownership/sample-ownership.yaml")
        .readAllBytes(), StandardCharsets.UTF_8).replace("surge: {minCount: 20", "surge: {minCount: 1000000");
    Path ownershipFile = dir.resolve("ownership.yaml");
    Files.writeString(ownershipFile, yaml);
    OwnershipFile ownership = OwnershipFile.load(ownershipFile);
    assertThat(ownership.departments()).hasSizeGreaterThanOrEqualTo(10)
        .contains("finance", "hr", "it", "legal", "logistics");

    StringWriter applyOut = new StringWriter();
    var cli = Main.commandLine();
    cli.setOut(new PrintWriter(applyOut));
    int exit = cli.execute("ownership", "apply", ownershipFile.toString(),
        "--bootstrap-servers", services.bootstrapServers(), "--registry-url", services.registryUrl(),
        "--topic-prefix", prefix);
    assertThat(exit).as(applyOut.toString()).isZero();
    assertThat(applyOut.toString()).contains("+ billing: owner finance", ownership.entries().size() + " added");
    await().untilAsserted(() -> {
      Set<String> topicsNow = services.admin().listTopics().names().get();
      for (String d : ownership.departments()) {
        assertThat(topicsNow).contains(prefix + "tasks." + d, prefix + "alerts." + d);
      }
    });

    FeedbackConfig config = ConfigLoader.fromProperties(Map.of(
        "kafka.bootstrap.servers", services.bootstrapServers(),
        "schema.registry.url", services.registryUrl(),
        "feedback.topic.prefix", prefix,
        "feedback.application.id", prefix + "router",
        "kafka.state.dir", dir.resolve("state").toString()));
    FeedbackClassifier classifier = FeedbackClassifier.withDefaults();
    Topics topics = Topics.create(prefix, SchemaRegistryClients.create(RegistryConfig.fromMap(config.registry())), true);

    try (FeedbackService service = FeedbackService.start(config, new SimpleMeterRegistry(), classifier)) {
      await().atMost(Duration.ofSeconds(90)).until(service::isReady);

      FeedbackGenerator generator = new FeedbackGenerator(42);
      Instant now = Instant.now();
      List<FeedbackReceived> valid = new ArrayList<>();
      for (int i = 0; i < VALID; i++) {
        valid.add(generator.next(now.minusMillis(VALID - i)));
      }
      Map<String, String> expectedRejections = new TreeMap<>();
      try (KafkaProducer<String, FeedbackReceived> producer = producer(services, topics);
          KafkaProducer<byte[], byte[]> raw = rawProducer(services)) {
        String in = topics.feedbackReceived().name();
        int malformed = 0;
        int invalid = 0;
        for (int i = 0; i < VALID; i++) {
          FeedbackReceived f = valid.get(i);
          producer.send(new ProducerRecord<>(in, f.getId(), f));
          if (i % 18 == 0 && malformed < MALFORMED) {
            String key = "malformed-" + ++malformed;
            raw.send(new ProducerRecord<>(in, key.getBytes(StandardCharsets.UTF_8), garbage(malformed)));
            expectedRejections.put(key, malformed % 3 == 2 ? "unknown_schema" : "malformed");
          }
          if (i % 18 == 9 && invalid < INVALID) {
            String key = "invalid-" + invalid;
            FeedbackReceived bad = invalid(key, invalid++, now);
            producer.send(new ProducerRecord<>(in, key, bad));
            expectedRejections.put(key, reasonOf(invalid - 1));
          }
          if (i % 45 == 44) {
            // An upstream retry of a feedback already sent.
            FeedbackReceived again = valid.get(i - 20);
            producer.send(new ProducerRecord<>(in, again.getId(), again));
          }
        }
        assertThat(malformed).isEqualTo(MALFORMED);
        assertThat(invalid).isEqualTo(INVALID);
      }

      // What the pipeline must produce, from the same classifier and router.
      OwnershipTable table = new OwnershipTable(ownership.entries()::get, config.fallbackDepartment());
      Router router = new Router(config.topicPartitions());
      Map<String, String> expectedTasks = new HashMap<>();
      Set<String> expectedCritical = new HashSet<>();
      Set<String> unownedTopics = new HashSet<>();
      for (FeedbackReceived f : valid) {
        RoutingPlan plan = router.route(classified(classifier, f), table, now.toEpochMilli(),
            Ids.partitionOf(f.getId(), config.topicPartitions()));
        plan.tasks().forEach(t -> expectedTasks.put(t.getTaskId(), topics.tasksTopic(t.getDepartment())));
        plan.alerts().forEach(a -> expectedCritical.add(topics.alertsTopic(a.getDepartment()) + "/" + a.getAlertId()));
        unownedTopics.addAll(plan.unownedTopics());
      }

      Map<String, List<String>> tasks = readUntil(services, Pattern.compile(Pattern.quote(prefix) + "tasks\\..*"),
          expectedTasks.size(), new StringDeserializer());
      assertThat(tasks.values()).allSatisfy(where -> assertThat(where).hasSize(1));
      Map<String, String> actualTasks = new HashMap<>();
      tasks.forEach((id, where) -> actualTasks.put(id, where.get(0)));
      assertThat(actualTasks).isEqualTo(expectedTasks);

      int expectedAlerts = expectedCritical.size() + unownedTopics.size();
      Map<String, List<String>> alerts = readUntil(services, Pattern.compile(Pattern.quote(prefix) + "alerts\\..*"),
          expectedAlerts, new StringDeserializer());
      Set<String> critical = new HashSet<>();
      Set<String> unownedAlerted = new HashSet<>();
      Deserializer<Alert> alertValues = topics.alertSerde().deserializer();
      for (ConsumerRecord<String, byte[]> r : lastRead) {
        Alert a = alertValues.deserialize(r.topic(), r.value());
        if (a.getKind() == AlertKind.CRITICAL_FEEDBACK) {
          critical.add(r.topic() + "/" + r.key());
        } else {
          assertThat(a.getKind()).isEqualTo(AlertKind.UNOWNED_TOPIC);
          assertThat(r.topic()).isEqualTo(topics.alertsTopic("cx_office"));
          unownedAlerted.add(a.getTopic());
        }
      }
      assertThat(alerts.values()).allSatisfy(where -> assertThat(where).hasSize(1));
      assertThat(critical).isEqualTo(expectedCritical);
      assertThat(unownedAlerted).isEqualTo(unownedTopics);

      Map<String, List<String>> classifiedOut = readUntil(services,
          Pattern.compile(Pattern.quote(topics.classified().name())), VALID, new StringDeserializer());
      assertThat(classifiedOut).hasSize(VALID).allSatisfy((id, where) -> assertThat(where).hasSize(1));
      Deserializer<ClassifiedFeedback> classifiedValues = topics.classified().valueSerde().deserializer();
      for (ConsumerRecord<String, byte[]> r : lastRead) {
        String text = classifiedValues.deserialize(r.topic(), r.value()).getRedactedText();
        assertThat(text).doesNotContainPattern("[\\w.]+@example\\.com");
      }

      readUntil(services, Pattern.compile(Pattern.quote(topics.deadLetter().name())),
          MALFORMED + INVALID, new StringDeserializer());
      Map<String, String> rejections = new TreeMap<>();
      for (ConsumerRecord<String, byte[]> r : lastRead) {
        rejections.put(r.key(), new String(r.headers().lastHeader(DeadLetterHandler.REASON).value(), StandardCharsets.UTF_8));
        assertThat(r.headers().lastHeader(DeadLetterHandler.SOURCE_TOPIC).value())
            .isEqualTo(topics.feedbackReceived().name().getBytes(StandardCharsets.UTF_8));
        assertThat(r.headers().lastHeader(DeadLetterHandler.SOURCE_OFFSET)).isNotNull();
      }
      assertThat(rejections).isEqualTo(expectedRejections);
      System.err.printf("RoutingIT: %d valid feedback -> %d tasks in %d department topics, %d critical alerts,"
              + " %d unowned-topic alerts; %d dead letters %s; %d retries dropped%n",
          VALID, actualTasks.size(), new HashSet<>(actualTasks.values()).size(), critical.size(),
          unownedAlerted.size(), rejections.size(), countByValue(rejections), VALID / 45);
    }
  }

  private List<ConsumerRecord<String, byte[]>> lastRead = List.of();

  /**
   * Reads the matching topics from the beginning, read_committed, until {@code expected} records
   * have arrived, then keeps reading a little longer to catch anything extra. Returns where each
   * key was found.
   */
  private Map<String, List<String>> readUntil(RealServices services, Pattern topics, int expected,
      Deserializer<String> keys) {
    List<ConsumerRecord<String, byte[]>> records =
        CommittedRecords.read(services, topics, expected, Duration.ofSeconds(3), keys);
    assertThat(records).hasSize(expected);
    lastRead = records;
    Map<String, List<String>> where = new HashMap<>();
    records.forEach(r -> where.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.topic()));
    return where;
  }

  private static ClassifiedFeedback classified(FeedbackClassifier classifier, FeedbackReceived f) {
    Scores s = f.getScores();
    Classification c = classifier.classify(f.getText(), f.getLanguage(),
        s == null ? null : s.getNps(), s == null ? null : s.getCsat(), s == null ? null : s.getCes());
    return ClassifiedFeedback.newBuilder()
        .setFeedbackId(f.getId()).setChannel(f.getChannel()).setReceivedAt(f.getReceivedAt())
        .setClassifiedAt(f.getReceivedAt()).setLanguage(c.language()).setRedactedText(c.redactedText())
        .setScores(s).setPrimaryTopic(c.primaryTopic()).setSentiment(c.sentiment()).setPriority(c.priority())
        .setTopics(c.topics().stream().map(m -> new TopicScore(m.topic(), m.score(), m.source())).toList())
        .build();
  }

  private static String reasonOf(int i) {
    return switch (i % 4) {
      case 0 -> "missing_field";
      case 1 -> "text_too_long";
      case 2 -> "score_out_of_range";
      default -> "future_timestamp";
    };
  }

  private static FeedbackReceived invalid(String id, int i, Instant now) {
    FeedbackReceived.Builder b = FeedbackReceived.newBuilder().setId(id).setReceivedAt(now)
        .setText("Me cobraron dos veces").setAttributes(Map.of());
    return switch (i % 4) {
      case 0 -> b.setText(" ").build();
      case 1 -> b.setText("x".repeat(10_001)).build();
      case 2 -> b.setScores(new Scores(12, null, null)).build();
      default -> b.setReceivedAt(now.plus(Duration.ofDays(3))).build();
    };
  }

  /** Not Confluent wire format, a truncated header, or an id the registry does not have. */
  private static byte[] garbage(int i) {
    return switch (i % 3) {
      case 0 -> ("{\"id\":\"json-" + i + "\"}").getBytes(StandardCharsets.UTF_8);
      case 1 -> new byte[] {0, 0, 1};
      default -> new byte[] {0, 0x7f, 0, 0, (byte) i, 2, 'x'};
    };
  }

  private static Map<String, Long> countByValue(Map<String, String> m) {
    Map<String, Long> out = new TreeMap<>();
    m.values().forEach(v -> out.merge(v, 1L, Long::sum));
    return out;
  }

  private static KafkaProducer<String, FeedbackReceived> producer(RealServices services, Topics topics) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return new KafkaProducer<>(p, new org.apache.kafka.common.serialization.StringSerializer(),
        topics.feedbackReceived().valueSerde().serializer());
  }

  private static KafkaProducer<byte[], byte[]> rawProducer(RealServices services) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers());
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
