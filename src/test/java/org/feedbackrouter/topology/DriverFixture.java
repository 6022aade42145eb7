package org.feedbackrouter.topology;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.Silence;
import org.feedbackrouter.avro.AreaOwnership;
import org.feedbackrouter.avro.Channel;
import org.feedbackrouter.avro.ClassifiedFeedback;
import org.feedbackrouter.avro.FeedbackLabel;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.avro.TaskEvent;
import org.feedbackrouter.avro.TaskOutcome;
import org.feedbackrouter.classify.FeedbackClassifier;
import org.feedbackrouter.config.ConfigLoader;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.metrics.FeedbackMetrics;
import org.feedbackrouter.registry.MockSchemaRegistry;
import org.feedbackrouter.registry.RegistryConfig;
import org.feedbackrouter.registry.SchemaRegistryClient;
import org.feedbackrouter.registry.SchemaRegistryClients;
import org.feedbackrouter.route.OwnershipFile;

/**
 * The full topology on a {@link TopologyTestDriver} with a fresh {@code mock://} registry scope
 * and the sample ownership model loaded, plus typed access to every topic.
 */
final class DriverFixture implements AutoCloseable {
  /** A defective-product complaint in English: the feedback most topology tests route. */
  static final String DEFECTIVE_PRODUCT = "The blender I bought stopped working after two days, the motor is"
      + " broken and it smells of burnt plastic. Defective product.";

  /** Trained once: the classifier is immutable and thread-safe. */
  static final FeedbackClassifier CLASSIFIER = FeedbackClassifier.withDefaults();
  static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

  final String scope = "topology-" + UUID.randomUUID();
  final SchemaRegistryClient registry = SchemaRegistryClients.create(RegistryConfig.of("mock://" + scope));
  final Topics topics = Topics.create("", registry, true);
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  /** Departments the gates asked about; those in {@link #missingDepartments} have no topics yet. */
  final Set<String> askedDepartments = java.util.concurrent.ConcurrentHashMap.newKeySet();
  final Set<String> missingDepartments = java.util.concurrent.ConcurrentHashMap.newKeySet();
  final FeedbackConfig config;
  final TopologyTestDriver driver;
  /** 32 bytes 0..31: a key for tests only. */
  static final String TEST_DLQ_KEY = java.util.Base64.getEncoder().encodeToString(
      java.util.stream.IntStream.range(0, 32).collect(java.io.ByteArrayOutputStream::new,
          java.io.ByteArrayOutputStream::write, (a, b) -> a.writeBytes(b.toByteArray())).toByteArray());
  final org.feedbackrouter.dlq.DeadLetterKey dlqKey;
  final TestInputTopic<String, FeedbackReceived> feedback;
  final TestInputTopic<byte[], byte[]> rawFeedback;
  final TestInputTopic<String, AreaOwnership> ownership;
  final TestInputTopic<String, TaskEvent> taskEvents;
  final TestInputTopic<byte[], byte[]> rawTaskEvents;
  final TestInputTopic<String, Silence> silences;

  DriverFixture(Path stateDir, String guarantee, Map<String, String> settings) {
    Map<String, String> all = new java.util.HashMap<>(settings);
    all.put("kafka.bootstrap.servers", "unused:9092");
    all.put("schema.registry.url", "mock://" + scope);
    all.putIfAbsent("feedback.dlq.key", TEST_DLQ_KEY);
    // Alerts go out on the alert stage's next tick, ungrouped, unless a test is about grouping.
    all.putIfAbsent("feedback.alerts.group.wait", "0s");
    all.putIfAbsent("feedback.alerts.group.interval", "1s");
    all.putIfAbsent("feedback.alerts.repeat.interval", "1s");
    config = ConfigLoader.fromProperties(all);
    dlqKey = config.dlqKey().orElse(null);
    FeedbackMetrics metrics = new FeedbackMetrics(meters);
    Topology topology = new FeedbackTopology(config, topics, CLASSIFIER, metrics, d -> {
      askedDepartments.add(d);
      return !missingDepartments.contains(d);
    }).build();
    Properties props = StreamsSettings.of(config, topics, metrics);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
    driver = new TopologyTestDriver(topology, props, START);
    feedback = driver.createInputTopic(topics.feedbackReceived().name(), new StringSerializer(),
        topics.feedbackReceived().valueSerde().serializer());
    rawFeedback = driver.createInputTopic(topics.feedbackReceived().name(), new ByteArraySerializer(),
        new ByteArraySerializer());
    ownership = driver.createInputTopic(topics.ownership().name(), new StringSerializer(),
        topics.ownership().valueSerde().serializer());
    taskEvents = driver.createInputTopic(topics.taskEvents().name(), new StringSerializer(),
        topics.taskEvents().valueSerde().serializer());
    rawTaskEvents = driver.createInputTopic(topics.taskEvents().name(), new ByteArraySerializer(),
        new ByteArraySerializer());
    silences = driver.createInputTopic(topics.silences().name(), new StringSerializer(),
        topics.silences().valueSerde().serializer());
    OwnershipFile.fromClasspath("/ownership/sample-ownership.yaml").entries()
        .forEach((topic, entry) -> ownership.pipeInput(topic, entry));
  }

  @Override
  public void close() {
    driver.close();
    MockSchemaRegistry.dropScope(scope);
  }

  static FeedbackReceived.Builder feedback(String id, String text) {
    return FeedbackReceived.newBuilder().setId(id).setChannel(Channel.SELF_SERVICE)
        .setReceivedAt(START.minusSeconds(5)).setText(text).setAttributes(Map.of());
  }

  void send(FeedbackReceived f) {
    feedback.pipeInput(new TestRecord<>(f.getId(), f, f.getReceivedAt()));
  }

  List<Task> tasks(String department) {
    return driver.createOutputTopic(topics.tasksTopic(department), new StringDeserializer(),
        topics.taskSerde().deserializer()).readValuesToList();
  }

  /** The alerts sent so far; first lets a second pass, so that the alert stage's tick sends what is due. */
  List<Alert> alerts(String department) {
    driver.advanceWallClockTime(Duration.ofSeconds(1));
    return driver.createOutputTopic(topics.alertsTopic(department), new StringDeserializer(),
        topics.alertSerde().deserializer()).readValuesToList();
  }

  List<ClassifiedFeedback> classified() {
    return driver.createOutputTopic(topics.classified().name(), new StringDeserializer(),
        topics.classified().valueSerde().deserializer()).readValuesToList();
  }

  List<TaskOutcome> outcomes() {
    return driver.createOutputTopic(topics.taskOutcomes().name(), new StringDeserializer(),
        topics.taskOutcomes().valueSerde().deserializer()).readValuesToList();
  }

  List<TestRecord<String, FeedbackLabel>> labels() {
    return driver.createOutputTopic(topics.labels().name(), new StringDeserializer(),
        topics.labels().valueSerde().deserializer()).readRecordsToList();
  }

  List<TestRecord<byte[], byte[]>> deadLetters() {
    return driver.createOutputTopic(topics.deadLetter().name(), new ByteArrayDeserializer(),
        new ByteArrayDeserializer()).readRecordsToList();
  }

  static String header(Headers headers, String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  double counter(String name, String... tags) {
    var c = meters.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }
}
