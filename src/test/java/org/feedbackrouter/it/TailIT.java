package org.feedbackrouter.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.feedbackrouter.avro.Channel;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.Priority;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.registry.RegistryConfig;
import org.feedbackrouter.registry.SchemaRegistryClients;
import org.feedbackrouter.testkit.CliRun;
import org.feedbackrouter.testkit.RealServices;
import org.feedbackrouter.testkit.RealServicesExtension;
import org.feedbackrouter.topology.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code tail} against the real broker and registry: decoded values, dead-letter headers, read_committed. */
@ExtendWith(RealServicesExtension.class)
class TailIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void printsCommittedTasksDecodedThroughTheRegistry(RealServices services) throws Exception {
    String prefix = "tail-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    services.createTopics(1, prefix + "tasks.finance");
    Topics topics = Topics.create(prefix, SchemaRegistryClients.create(RegistryConfig.of(services.registryUrl())), true);
    Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers(),
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, prefix + "writer");
    try (KafkaProducer<String, Task> producer = new KafkaProducer<>(props, new StringSerializer(),
        topics.taskSerde().serializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(prefix + "tasks.finance", "aborted", task("aborted")));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(prefix + "tasks.finance", "t-1", task("t-1")));
      producer.commitTransaction();
    }

    CliRun r = CliRun.against(services, prefix, "tail", "--tasks", "finance", "--from-beginning", "--max", "1");

    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(1);
    JsonNode line = JSON.readTree(lines.get(0));
    assertThat(line.path("topic").asText()).isEqualTo(prefix + "tasks.finance");
    assertThat(line.path("key").asText()).isEqualTo("t-1"); // the aborted record before it is not shown
    assertThat(line.path("value").path("department").asText()).isEqualTo("finance");
    assertThat(line.path("value").path("priority").asText()).isEqualTo("P2");
    assertThat(line.path("value").path("createdAt").asText()).isEqualTo("2026-03-01T10:15:00Z");
  }

  @Test
  void printsDeadLettersWithTheirHeadersAndDecodedValue(RealServices services) throws Exception {
    String prefix = "tail-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    services.createTopics(1, prefix + "feedback.dlq");
    Topics topics = Topics.create(prefix, SchemaRegistryClients.create(RegistryConfig.of(services.registryUrl())), true);
    FeedbackReceived feedback = FeedbackReceived.newBuilder().setId("fb-9").setChannel(Channel.WEB)
        .setText(" ").setReceivedAt(Instant.parse("2026-03-01T10:15:00Z")).build();
    byte[] value = topics.feedbackReceived().valueSerde().serializer().serialize(prefix + "feedback.received", feedback);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers()),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(prefix + "feedback.dlq",
          "fb-9".getBytes(StandardCharsets.UTF_8), value);
      letter.headers().add("dlq.reason", "missing_field".getBytes(StandardCharsets.UTF_8));
      producer.send(letter);
      producer.send(new ProducerRecord<>(prefix + "feedback.dlq", null, new byte[] {1, 2, 3})).get();
    }

    CliRun r = CliRun.against(services, prefix, "tail", "--dlq", "--from-beginning", "--max", "2");

    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(2);
    JsonNode first = JSON.readTree(lines.get(0));
    assertThat(first.path("headers").path("dlq.reason").asText()).isEqualTo("missing_field");
    assertThat(first.path("value").path("id").asText()).isEqualTo("fb-9");
    JsonNode second = JSON.readTree(lines.get(1));
    assertThat(second.path("value").isNull()).isTrue();
    assertThat(second.path("valueBase64").asText()).isEqualTo("AQID");
    assertThat(second.path("undecodable").asText()).isNotBlank();
  }

  @Test
  void saysWhenTheTopicDoesNotExist(RealServices services) {
    CliRun r = CliRun.against(services, "tail-none-" + UUID.randomUUID() + ".", "tail", "--alerts", "nobody", "--max", "1");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("alerts.nobody not found");
  }

  private static Task task(String id) {
    Instant at = Instant.parse("2026-03-01T10:15:00Z");
    return Task.newBuilder().setTaskId(id).setCorrelationId("fb-1").setFeedbackId("fb-1").setDepartment("finance")
        .setTopic("billing").setPriority(Priority.P2).setLanguage("es").setCreatedAt(at).setAcknowledgeDueAt(at)
        .setResolveDueAt(at).setFeedbackReceivedAt(at).setRedactedText("Me cobraron dos veces").build();
  }
}
