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
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.test.TestRecord;
import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.AlertKind;
import org.feedbackrouter.avro.AreaOwnership;
import org.feedbackrouter.avro.ClassifiedFeedback;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.Role;
import org.feedbackrouter.avro.Channel;
import org.feedbackrouter.avro.Scores;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.ingest.DeadLetterHandler;
import org.feedbackrouter.metrics.FeedbackMetrics;
import org.feedbackrouter.route.DepartmentTopics;
import org.feedbackrouter.registry.AvroSerdes;
import org.feedbackrouter.route.OwnershipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedbackTopologyTest {
  private static final Instant START = DriverFixture.START;

  @TempDir Path stateDir;
  private DriverFixture fx;

  @BeforeEach
  void start() {
    fx = new DriverFixture(stateDir.resolve("eos"), StreamsConfig.EXACTLY_ONCE_V2, Map.of());
  }

  /**
   * The service runs exactly_once_v2. The test driver under exactly-once drops the records a
   * deserialization handler sends (plain at-least-once keeps them), so the tests of decoding
   * failures run at-least-once here; RoutingIT checks them under exactly-once on a real broker.
   */
  private void atLeastOnce() {
    fx.close();
    fx = new DriverFixture(stateDir.resolve("alo"), StreamsConfig.AT_LEAST_ONCE, Map.of());
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private static FeedbackReceived.Builder feedback(String id, String text) {
    return DriverFixture.feedback(id, text);
  }

  private void send(FeedbackReceived f) {
    fx.send(f);
  }

  private List<Task> tasks(String department) {
    return fx.tasks(department);
  }

  private List<Alert> alerts(String department) {
    return fx.alerts(department);
  }

  private List<ClassifiedFeedback> classified() {
    return fx.classified();
  }

  private List<TestRecord<byte[], byte[]>> deadLetters() {
    return fx.deadLetters();
  }

  private static String header(Headers headers, String name) {
    return DriverFixture.header(headers, name);
  }

  private double counter(String name, String... tags) {
    return fx.counter(name, tags);
  }

  @Test
  void topologyShapeIsPinned() throws Exception {
    String described = new FeedbackTopology(fx.config, fx.topics, DriverFixture.CLASSIFIER,
        new FeedbackMetrics(new SimpleMeterRegistry()), DepartmentTopics.ALL).build().describe().toString();
    Path golden = Path.of("src/test/resources/topology.txt");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(golden, described);
    }
    // Any change to operators, stores or internal topics shows up here; rerun with
    // -Dgolden.update=true to accept an intended change, and review the diff.
    assertThat(described).isEqualToIgnoringWhitespace(Files.readString(golden));
  }

  @Test
  void malformedBytesGoToTheDeadLetterTopicWithTheirOriginalBytesAndHeaders() {
    atLeastOnce();
    byte[] garbage = {0x7b, 0x22, 0x69, 0x64};
    fx.rawFeedback.pipeInput("k1".getBytes(StandardCharsets.UTF_8), garbage);
    byte[] unknownId = {0, 0, 0, 0x30, 0x39, 2, 'x'};
    fx.rawFeedback.pipeInput("k2".getBytes(StandardCharsets.UTF_8), unknownId);
    // The partition keeps going after bad records. (The test driver also only hands over what the
    // deserialization handler sent once a record has been processed and committed.)
    send(feedback("ok-1", "La factura de este mes me cobra dos veces la cuota").build());
    assertThat(classified()).hasSize(1);

    List<TestRecord<byte[], byte[]>> dlq = deadLetters();
    assertThat(dlq).hasSize(2);
    assertThat(fx.dlqKey.open(dlq.get(0).value())).isEqualTo(garbage);
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
  }

  @Test
  void aWriterSchemaWithoutTheTextFieldIsAMissingField() {
    atLeastOnce();
    // The current schema is registered first, as producers would have done.
    send(feedback("ok-0", "La factura de este mes me cobra dos veces la cuota").build());
    Schema older = SchemaBuilder.record("FeedbackReceived").namespace("org.feedbackrouter.avro").fields()
        .requiredString("id")
        .name("receivedAt").type(org.apache.avro.LogicalTypes.timestampMillis()
            .addToSchema(Schema.create(Schema.Type.LONG))).noDefault()
        .endRecord();
    GenericRecord record = new GenericData.Record(older);
    record.put("id", "no-text");
    record.put("receivedAt", START.toEpochMilli());
    var serde = AvroSerdes.generic(null, fx.registry, false, true);
    byte[] bytes = serde.serializer().serialize(fx.topics.feedbackReceived().name(), record);
    fx.rawFeedback.pipeInput("no-text".getBytes(StandardCharsets.UTF_8), bytes);

    send(feedback("ok-1", "La factura de este mes me cobra dos veces la cuota").build());
    assertThat(deadLetters()).singleElement().satisfies(r -> {
      assertThat(fx.dlqKey.open(r.value())).isEqualTo(bytes);
      assertThat(header(r.headers(), DeadLetterHandler.REASON)).isEqualTo("missing_field");
    });
  }

  @Test
  void aRecordWrittenUnderAnotherTypesSchemaIsAWrongSchema() {
    atLeastOnce();
    send(feedback("ok-0", "La factura de este mes me cobra dos veces la cuota").build());
    Task task = Task.newBuilder().setTaskId("t-1").setCorrelationId("fb").setFeedbackId("fb").setDepartment("finance")
        .setTopic("billing").setLanguage("es").setCreatedAt(START).setAcknowledgeDueAt(START).setResolveDueAt(START)
        .setFeedbackReceivedAt(START).setRedactedText("x").build();
    byte[] bytes = fx.topics.taskSerde().serializer().serialize(fx.topics.tasksTopic("finance"), task);
    fx.rawFeedback.pipeInput("t-1".getBytes(StandardCharsets.UTF_8), bytes);

    send(feedback("ok-1", "La factura de este mes me cobra dos veces la cuota").build());
    assertThat(deadLetters()).singleElement().satisfies(r -> {
      assertThat(header(r.headers(), DeadLetterHandler.REASON)).isEqualTo("wrong_schema");
      assertThat(header(r.headers(), DeadLetterHandler.DETAIL)).contains("is org.feedbackrouter.avro.Task, not");
    });
    assertThat(counter("feedback_rejected", "reason", "wrong_schema")).isEqualTo(1.0);
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
    // The original bytes are kept, sealed: opened, they still decode to what was sent.
    FeedbackReceived back = fx.topics.feedbackReceived().valueSerde().deserializer()
        .deserialize(fx.topics.feedbackReceived().name(), fx.dlqKey.open(dlq.get(2).value()));
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
    assertThat(fx.askedDepartments).contains("product", "digital", "customer_service", "marketing", "cx_office");
    assertThat(counter("feedback_tasks", "department", "product", "role", "OWNER")).isEqualTo(1.0);
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

    fx.driver.advanceWallClockTime(Duration.ofMinutes(61));
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
    fx.ownership.pipeInput("billing", billing);
    send(feedback("after", text).build());
    assertThat(tasks("finance")).isEmpty();
    assertThat(tasks("accounting")).singleElement().extracting(Task::getRole).isEqualTo(Role.OWNER);

    fx.ownership.pipeInput("billing", (AreaOwnership) null);
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

  @Test
  void tasksCarryProductJourneyChannelAndAttributesMasked() {
    send(feedback("attrs", "La factura de este mes me cobra dos veces la cuota")
        .setChannel(Channel.STORE).setProduct("fibra 600").setJourney("alta")
        .setAttributes(Map.of("store", "Madrid", "contact", "ana.garcia@example.com")).build());

    assertThat(tasks("finance")).singleElement().satisfies(t -> {
      assertThat(t.getChannel()).isEqualTo(Channel.STORE);
      assertThat(t.getProduct()).isEqualTo("fibra 600");
      assertThat(t.getJourney()).isEqualTo("alta");
      assertThat(t.getAttributes()).containsEntry("store", "Madrid").containsEntry("contact", "[EMAIL]");
    });
    assertThat(classified()).singleElement().satisfies(c -> assertThat(c.getAttributes()).doesNotContainValue("ana.garcia@example.com"));
  }
}
