package org.feedbackrouter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.AlertKind;
import org.feedbackrouter.avro.Channel;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.Scores;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.avro.TaskEvent;
import org.feedbackrouter.avro.TaskEventType;
import org.feedbackrouter.avro.TaskOutcome;
import org.feedbackrouter.classify.FeedbackClassifier;
import org.feedbackrouter.config.ConfigLoader;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.registry.RegistryConfig;
import org.feedbackrouter.registry.SchemaRegistryClients;
import org.feedbackrouter.route.OwnershipDiff;
import org.feedbackrouter.route.OwnershipFile;
import org.feedbackrouter.route.OwnershipPublisher;
import org.feedbackrouter.service.FeedbackService;
import org.feedbackrouter.testkit.RealServices;
import org.feedbackrouter.testkit.RealServicesExtension;
import org.feedbackrouter.testkit.SaslKafkaBroker;
import org.feedbackrouter.topology.TopicAdmin;
import org.feedbackrouter.topology.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Department isolation on a broker with SASL/PLAIN and the StandardAuthorizer: {@code ownership acls
 * --apply} (run as its own process, with the SASL settings in KAFKA_* variables) is the only source
 * of ACLs; the service runs as {@code feedback-router} with exactly its printed set, and the
 * department {@code finance} reads its own topics, answers on task.events, and is refused others'.
 */
@ExtendWith(RealServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DepartmentIsolationIT {
  private static final String SERVICE = "feedback-router";
  private static final Path SAMPLE = Path.of("src/main/resources/ownership/sample-ownership.yaml");

  @TempDir Path dir;
  private SaslKafkaBroker broker;

  @BeforeAll
  void startBroker() {
    broker = SaslKafkaBroker.start(List.of(SERVICE, "finance", "legal"));
  }

  @AfterAll
  void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  /** The defaults: the service creates the department topics itself, with its CREATE ACLs. */
  @Test
  void withTopicCreationEachPrincipalDoesWhatItsAclsAllowAndNothingElse(RealServices services) throws Exception {
    isolation(services, new Setup("", "feedback-router", true));
  }

  /**
   * Topics made by the operator: the service runs without any CREATE beyond its internal topics.
   * The other test's ACLs name other topics (no prefix) and another application id, so they grant
   * this service nothing.
   */
  @Test
  void withoutTopicCreationTheServiceNeedsNoCreateAclOnItsTopics(RealServices services) throws Exception {
    isolation(services, new Setup("locked.", "locked-router", false));
  }

  /** One service's settings: {@code FEEDBACK_TOPIC_PREFIX}, {@code _APPLICATION_ID}, {@code _TOPICS_CREATE}. */
  private record Setup(String prefix, String applicationId, boolean createTopics) {
    Map<String, String> feedbackSettings() {
      return Map.of("feedback.topic.prefix", prefix, "feedback.application.id", applicationId,
          "feedback.topics.create", Boolean.toString(createTopics));
    }
  }

  private void isolation(RealServices services, Setup setup) throws Exception {
    String name = setup.applicationId();
    String firstOut = ownershipAcls(services, setup, name + "-first");
    assertThat(firstOut).containsPattern("\\d+ ACLs created")
        .contains("+ ALLOW User:finance READ TOPIC " + setup.prefix() + "tasks.finance");
    assertThat(firstOut.contains("+ ALLOW User:feedback-router CREATE TOPIC " + setup.prefix() + "tasks.* (prefix)"))
        .isEqualTo(setup.createTopics());
    String again = ownershipAcls(services, setup, name + "-again");
    assertThat(again).containsPattern("0 ACLs created, \\d+ already present");
    // The log has the Kafka clients' settings (at INFO here), so it would show a leaked password.
    String log = Files.readString(dir.resolve(name + "-first.log"));
    assertThat(log).contains("sasl.jaas.config = [hidden]");
    assertThat(log + firstOut + again).doesNotContain(broker.password(SaslKafkaBroker.ADMIN));

    FeedbackConfig config = ConfigLoader.fromProperties(serviceSettings(services, setup));
    Topics topics = Topics.create(setup.prefix(),
        SchemaRegistryClients.create(RegistryConfig.fromMap(config.registry())), true);
    // What `ownership apply` does as an operator: the fixed topics and the table. With creation
    // on, the service creates the department topics itself; off, the operator does.
    OwnershipFile ownership = OwnershipFile.load(SAMPLE);
    try (Admin admin = Admin.create(broker.clientConfig(SaslKafkaBroker.ADMIN))) {
      TopicAdmin topicAdmin = new TopicAdmin(admin, topics, config.topicPartitions(), 1, (short) -1);
      topicAdmin.ensureCoreTopics();
      if (!setup.createTopics()) {
        topicAdmin.ensure(ownership.departments());
      }
    }
    new OwnershipPublisher(broker.clientConfig(SaslKafkaBroker.ADMIN), topics.ownership())
        .publish(OwnershipDiff.between(Map.of(), ownership.entries()));

    try (FeedbackService service = FeedbackService.start(config, new SimpleMeterRegistry(),
        FeedbackClassifier.withDefaults())) {
      // A missing ACL stops the stream threads for good: no need to wait out the timeout then.
      await().atMost(Duration.ofSeconds(120))
          .until(() -> service.isReady() || service.state() == KafkaStreams.State.ERROR
              || service.state() == KafkaStreams.State.NOT_RUNNING);
      assertThat(service.isReady()).as("service ready with only its ACLs, state %s", service.state()).isTrue();
      String feedbackId = "acl-" + Instant.now().toEpochMilli();
      try (KafkaProducer<String, FeedbackReceived> pipeline = new KafkaProducer<>(
          broker.clientConfig(SaslKafkaBroker.ADMIN), new StringSerializer(),
          topics.feedbackReceived().valueSerde().serializer())) {
        pipeline.send(new ProducerRecord<>(topics.feedbackReceived().name(), feedbackId, critical(feedbackId)))
            .get(30, TimeUnit.SECONDS);
      }

      Task task = readAs("finance", "finance-tasks", topics.tasksTopic("finance"),
          topics.taskSerde().deserializer(), t -> t.getFeedbackId().equals(feedbackId));
      Alert alert = readAs("finance", "finance-alerts", topics.alertsTopic("finance"),
          topics.alertSerde().deserializer(), a -> feedbackId.equals(a.getFeedbackId()));
      assertThat(alert.getKind()).isEqualTo(AlertKind.CRITICAL_FEEDBACK);

      assertThatThrownBy(() -> pollAs("finance", topics.tasksTopic("legal")))
          .isInstanceOf(TopicAuthorizationException.class);
      assertThatThrownBy(() -> pollAs("finance", topics.feedbackReceived().name()))
          .isInstanceOf(TopicAuthorizationException.class);

      try (KafkaProducer<String, TaskEvent> finance = new KafkaProducer<>(broker.clientConfig("finance"),
          new StringSerializer(), topics.taskEvents().valueSerde().serializer())) {
        finance.send(new ProducerRecord<>(topics.taskEvents().name(), task.getTaskId(), TaskEvent.newBuilder()
            .setTaskId(task.getTaskId()).setType(TaskEventType.RESOLVED).setActor("finance-agent")
            .setOccurredAt(Instant.now()).build())).get(30, TimeUnit.SECONDS);
      }
      // The service applied finance's event: it read task.events and wrote task.outcomes.
      TaskOutcome outcome = readAs(SaslKafkaBroker.ADMIN, "check-outcomes-" + name, topics.taskOutcomes().name(),
          topics.taskOutcomes().valueSerde().deserializer(), o -> o.getTaskId().equals(task.getTaskId()));
      assertThat(outcome.getFeedbackId()).isEqualTo(feedbackId);
    }
  }

  /**
   * Runs {@code ownership acls SAMPLE --apply} in its own JVM, logged in as the admin through KAFKA_*;
   * keeps its log in {@code <name>.log} and returns what it printed.
   */
  private String ownershipAcls(RealServices services, Setup setup, String name) throws Exception {
    Path logging = dir.resolve("logback-info.xml");
    Files.writeString(logging, """
        <configuration>
          <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
            <target>System.err</target>
            <encoder><pattern>%level %logger - %msg%n</pattern></encoder>
          </appender>
          <root level="INFO"><appender-ref ref="STDERR"/></root>
        </configuration>
        """);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dlogback.configurationFile=" + logging, "-cp", System.getProperty("java.class.path"),
        "org.feedbackrouter.cli.Main",
        "ownership", "acls", SAMPLE.toString(), "--apply"));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(variable -> variable.startsWith("KAFKA_") || variable.startsWith("FEEDBACK_")
        || variable.startsWith("SCHEMA_REGISTRY_"));
    env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    env.put("SCHEMA_REGISTRY_URL", services.registryUrl());
    setup.feedbackSettings().forEach((key, value) -> env.put(key.toUpperCase().replace('.', '_'), value));
    broker.kafkaSettings(SaslKafkaBroker.ADMIN).forEach((key, value) ->
        env.put("KAFKA_" + key.toUpperCase().replace('.', '_'), value));
    Path log = dir.resolve(name + ".log");
    Process process = builder.redirectError(log.toFile()).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("%s\n%s", out, Files.readString(log)).isZero();
    return out;
  }

  private Map<String, String> serviceSettings(RealServices services, Setup setup) {
    Map<String, String> settings = new HashMap<>(setup.feedbackSettings());
    settings.putAll(Map.of(
        "kafka.bootstrap.servers", broker.bootstrapServers(),
        "schema.registry.url", services.registryUrl(),
        "feedback.http.port", "0",
        "kafka.state.dir", dir.resolve("state-" + setup.applicationId()).toString()));
    broker.kafkaSettings(SERVICE).forEach((key, value) -> settings.put("kafka." + key, value));
    return settings;
  }

  /** A detractor furious about a double charge: billing, owned by finance, priority P1. */
  private static FeedbackReceived critical(String id) {
    return FeedbackReceived.newBuilder().setId(id).setChannel(Channel.SURVEY).setReceivedAt(Instant.now())
        .setText("Terrible, awful, disgusting service. You charged my card twice on the last invoice and"
            + " nobody refunds the double charge. Worst billing ever, I am furious.")
        .setScores(Scores.newBuilder().setNps(0).build())
        .setAttributes(Map.of()).build();
  }

  private <V> V readAs(String user, String group, String topic,
      Deserializer<V> values, Predicate<V> wanted) {
    Map<String, Object> props = broker.clientConfig(user);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<V> found = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
      consumer.subscribe(List.of(topic));
      await(user + " reads " + topic).atMost(Duration.ofSeconds(90)).pollInSameThread().until(() -> {
        consumer.poll(Duration.ofMillis(300)).forEach(r -> {
          if (wanted.test(r.value())) {
            found.add(r.value());
          }
        });
        return !found.isEmpty();
      });
    }
    return found.get(0);
  }

  /** Fetches from partition 0 of {@code topic} with no group, as {@code user}. */
  private void pollAs(String user, String topic) {
    Map<String, Object> props = broker.clientConfig(user);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
        new StringDeserializer())) {
      consumer.assign(List.of(new TopicPartition(topic, 0)));
      for (int i = 0; i < 20; i++) {
        consumer.poll(Duration.ofMillis(500));
      }
    }
  }
}
