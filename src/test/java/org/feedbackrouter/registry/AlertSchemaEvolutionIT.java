package org.feedbackrouter.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.AlertKind;
import org.feedbackrouter.testkit.RealServices;
import org.feedbackrouter.testkit.RealServicesExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The grouping fields added to Alert (groupCount, sampleIds, firstTime, lastTime), through a real
 * topic and the real Apicurio registry: an alert written before them reads with the new class
 * (defaults), and a grouped alert reads with the old schema (fields skipped), each reader with an
 * empty registry cache so the writer schema comes from the registry by id.
 */
@ExtendWith(RealServicesExtension.class)
class AlertSchemaEvolutionIT {
  private static final List<String> GROUP_FIELDS = List.of("groupCount", "sampleIds", "firstTime", "lastTime");
  private static final Instant AT = Instant.parse("2026-11-30T10:00:00Z");

  @Test
  void alertsEvolveBothWays(RealServices services) throws Exception {
    String topic = "evolution-alerts-" + UUID.randomUUID();
    services.createTopics(1, topic);
    Schema old = TestRecords.edited(Alert.SCHEMA$, json -> GROUP_FIELDS.forEach(f -> TestRecords.removeField(json, f)));
    GenericRecord before = new GenericRecordBuilder(old).set("alertId", "a-old")
        .set("kind", new GenericData.EnumSymbol(old.getField("kind").schema(), "SLA_BREACH"))
        .set("department", "finance").set("topic", "billing").set("taskId", "t-1")
        .set("message", "Task not acknowledged").set("createdAt", AT.toEpochMilli()).build();
    Alert grouped = Alert.newBuilder().setAlertId("a-new").setKind(AlertKind.SLA_BREACH).setDepartment("finance")
        .setTopic("billing").setMessage("3 SLA_BREACH alerts on billing").setCreatedAt(AT.plusSeconds(30))
        .setGroupCount(3L).setSampleIds(List.of("t-1", "t-2", "t-3")).setFirstTime(AT).setLastTime(AT.plusSeconds(5))
        .build();

    SchemaRegistryClient writerRegistry = fresh(services);
    byte[] first = AvroSerdes.generic(null, writerRegistry, false, true).serializer().serialize(topic, before);
    byte[] second = AvroSerdes.specific(Alert.class, writerRegistry, false, true).serializer().serialize(topic, grouped);
    List<byte[]> read = ThroughTopic.roundTrip(services, topic, first, second);

    Alert oldAsNew = AvroSerdes.specific(Alert.class, fresh(services), false, true).deserializer()
        .deserialize(topic, read.get(0));
    assertThat(oldAsNew.getAlertId()).isEqualTo("a-old");
    assertThat(oldAsNew.getTaskId()).isEqualTo("t-1");
    assertThat(oldAsNew.getGroupCount()).isNull();
    assertThat(oldAsNew.getSampleIds()).isEmpty();
    assertThat(oldAsNew.getFirstTime()).isNull();
    assertThat(oldAsNew.getLastTime()).isNull();
    assertThat(AvroSerdes.specific(Alert.class, fresh(services), false, true).deserializer()
        .deserialize(topic, read.get(1))).isEqualTo(grouped);

    GenericRecord newAsOld = AvroSerdes.generic(old, fresh(services), false, true).deserializer()
        .deserialize(topic, read.get(1));
    assertThat(newAsOld.getSchema()).isEqualTo(old);
    assertThat(newAsOld.get("alertId")).hasToString("a-new");
    assertThat(newAsOld.get("message")).hasToString("3 SLA_BREACH alerts on billing");
    GROUP_FIELDS.forEach(f -> assertThat(newAsOld.hasField(f)).as(f).isFalse());
  }

  private static SchemaRegistryClient fresh(RealServices services) {
    return SchemaRegistryClients.create(RegistryConfig.of(services.registryUrl()));
  }
}
