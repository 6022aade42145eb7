package org.feedbackrouter.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.feedbackrouter.avro.AreaOwnership;
import org.feedbackrouter.avro.SlaCalendar;
import org.feedbackrouter.avro.WorkingHours;
import org.feedbackrouter.testkit.RealServices;
import org.feedbackrouter.testkit.RealServicesExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * AreaOwnership gained an optional SLA calendar. Through the real registry, a service of the
 * previous version reads entries with a calendar (it skips it, counting round the clock as
 * before), and the service reads entries written before the change (no calendar: 24x7).
 * Every read uses a fresh client, so writer schemas come from Apicurio by id.
 */
@ExtendWith(RealServicesExtension.class)
class OwnershipEvolutionIT {
  private static final Schema PREVIOUS = TestRecords.edited(AreaOwnership.SCHEMA$,
      json -> TestRecords.removeField(json, "calendar"));
  private static final Instant AT = Instant.parse("2026-11-30T10:00:00Z");

  private static SchemaRegistryClient fresh(RealServices services) {
    return SchemaRegistryClients.create(RegistryConfig.of(services.registryUrl()));
  }

  @Test
  void entriesWithAndWithoutACalendarReadBothWays(RealServices services) {
    String topic = "evolution-" + UUID.randomUUID() + ".area.ownership";
    GenericRecord before = new GenericRecordBuilder(PREVIOUS).set("topicId", "billing").set("owner", "finance")
        .set("governance", new GenericData.EnumSymbol(PREVIOUS.getField("governance").schema(), "COMMITTEE"))
        .set("committee", "cx_council").set("updatedAt", AT.toEpochMilli()).build();
    byte[] oldBytes = AvroSerdes.generic(PREVIOUS, fresh(services), false, true).serializer().serialize(topic, before);
    AreaOwnership after = AreaOwnership.newBuilder().setTopicId("refunds").setOwner("finance").setUpdatedAt(AT)
        .setCalendar(new SlaCalendar("madrid-office", "Europe/Madrid",
            List.of(new WorkingHours(1, 540, 1080), new WorkingHours(5, 540, 1080)), List.of("2026-12-08")))
        .build();
    byte[] newBytes = AvroSerdes.specific(AreaOwnership.class, fresh(services), false, true).serializer()
        .serialize(topic, after);

    AreaOwnership oldReadNow = AvroSerdes.specific(AreaOwnership.class, fresh(services), false, true)
        .deserializer().deserialize(topic, oldBytes);
    assertThat(oldReadNow.getTopicId()).isEqualTo("billing");
    assertThat(oldReadNow.getCommittee()).isEqualTo("cx_council");
    assertThat(oldReadNow.getCalendar()).isNull();
    assertThat(AvroSerdes.specific(AreaOwnership.class, fresh(services), false, true).deserializer()
        .deserialize(topic, newBytes)).isEqualTo(after);

    GenericRecord newReadBefore = AvroSerdes.generic(PREVIOUS, fresh(services), false, true).deserializer()
        .deserialize(topic, newBytes);
    assertThat(newReadBefore.getSchema()).isEqualTo(PREVIOUS);
    assertThat(newReadBefore.get("topicId")).hasToString("refunds");
    assertThat(newReadBefore.hasField("calendar")).isFalse();
  }
}
