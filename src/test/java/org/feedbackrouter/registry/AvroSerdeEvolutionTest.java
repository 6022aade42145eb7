package org.feedbackrouter.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.common.errors.SerializationException;
import org.feedbackrouter.avro.Channel;
import org.feedbackrouter.avro.FeedbackReceived;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Old and new writers, old and new readers: the writer's schema is resolved against the reader's. */
class AvroSerdeEvolutionTest {

  private static final Schema V1 = new Schema.Parser().parse("""
      {"type": "record", "name": "Ticket", "namespace": "org.feedbackrouter.test", "fields": [
        {"name": "id", "type": "string"},
        {"name": "amount", "type": "int"}
      ]}""");
  private static final Schema V2 = new Schema.Parser().parse("""
      {"type": "record", "name": "Ticket", "namespace": "org.feedbackrouter.test", "fields": [
        {"name": "id", "type": "string"},
        {"name": "amount", "type": "int"},
        {"name": "note", "type": ["null", "string"], "default": null}
      ]}""");

  private final String scope = TestRecords.freshScope();
  private final MockSchemaRegistry registry = MockSchemaRegistry.scope(scope);

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.dropScope(scope);
  }

  @Test
  void oldWriterNewReaderGetsTheDefault() {
    byte[] bytes = AvroSerdes.generic(null, registry, false, true).serializer()
        .serialize("tickets", new GenericRecordBuilder(V1).set("id", "t-1").set("amount", 30).build());

    GenericRecord read = AvroSerdes.generic(V2, registry, false, true).deserializer().deserialize("tickets", bytes);

    assertThat(read.getSchema()).isEqualTo(V2);
    assertThat(read.get("id")).hasToString("t-1");
    assertThat(read.get("amount")).isEqualTo(30);
    assertThat(read.get("note")).isNull();
  }

  @Test
  void newWriterOldReaderDropsTheNewField() {
    AvroSerde<GenericRecord> writer = AvroSerdes.generic(null, registry, false, true);
    writer.serializer().serialize("tickets", new GenericRecordBuilder(V1).set("id", "t-0").set("amount", 1).build());
    byte[] bytes = writer.serializer()
        .serialize("tickets", new GenericRecordBuilder(V2).set("id", "t-2").set("amount", 45).set("note", "urgent").build());

    GenericRecord read = AvroSerdes.generic(V1, registry, false, true).deserializer().deserialize("tickets", bytes);

    assertThat(bytes[4]).as("v2 got its own id under the same subject").isEqualTo((byte) 2);
    assertThat(read.getSchema()).isEqualTo(V1);
    assertThat(read.get("id")).hasToString("t-2");
    assertThat(read.get("amount")).isEqualTo(45);
    assertThat(read.hasField("note")).isFalse();
  }

  @Test
  void generatedClassReadsAnOlderFeedbackWithoutOptionalFields() {
    Schema older = TestRecords.edited(FeedbackReceived.SCHEMA$, json -> {
      TestRecords.removeField(json, "journey");
      TestRecords.removeField(json, "scores");
    });
    GenericRecord old = new GenericRecordBuilder(older)
        .set("id", "fb-old")
        .set("channel", new GenericData.EnumSymbol(older.getField("channel").schema(), "APP"))
        .set("receivedAt", 1_600_000_000_000L)
        .set("language", "en")
        .set("text", "Slow app")
        .build();
    byte[] bytes = AvroSerdes.generic(null, registry, false, true).serializer().serialize("feedback.received", old);

    FeedbackReceived read = AvroSerdes.specific(FeedbackReceived.class, registry, false, true)
        .deserializer().deserialize("feedback.received", bytes);

    assertThat(read.getId()).isEqualTo("fb-old");
    assertThat(read.getChannel()).isEqualTo(Channel.APP);
    assertThat(read.getReceivedAt()).isEqualTo(Instant.ofEpochMilli(1_600_000_000_000L));
    assertThat(read.getJourney()).isNull();
    assertThat(read.getScores()).isNull();
    assertThat(read.getText()).isEqualTo("Slow app");
  }

  @Test
  void generatedClassReadsANewerFeedbackWithAnUnknownChannelAsOther() {
    Schema newer = TestRecords.edited(FeedbackReceived.SCHEMA$, json -> {
      ObjectNode channel = (ObjectNode) TestRecords.field(json, "channel").get("type");
      ((ArrayNode) channel.get("symbols")).add("KIOSK");
      ((ArrayNode) json.get("fields")).add(TestRecords.json(
          "{\"name\": \"sentimentHint\", \"type\": [\"null\", \"string\"], \"default\": null}"));
    });
    registry.register("feedback.received-value", FeedbackReceived.SCHEMA$);
    GenericRecord future = new GenericRecordBuilder(newer)
        .set("id", "fb-new")
        .set("channel", new GenericData.EnumSymbol(newer.getField("channel").schema(), "KIOSK"))
        .set("receivedAt", 1_800_000_000_000L)
        .set("attributes", Map.of("kiosk", "K-12"))
        .set("text", "Screen frozen")
        .set("sentimentHint", "negative")
        .build();
    byte[] bytes = AvroSerdes.generic(null, registry, false, true).serializer().serialize("feedback.received", future);

    FeedbackReceived read = AvroSerdes.specific(FeedbackReceived.class, registry, false, true)
        .deserializer().deserialize("feedback.received", bytes);

    assertThat(read.getChannel()).isEqualTo(Channel.OTHER);
    assertThat(read.getId()).isEqualTo("fb-new");
    assertThat(read.getAttributes()).containsExactly(Map.entry("kiosk", "K-12"));
    assertThat(read.getText()).isEqualTo("Screen frozen");
  }

  @Test
  void incompatibleNewVersionIsRefusedWithAdvice() {
    Schema required = TestRecords.edited(V1, json -> ((ArrayNode) json.get("fields"))
        .add(TestRecords.json("{\"name\": \"owner\", \"type\": \"string\"}")));
    AvroSerde<GenericRecord> writer = AvroSerdes.generic(null, registry, false, true);
    writer.serializer().serialize("tickets", new GenericRecordBuilder(V1).set("id", "t-1").set("amount", 1).build());
    GenericRecord record = new GenericRecordBuilder(required).set("id", "t-3").set("amount", 2).set("owner", "it").build();

    assertThatThrownBy(() -> writer.serializer().serialize("tickets", record))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("incompatible")
        .hasMessageContaining("owner")
        .hasMessageContaining("default")
        .hasCauseInstanceOf(SchemaRegistryException.class);
  }
}
