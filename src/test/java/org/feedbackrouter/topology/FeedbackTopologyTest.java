package org.feedbackrouter.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.AlertKind;
import org.feedbackrouter.avro.AreaOwnership;
import org.feedbackrouter.avro.Channel;
import org.feedbackrouter.avro.ClassifiedFeedback;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.Role;
import org.feedbackrouter.avro.Scores;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.classify.FeedbackClassifier;
import org.feedbackrouter.config.ConfigLoader;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.ingest.DeadLetterHandler;
import org.feedbackrouter.metrics.FeedbackMetrics;
import org.feedbackrouter.registry.AvroSerdes;
import org.feedbackrouter.registry.MockSchemaRegistry;
import org.feedbackrouter.registry.RegistryConfig;
import org.feedbackrouter.registry.SchemaRegistryClient;
import org.feedbackrouter.registry.SchemaRegistryClients;
import org.feedbackrouter.route.OwnershipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedbackTopologyTest {
  /** Trained once: the classifier is immutable and thread-safe. */
  private static final FeedbackClassifier CLASSIFIER = FeedbackClassifier.withDefaults();
  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

  @TempDir Path stateDir;

  private String scope;
  private SchemaRegistryClient registry;
  private Topics topics;
  private SimpleMeterRegistry meters;
  private TopologyTestDriver driver;
  private final Set<String> ensuredDepartments = new TreeSet<>();
  private TestInputTopic<String, FeedbackReceived> feedback;
  private TestInputTopic<byte[], byte[]> rawFeedback;
  private TestInputTopic<String, AreaOwnership> ownership;

  @BeforeEach
  void start() {
    scope = "topology-" + UUID.randomUUID();
    registry = SchemaRegistryClients.create(RegistryConfig.of("mock://" + scope));
    topics = Topics.create("", registry, true);
    meters = new SimpleMeterRegistry();
    FeedbackMetrics metrics = new FeedbackMetrics(meters);
    FeedbackConfig config = ConfigLoader.fromProperties(Map.of(
        "kafka.bootstrap.servers", "unused:9092", "schema.registry.url", "mock://" + scope));
    Topology topology = new FeedbackTopology(config, topics, CLASSIFIER, metrics, ensuredDepartments::addAll).build();
    Properties props = StreamsSettings.of(config, topics, metrics);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(topology, props, START);
    feedback = driver.createInputTopic(topics.feedbackReceived().name(), new StringSerializer(),
        topics.feedbackReceived().valueSerde().serializer());
    rawFeedback = driver.createInputTopic(topics.feedbackReceived().name(), new ByteArraySerializer(),
        new ByteArraySerializer());
    ownership = driver.createInputTopic(topics.ownership().name(), new StringSerializer(),
        topics.ownership().valueSerde().serializer());
    OwnershipFile.fromClasspath("/ownership/sample-ownership.yaml").entries()
        .forEach((topic, entry) -> ownership.pipeInput(topic, entry));
  }

  @AfterEach
  void stop() {
    driver.close();
    MockSchemaRegistry.dropScope(scope);
  }

  private static FeedbackReceived.Builder feedback(String id, String text) {
    return FeedbackReceived.newBuilder().setId(id).setChannel(Channel.SELF_SERVICE)
        .setReceivedAt(START.minusSeconds(5)).setText(text).setAttributes(Map.of());
  }

  private void send(FeedbackReceived f) {
    feedback.pipeInput(new TestRecord<>(f.getId(), f, f.getReceivedAt()));
  }

  private List<Task> tasks(String department) {
    TestOutputTopic<String, Task> out = driver.createOutputTopic(topics.tasksTopic(department),
        new StringDeserializer(), topics.taskSerde().deserializer());
    return out.readValuesToList();
  }

  private List<Alert> alerts(String department) {
    TestOutputTopic<String, Alert> out = driver.createOutputTopic(topics.alertsTopic(department),
        new StringDeserializer(), topics.alertSerde().deserializer());
    return out.readValuesToList();
  }

  private List<ClassifiedFeedback> classified() {
    return driver.createOutputTopic(topics.classified().name(), new StringDeserializer(),
        topics.classified().valueSerde().deserializer()).readValuesToList();
  }

  private List<TestRecord<byte[], byte[]>> deadLetters() {
    return driver.createOutputTopic(topics.deadLetter().name(), new ByteArrayDeserializer(),
        new ByteArrayDeserializer()).readRecordsToList();
  }

  private static String header(Headers headers, String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private double counter(String name, String... tags) {
    var c = meters.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void topologyShapeIsPinned() throws Exception {
    FeedbackConfig config = ConfigLoader.fromProperties(Map.of(
        "kafka.bootstrap.servers", "unused:9092", "schema.registry.url", "mock://" + scope));
    String described = new FeedbackTopology(config, topics, CLASSIFIER,
        new FeedbackMetrics(new SimpleMeterRegistry()), ensuredDepartments::addAll).build().describe().toString();
    Path golden = Path.of("src/test/resources/topology.txt");
    assertThat(described).isEqualToIgnoringWhitespace(Files.readString(golden));
  }

  @Test
  void malformedBytesGoToTheDeadLetterTopicWithTheirOriginalBytesAndHeaders() {
    byte[] garbage = {0x7b, 0x22, 0x69, 0x64};
    rawFeedback.pipeInput("k1".getBytes(StandardCharsets.UTF_8), garbage);
    byte[] unknownId = {0, 0, 0, 0x30, 0x39, 2, 'x'};
    rawFeedback.pipeInput("k2".getBytes(StandardCharsets.UTF_8), unknownId);

    List<TestRecord<byte[], byte[]>> dlq = deadLetters();
    assertThat(dlq).hasSize(2);
    assertThat(dlq.get(0).value()).isEqualTo(garbage);
    assertThat(dlq.get(0).key()).isEqualTo("k1".getBytes(StandardCharsets.UTF_8));
    Headers h = dlq.get(0).headers();
    assertThat(header(h, DeadLetterHandler.REASON)).isEqualTo("malformed");
    assertThat(header(h, DeadLetterHandler.SOURCE_TOPIC)).isEqualTo("feedback.received");
    assertThat(header(h, DeadLetterHandler.SOURCE_PARTITION)).isEqualTo("0");
    assertThat(header(h, DeadLetterHandler.SOURCE_OFFSET)).isEqualTo("0");
    assertThat(header(h, DeadLetterHandler.EXCEPTION)).contains("SerializationException");
    assertThat(Instant.parse(header(h, DeadLetterHandler.TIME))).isNotNull();
    assertThat(header(dlq.get(1).headers(), DeadLetterHandler.REASON)).isEqualTo("unknown_schema");
    assertThat(header(dlq.get(1).headers(), DeadLetterHandler.SOURCE_OFFSET)).isEqualTo("1");
    assertThat(counter("feedback_rejected", "reason", "malformed")).isEqualTo(1.0);
    assertThat(counter("feedback_rejected", "reason", "unknown_schema")).isEqualTo(1.0);
    assertThat(classified()).isEmpty();

    // The partition keeps going after bad records.
    send(feedback("ok-1", "La factura de este mes me cobra dos veces la cuota").build());
    assertThat(classified()).hasSize(1);
  }

  @Test
  void aWriterSchemaWithoutTheTextFieldIsAMissingField() {
    Schema older = SchemaBuilder.record("FeedbackReceived").namespace("org.feedbackrouter.avro").fields()
        .requiredString("id")
        .name("receivedAt").type(org.apache.avro.LogicalTypes.timestampMillis()
            .addToSchema(Schema.create(Schema.Type.LONG))).noDefault()
        .endRecord();
    GenericRecord record = new GenericData.Record(older);
    record.put("id", "no-text");
    record.put("receivedAt", START.toEpochMilli());
    var serde = AvroSerdes.generic(null, registry, false, true);
    byte[] bytes = serde.serializer().serialize(topics.feedbackReceived().name(), record);
    rawFeedback.pipeInput("no-text".getBytes(StandardCharsets.UTF_8), bytes);

    assertThat(deadLetters()).singleElement().satisfies(r -> {
      assertThat(r.value()).isEqualTo(bytes);
      assertThat(header(r.headers(), DeadLetterHandler.REASON)).isEqualTo("missing_field");
    });
  }

  @Test
  void invalidFeedbackGoesToTheDeadLetterTopicWithItsReason() {
    send(feedback("blank", "   ").build());
    send(feedback("long", "a".repeat(10_001)).build());
    send(feedback("nps", "Todo bien").setScores(new Scores(11, null, null)).build());
    send(feedback("csat", "Todo bien").setScores(new Scores(null, 0, null)).build());
    send(feedback("ces", "Todo bien").setScores(new Scores(null, null, 8)).build());
    send(feedback("future", "Todo bien").setReceivedAt(START.plus(Duration.ofDays(2))).build());

    List<TestRecord<byte[], byte[]>> dlq = deadLetters();
    assertThat(dlq).extracting(r -> new String(r.key(), StandardCharsets.UTF_8) + "="
            + header(r.headers(), DeadLetterHandler.REASON))
        .containsExactly("blank=missing_field", "long=text_too_long", "nps=score_out_of_range",
            "csat=score_out_of_range", "ces=score_out_of_range", "future=future_timestamp");
    // The original bytes are kept: they still decode to what was sent.
    FeedbackReceived back = topics.feedbackReceived().valueSerde().deserializer()
        .deserialize(topics.feedbackReceived().name(), dlq.get(2).value());
    assertThat(back.getId()).isEqualTo("nps");
    assertThat(header(dlq.get(1).headers(), DeadLetterHandler.DETAIL)).contains("10001");
    assertThat(counter("feedback_rejected", "reason", "score_out_of_range")).isEqualTo(3.0);
    assertThat(classified()).isEmpty();
  }

  @Test
  void aRetriedFeedbackIdIsDroppedWithinTheWindow() {
    FeedbackReceived f = feedback("dup", "La factura de este mes me cobra dos veces la cuota").build();
    send(f);
    send(f);
    assertThat(classified()).hasSize(1);
    assertThat(tasks("finance")).hasSize(1);
    assertThat(counter("feedback_duplicates")).isEqualTo(1.0);
    assertThat(counter("feedback_received", "channel", "self_service")).isEqualTo(2.0);
  }

  @Test
  void decentralisedTopicReachesOwnerSupportersAndObserverOncePerDepartment() {
    send(feedback("defect", "The blender I bought stopped working after two days, the motor is broken and"
        + " it smells of burnt plastic. Defective product.").build());

    List<Task> product = tasks("product");
    assertThat(product).singleElement().satisfies(t -> {
      assertThat(t.getRole()).isEqualTo(Role.OWNER);
      assertThat(t.getTopic()).isEqualTo("product_defect");
      assertThat(t.getDepartments()).contains("product", "digital", "customer_service", "marketing", "cx_office");
    });
    for (String d : List.of("digital", "customer_service", "marketing")) {
      assertThat(tasks(d)).singleElement().extracting(Task::getRole).isEqualTo(Role.SUPPORTING);
    }
    assertThat(tasks("cx_office")).singleElement().extracting(Task::getRole).isEqualTo(Role.OBSERVER);
    assertThat(ensuredDepartments).contains("product", "digital", "customer_service", "marketing", "cx_office");
    assertThat(counter("feedback_tasks_created", "department", "product", "role", "OWNER")).isEqualTo(1.0);
  }

  @Test
  void centralisedTopicGoesOnlyToTheCxOffice() {
    send(feedback("price", "Your prices went up again, the new price of the monthly plan is far too"
        + " expensive compared to other companies").build());

    assertThat(tasks("cx_office")).singleElement().satisfies(t -> {
      assertThat(t.getRole()).isEqualTo(Role.OWNER);
      assertThat(t.getTopic()).isEqualTo("pricing");
      assertThat(t.getSuggestedOwner()).isEqualTo("marketing");
    });
    assertThat(tasks("marketing")).isEmpty();
  }

  @Test
  void committeeTopicAlertsTheCommitteeOnCriticalFeedback() {
    send(feedback("leak", "Someone else can see my personal data in my account, this is a data breach"
        + " and a privacy violation, I will report you to the data protection authority")
        .setScores(new Scores(0, null, null)).build());

    assertThat(tasks("legal")).singleElement().satisfies(t -> {
      assertThat(t.getRole()).isEqualTo(Role.OWNER);
      assertThat(t.getPriority().name()).isEqualTo("P1");
    });
    assertThat(alerts("legal")).extracting(Alert::getKind).contains(AlertKind.CRITICAL_FEEDBACK);
    assertThat(alerts("cx_council")).extracting(Alert::getKind).contains(AlertKind.CRITICAL_FEEDBACK);
  }

  @Test
  void unclassifiedFeedbackGoesToTheFallbackOwnerWithOneAlertPerHour() {
    send(feedback("u1", "zxqv plumf grelt").build());
    send(feedback("u2", "blorf snark quimble").build());

    assertThat(tasks("cx_office")).hasSize(2).allSatisfy(t -> {
      assertThat(t.getRole()).isEqualTo(Role.OWNER);
      assertThat(t.getTopic()).isEqualTo("unclassified");
    });
    assertThat(alerts("cx_office")).singleElement().satisfies(a -> {
      assertThat(a.getKind()).isEqualTo(AlertKind.UNOWNED_TOPIC);
      assertThat(a.getTopic()).isEqualTo("unclassified");
    });
    assertThat(counter("feedback_unowned", "topic", "unclassified")).isEqualTo(2.0);

    driver.advanceWallClockTime(Duration.ofMinutes(61));
    send(feedback("u3", "vrimple toks zandu").build());
    assertThat(alerts("cx_office")).singleElement().extracting(Alert::getKind).isEqualTo(AlertKind.UNOWNED_TOPIC);
  }

  @Test
  void anOwnershipChangeAppliesToTheNextFeedback() {
    String text = "La factura de este mes me cobra dos veces la cuota";
    send(feedback("before", text).build());
    assertThat(tasks("finance")).hasSize(1);

    AreaOwnership billing = AreaOwnership.newBuilder(
            OwnershipFile.fromClasspath("/ownership/sample-ownership.yaml").entries().get("billing"))
        .setOwner("accounting").setSupporting(List.of()).build();
    ownership.pipeInput("billing", billing);
    send(feedback("after", text).build());
    assertThat(tasks("finance")).isEmpty();
    assertThat(tasks("accounting")).singleElement().extracting(Task::getRole).isEqualTo(Role.OWNER);

    ownership.pipeInput("billing", (AreaOwnership) null);
    send(feedback("removed", text).build());
    assertThat(tasks("accounting")).isEmpty();
    assertThat(tasks("cx_office")).extracting(Task::getFeedbackId).contains("removed");
    assertThat(alerts("cx_office")).extracting(Alert::getTopic).contains("billing");
  }

  @Test
  void personalDataIsMaskedInEveryOutput() {
    String email = "ana.garcia@example.com";
    String phone = "612 345 678";
    send(feedback("pii", "Mis datos personales aparecen en la cuenta de otro cliente, fuga de datos."
        + " Escribidme a " + email + " o llamad al " + phone)
        .setScores(new Scores(0, 1, 7)).build());

    Map<String, String> outputs = new HashMap<>();
    classified().forEach(c -> outputs.put("classified", c.getRedactedText()));
    for (String d : List.of("legal", "it", "cx_office", "cx_council")) {
      tasks(d).forEach(t -> outputs.put("task:" + d, t.getRedactedText()));
      alerts(d).forEach(a -> outputs.put("alert:" + d, String.join(" ", a.getSamples())));
    }
    assertThat(outputs).containsKeys("classified", "task:legal", "alert:legal");
    assertThat(outputs.values()).allSatisfy(text -> assertThat(text).doesNotContain(email, phone, "612"));
    assertThat(outputs.get("classified")).contains("[EMAIL]");
  }
}
