package org.feedbackrouter.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.feedbackrouter.avro.Priority;
import org.feedbackrouter.avro.ReassignReason;
import org.feedbackrouter.avro.ResolutionCode;
import org.feedbackrouter.avro.TaskEvent;
import org.feedbackrouter.avro.TaskEventType;
import org.feedbackrouter.avro.TaskOutcome;
import org.feedbackrouter.testkit.RealServices;
import org.feedbackrouter.testkit.RealServicesExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The resolution, event-id and topic-correction fields added to TaskEvent and TaskOutcome, through
 * a real topic and the real registry: a record of the schema before them reads with the new
 * class (the fields take their defaults), and a new record reads with the old schema (the
 * fields are skipped). Readers get writer schemas from Apicurio by id, with fresh clients.
 */
@ExtendWith(RealServicesExtension.class)
class TaskSchemaEvolutionIT {
  private static final List<String> NEW_EVENT_FIELDS =
      List.of("eventId", "resolutionCode", "rootCause", "reason", "correctTopic");
  private static final List<String> NEW_OUTCOME_FIELDS = List.of("resolutionCode", "rootCause");
  private static final Instant AT = Instant.parse("2026-11-30T10:00:00Z");

  @Test
  void taskEventsEvolveBothWays(RealServices services) throws Exception {
    String topic = "evolution-task-events-" + UUID.randomUUID();
    services.createTopics(1, topic);
    Schema old = without(TaskEvent.SCHEMA$, NEW_EVENT_FIELDS);
    GenericRecord before = new GenericRecordBuilder(old).set("taskId", "t-old")
        .set("type", new GenericData.EnumSymbol(old.getField("type").schema(), "RESOLVED"))
        .set("actor", "ana@finance").set("occurredAt", AT.toEpochMilli()).set("note", "done").build();
    TaskEvent after = TaskEvent.newBuilder().setTaskId("t-new").setType(TaskEventType.REASSIGNED)
        .setActor("ana@finance").setOccurredAt(AT).setReassignTo("logistics").setEventId("e-1")
        .setReason(ReassignReason.WRONG_TOPIC).setCorrectTopic("delivery").build();
    List<byte[]> bytes = roundTrip(services, topic, before, after);

    TaskEvent oldAsNew = fresh(services).specific(TaskEvent.class).deserialize(topic, bytes.get(0));
    assertThat(oldAsNew.getTaskId()).isEqualTo("t-old");
    assertThat(oldAsNew.getNote()).isEqualTo("done");
    assertThat(oldAsNew.getEventId()).isNull();
    assertThat(oldAsNew.getResolutionCode()).isNull();
    assertThat(oldAsNew.getReason()).isNull();
    assertThat(fresh(services).specific(TaskEvent.class).deserialize(topic, bytes.get(1))).isEqualTo(after);

    GenericRecord newAsOld = fresh(services).generic(old).deserializer().deserialize(topic, bytes.get(1));
    assertThat(newAsOld.getSchema()).isEqualTo(old);
    assertThat(newAsOld.get("taskId")).hasToString("t-new");
    assertThat(newAsOld.get("reassignTo")).hasToString("logistics");
    NEW_EVENT_FIELDS.forEach(f -> assertThat(newAsOld.hasField(f)).as(f).isFalse());
  }

  @Test
  void taskOutcomesEvolveBothWays(RealServices services) throws Exception {
    String topic = "evolution-task-outcomes-" + UUID.randomUUID();
    services.createTopics(1, topic);
    Schema old = without(TaskOutcome.SCHEMA$, NEW_OUTCOME_FIELDS);
    GenericRecord before = new GenericRecordBuilder(old).set("taskId", "t-old").set("correlationId", "f-1")
        .set("feedbackId", "f-1").set("department", "finance").set("topic", "billing")
        .set("priority", new GenericData.EnumSymbol(old.getField("priority").schema(), "P2"))
        .set("createdAt", AT.toEpochMilli()).set("resolvedAt", AT.plusSeconds(60).toEpochMilli())
        .set("resolveMs", 60_000L).set("slaMet", true).build();
    TaskOutcome after = TaskOutcome.newBuilder().setTaskId("t-new").setCorrelationId("f-2").setFeedbackId("f-2")
        .setDepartment("finance").setTopic("billing").setPriority(Priority.P1).setCreatedAt(AT)
        .setAcknowledgedAt(null).setResolvedAt(AT.plusSeconds(90)).setAcknowledgeMs(null).setResolveMs(90_000L)
        .setSlaMet(false).setReopenCount(0).setResolutionCode(ResolutionCode.NOT_OUR_AREA)
        .setRootCause("carrier").build();
    List<byte[]> bytes = roundTrip(services, topic, before, after);

    TaskOutcome oldAsNew = fresh(services).specific(TaskOutcome.class).deserialize(topic, bytes.get(0));
    assertThat(oldAsNew.getResolveMs()).isEqualTo(60_000L);
    assertThat(oldAsNew.getResolutionCode()).isNull();
    assertThat(oldAsNew.getRootCause()).isNull();
    assertThat(fresh(services).specific(TaskOutcome.class).deserialize(topic, bytes.get(1))).isEqualTo(after);

    GenericRecord newAsOld = fresh(services).generic(old).deserializer().deserialize(topic, bytes.get(1));
    assertThat(newAsOld.get("resolveMs")).isEqualTo(90_000L);
    NEW_OUTCOME_FIELDS.forEach(f -> assertThat(newAsOld.hasField(f)).as(f).isFalse());
  }

  private static Schema without(Schema schema, List<String> fields) {
    return TestRecords.edited(schema, json -> fields.forEach(f -> TestRecords.removeField(json, f)));
  }

  /** Writes the old record, then the new one, under one subject; returns the bytes read back from the topic. */
  private static List<byte[]> roundTrip(RealServices services, String topic, GenericRecord before, Object after)
      throws Exception {
    Clients writer = fresh(services);
    byte[] first = writer.generic(null).serializer().serialize(topic, before);
    byte[] second = after instanceof TaskEvent e ? writer.specificSerde(TaskEvent.class).serializer().serialize(topic, e)
        : writer.specificSerde(TaskOutcome.class).serializer().serialize(topic, (TaskOutcome) after);
    List<byte[]> read = ThroughTopic.roundTrip(services, topic, first, second);
    assertThat(read.get(1)).isEqualTo(second);
    return read;
  }

  /** A registry client with an empty cache, so writer schemas come from Apicurio by id. */
  private static Clients fresh(RealServices services) {
    return new Clients(SchemaRegistryClients.create(RegistryConfig.of(services.registryUrl())));
  }

  private record Clients(SchemaRegistryClient registry) {
    AvroSerde<GenericRecord> generic(Schema reader) {
      return AvroSerdes.generic(reader, registry, false, true);
    }

    <T extends org.apache.avro.specific.SpecificRecord> AvroSerde<T> specificSerde(Class<T> type) {
      return AvroSerdes.specific(type, registry, false, true);
    }

    <T extends org.apache.avro.specific.SpecificRecord> org.apache.kafka.common.serialization.Deserializer<T> specific(
        Class<T> type) {
      return specificSerde(type).deserializer();
    }
  }
}
