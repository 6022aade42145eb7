package org.feedbackrouter.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.common.errors.SerializationException;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.Scores;
import org.feedbackrouter.registry.SchemaRegistryException.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every way a payload or a record can be wrong ends in a SerializationException that names the cause. */
class AvroSerdeErrorsTest {

  private static final String TOPIC = "feedback.received";

  private final String scope = TestRecords.freshScope();
  private final MockSchemaRegistry registry = MockSchemaRegistry.scope(scope);
  private final AvroSerde<FeedbackReceived> serde = AvroSerdes.specific(FeedbackReceived.class, registry, false, true);

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.dropScope(scope);
  }

  private byte[] golden() {
    return serde.serializer().serialize(TOPIC, TestRecords.goldenFeedback());
  }

  private FeedbackReceived read(byte[] bytes) {
    return serde.deserializer().deserialize(TOPIC, bytes);
  }

  @Test
  void wrongMagicByte() {
    byte[] json = "{\"id\":\"fb-1\"}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> read(json))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("unknown magic byte 0x7b (expected 0x00: not Confluent wire format)")
        .hasMessageContaining(TOPIC);
  }

  @Test
  void payloadShorterThanTheHeader() {
    assertThatThrownBy(() -> read(new byte[] {0, 0, 0}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("payload truncated: 3 bytes, need at least 5");
  }

  @Test
  void bodyCutShort() {
    byte[] bytes = golden();

    assertThatThrownBy(() -> read(Arrays.copyOf(bytes, bytes.length - 3)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("truncated or corrupt Avro body for schema id 1");
  }

  @Test
  void headerOnly() {
    assertThatThrownBy(() -> read(Arrays.copyOf(golden(), 5)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("truncated or corrupt Avro body for schema id 1");
  }

  @Test
  void unknownSchemaId() {
    assertThatThrownBy(() -> read(new byte[] {0, 0, 0, 3, (byte) 0xe7, 0x08, 'f', 'b', '-', '1'}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("unknown schema id 999")
        .hasCauseInstanceOf(SchemaRegistryException.class);
  }

  @Test
  void trailingGarbage() {
    byte[] bytes = golden();
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);

    assertThatThrownBy(() -> read(longer))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("truncated or corrupt Avro body for schema id 1")
        .hasMessageContaining("3 trailing bytes");
  }

  @Test
  void corruptUnionIndex() {
    byte[] bytes = golden();
    // Offset 17 is customerId's union branch (see the golden bytes); branch 5 does not exist.
    assertThat(bytes[17]).isEqualTo((byte) 0x02);
    bytes[17] = 0x0a;

    assertThatThrownBy(() -> read(bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("truncated or corrupt Avro body for schema id 1");
  }

  @Test
  void lengthsBeyondThePayloadAreRejectedWithoutAllocatingThem() {
    golden();
    // Avro's own decoder would allocate these before noticing the payload cannot hold them (OutOfMemoryError).
    byte[] hugeString = {0, 0, 0, 0, 1, (byte) 0x80, (byte) 0xa8, (byte) 0xd6, (byte) 0xb9, 0x07, 'x'};
    byte[] hugeMap = {0, 0, 0, 0, 1, 0x02, 'a', 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        (byte) 0x80, (byte) 0xd0, (byte) 0xac, (byte) 0xf3, 0x0e, 0x02, 'k'};

    assertThatThrownBy(() -> read(hugeString))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("truncated or corrupt Avro body for schema id 1")
        .hasMessageContaining("string claims 1000000000 bytes, 1 remain");
    assertThatThrownBy(() -> read(hugeMap))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("block claims 2000000000 items");
  }

  @Test
  void writerSchemaThatCannotBeResolvedToTheReader() {
    Schema retyped = TestRecords.edited(FeedbackReceived.SCHEMA$,
        json -> ((ObjectNode) TestRecords.field(json, "text")).put("type", "int"));
    int id = registry.register("other-value", retyped);
    GenericRecord record = new GenericRecordBuilder(retyped).set("id", "fb-1").set("receivedAt", 1L).set("text", 42).build();
    byte[] bytes = AvroSerdes.generic(null, registry, false, true).serializer().serialize("other", record);

    assertThatThrownBy(() -> read(bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("writer schema id " + id)
        .hasMessageContaining("cannot be read as org.feedbackrouter.avro.FeedbackReceived")
        .hasMessageContaining("/fields/8/type");
  }

  @Test
  void aRecordOfAnotherTypeIsAWrongSchemaNotAMissingField() {
    Schema task = TestRecords.edited(FeedbackReceived.SCHEMA$, json -> ((ObjectNode) json).put("name", "Task"));
    int id = registry.register("tasks.finance-value", task);
    GenericRecord record = new GenericRecordBuilder(task).set("id", "t-1").set("receivedAt", 1L).set("text", "x").build();
    byte[] bytes = AvroSerdes.generic(null, registry, false, true).serializer().serialize("tasks.finance", record);

    assertThatThrownBy(() -> read(bytes))
        .isInstanceOf(WrongSchemaException.class)
        .hasMessageContaining("schema id " + id + " is org.feedbackrouter.avro.Task, not org.feedbackrouter.avro.FeedbackReceived");
  }

  @Test
  void unregisteredSchemaWithAutoRegistrationOff() {
    AvroSerde<FeedbackReceived> strict = AvroSerdes.specific(FeedbackReceived.class, registry, false, false);

    assertThatThrownBy(() -> strict.serializer().serialize(TOPIC, TestRecords.feedback(1)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("not registered under subject 'feedback.received-value'")
        .hasMessageContaining("auto.register.schemas=false")
        .hasMessageContaining("Register it first")
        .hasMessageContaining("/subjects/feedback.received-value/versions")
        .hasCauseInstanceOf(SchemaRegistryException.class);
  }

  @Test
  void registeredSchemaWithAutoRegistrationOffIsUsedAsIs() {
    registry.register("unrelated-value", Scores.SCHEMA$);
    int id = registry.register("feedback.received-value", FeedbackReceived.SCHEMA$);
    AvroSerde<FeedbackReceived> strict = AvroSerdes.specific(FeedbackReceived.class, registry, false, false);

    byte[] bytes = strict.serializer().serialize(TOPIC, TestRecords.feedback(1));

    assertThat(id).isEqualTo(2);
    assertThat(Arrays.copyOf(bytes, 5)).containsExactly(0, 0, 0, 0, 2);
    assertThat(read(bytes)).isEqualTo(TestRecords.feedback(1));
  }

  @Test
  void recordThatBreaksItsSchemaFailsAndTheNextRecordIsUnaffected() {
    FeedbackReceived broken = TestRecords.feedback(1);
    broken.setText(null);

    assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, broken))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("does not match its schema")
        .hasMessageContaining("text");
    // Same thread, same serde: nothing of the failed record may leak into the next one.
    assertThat(golden()).isEqualTo(AvroSerdes.specific(FeedbackReceived.class, registry, false, true)
        .serializer().serialize(TOPIC, TestRecords.goldenFeedback()));
  }

  @Test
  void valueThatIsNotAvro() {
    KafkaAvroSerializer serializer = new KafkaAvroSerializer();
    serializer.configure(Map.of(RegistryConfig.URL, "mock://" + scope), false);

    assertThatThrownBy(() -> serializer.serialize(TOPIC, new Object()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("java.lang.Object")
        .hasMessageContaining("not an Avro record");
  }

  @Test
  void unreachableRegistryIsReportedAsSuchNotAsBadData() throws IOException {
    String deadUrl;
    try (RegistryTestServer dead = RegistryTestServer.http()) {
      deadUrl = dead.url("");
    }
    SchemaRegistryClient client = SchemaRegistryClients.create(RegistryConfig.fromMap(Map.of(
        RegistryConfig.URL, deadUrl, RegistryConfig.RETRIES, "1", RegistryConfig.RETRY_BACKOFF_MS, "1")));
    AvroSerde<FeedbackReceived> serde = AvroSerdes.specific(FeedbackReceived.class, client, false, true);

    assertThatThrownBy(() -> serde.deserializer().deserialize("feedback.received", new byte[] {0, 0, 0, 0, 1, 0}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("could not fetch schema id 1 from the schema registry")
        .hasCauseInstanceOf(SchemaRegistryException.class)
        .cause().satisfies(cause -> assertThat(((SchemaRegistryException) cause).kind()).isEqualTo(Kind.UNAVAILABLE));
  }
}
