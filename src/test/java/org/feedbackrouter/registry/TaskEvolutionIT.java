package org.feedbackrouter.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.testkit.RealServices;
import org.feedbackrouter.testkit.RealServicesExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Task gained optional product, journey and attributes. Through the real registry, departments still
 * on the previous schema read new tasks, and the service reads tasks written before the change.
 */
@ExtendWith(RealServicesExtension.class)
class TaskEvolutionIT {
  private static final Set<String> ADDED = Set.of("product", "journey", "attributes");

  /** Task as it was before the three fields. */
  private static final Schema PREVIOUS = TestRecords.edited(Task.SCHEMA$, json -> {
    ArrayNode fields = (ArrayNode) json.get("fields");
    for (int i = fields.size() - 1; i >= 0; i--) {
      if (ADDED.contains(fields.get(i).get("name").asText())) {
        fields.remove(i);
      }
    }
  });

  @Test
  void oldAndNewTasksReadBothWaysUnderOneSubject(RealServices services) {
    String topic = "evolution-" + UUID.randomUUID() + ".tasks.finance";
    SchemaRegistryClient registry = SchemaRegistryClients.create(RegistryConfig.of(services.registryUrl()));
    AvroSerde<Task> current = AvroSerdes.specific(Task.class, registry, false, true);
    AvroSerde<GenericRecord> previous = AvroSerdes.generic(PREVIOUS, registry, false, true);

    Instant at = Instant.parse("2026-03-01T10:15:00Z");
    GenericRecord oldTask = new GenericRecordBuilder(PREVIOUS).set("taskId", "t-old").set("correlationId", "fb-1")
        .set("feedbackId", "fb-1").set("department", "finance").set("topic", "billing").set("language", "es")
        .set("createdAt", at.toEpochMilli()).set("acknowledgeDueAt", at.toEpochMilli())
        .set("resolveDueAt", at.toEpochMilli()).set("feedbackReceivedAt", at.toEpochMilli())
        .set("redactedText", "texto").build();
    byte[] oldBytes = previous.serializer().serialize(topic, oldTask);
    Task newTask = Task.newBuilder().setTaskId("t-new").setCorrelationId("fb-2").setFeedbackId("fb-2")
        .setDepartment("finance").setTopic("billing").setLanguage("es").setCreatedAt(at).setAcknowledgeDueAt(at)
        .setResolveDueAt(at).setFeedbackReceivedAt(at).setRedactedText("texto").setProduct("fibra 600")
        .setJourney("alta").setAttributes(Map.of("store", "Madrid")).build();
    byte[] newBytes = current.serializer().serialize(topic, newTask);

    assertThat(schemaId(newBytes)).as("the new schema is a second version, another id").isNotEqualTo(schemaId(oldBytes));
    Task oldReadNow = current.deserializer().deserialize(topic, oldBytes);
    assertThat(oldReadNow.getTaskId()).isEqualTo("t-old");
    assertThat(oldReadNow.getProduct()).isNull();
    assertThat(oldReadNow.getJourney()).isNull();
    assertThat(oldReadNow.getAttributes()).isEmpty();
    GenericRecord newReadBefore = previous.deserializer().deserialize(topic, newBytes);
    assertThat(newReadBefore.get("taskId").toString()).isEqualTo("t-new");
    assertThat(newReadBefore.getSchema().getField("attributes")).isNull();
    assertThat(current.deserializer().deserialize(topic, newBytes)).isEqualTo(newTask);
  }

  private static int schemaId(byte[] bytes) {
    return java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt();
  }
}
