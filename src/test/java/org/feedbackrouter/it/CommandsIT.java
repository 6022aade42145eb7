package org.feedbackrouter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.feedbackrouter.avro.AreaOwnership;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.registry.RegistryConfig;
import org.feedbackrouter.registry.SchemaRegistryClients;
import org.feedbackrouter.testkit.CliRun;
import org.feedbackrouter.testkit.RealServices;
import org.feedbackrouter.testkit.RealServicesExtension;
import org.feedbackrouter.topology.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The operator commands against a real broker and registry. */
@ExtendWith(RealServicesExtension.class)
class CommandsIT {
  @TempDir Path dir;

  private static CliRun run(RealServices services, String prefix, String... args) {
    return CliRun.against(services, prefix, args);
  }

  private static <V> List<ConsumerRecord<String, V>> readAll(RealServices services, String topic,
      org.apache.kafka.common.serialization.Deserializer<V> values, int expected) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "check-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, V>> out = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(p, new StringDeserializer(), values)) {
      consumer.subscribe(List.of(topic));
      await().atMost(Duration.ofSeconds(60)).pollInSameThread().until(() -> {
        consumer.poll(Duration.ofMillis(300)).forEach(out::add);
        return out.size() >= expected;
      });
    }
    return out;
  }

  @Test
  void produceSendsTheGoodLinesAndReportsTheBadOnesByNumber(RealServices services) throws Exception {
    String prefix = "produce-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    services.createTopics(1, prefix + "feedback.received");
    Path file = dir.resolve("feedback.jsonl");
    Files.writeString(file, String.join("\n",
        "{\"id\":\"a\",\"channel\":\"survey\",\"text\":\"La factura llega duplicada\",\"scores\":{\"nps\":2}}",
        "{\"id\":\"b\",\"channel\":\"web\"",
        "",
        "{\"id\":\"c\",\"channel\":\"app\"}",
        "{\"id\":\"d\",\"channel\":\"store\",\"text\":\"Great staff\",\"receivedAt\":\"2026-01-10T09:00:00Z\"}"));
    CliRun r = run(services, prefix, "produce", file.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("2 sent to " + prefix + "feedback.received, 2 rejected");
    assertThat(r.err().lines().toList()).hasSize(2)
        .anySatisfy(l -> assertThat(l).startsWith("line 2: malformed: not JSON"))
        .anySatisfy(l -> assertThat(l).startsWith("line 4: missing_field: 'text' is required"));
    Topics topics = Topics.create(prefix, SchemaRegistryClients.create(RegistryConfig.of(services.registryUrl())), true);
    List<ConsumerRecord<String, FeedbackReceived>> sent = readAll(services, prefix + "feedback.received",
        topics.feedbackReceived().valueSerde().deserializer(), 2);
    assertThat(sent).extracting(ConsumerRecord::key).containsExactly("a", "d");
    assertThat(sent.get(0).value().getScores().getNps()).isEqualTo(2);
  }

  @Test
  void runRefusesAnInputWithAnotherPartitionCount(RealServices services) throws Exception {
    String prefix = "parts-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    services.createTopics(2, prefix + "feedback.received");
    Path config = dir.resolve("run.properties");
    Files.writeString(config, "feedback.http.port=0\nfeedback.topics.partitions=3\nfeedback.dlq.store-original=false\n");
    CliRun r = run(services, prefix, "run", "--config", config.toString());

    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("config: topic " + prefix + "feedback.received has 2 partitions but"
        + " feedback.topics.partitions is 3");
    assertThat(r.err()).doesNotContain(prefix + "task.events");
  }

  @Test
  void ownershipApplyPrintsTheDiffAndTombstonesRemovedTopics(RealServices services) throws Exception {
    String prefix = "own-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    Path file = dir.resolve("ownership.yaml");
    Files.writeString(file, """
        topics:
          billing: {owner: finance, supporting: [customer_service]}
          refunds: {owner: finance}
          delivery: {owner: logistics}
        """);
    CliRun first = run(services, prefix, "ownership", "apply", file.toString());
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("+ billing: owner finance, supporting [customer_service], decentralised",
        "4 added, 0 changed, 0 removed");

    Files.writeString(file, """
        topics:
          billing: {owner: accounting, supporting: [customer_service]}
          delivery: {owner: logistics}
        """);
    CliRun dry = run(services, prefix, "ownership", "apply", file.toString(), "--dry-run");
    assertThat(dry.out()).contains("~ billing: owner: finance -> accounting", "- refunds",
        "0 added, 1 changed, 1 removed (dry run: nothing published)");
    CliRun second = run(services, prefix, "ownership", "apply", file.toString());
    assertThat(second.out()).contains("0 added, 1 changed, 1 removed", "Published to " + prefix + "area.ownership");
    await().untilAsserted(() -> assertThat(services.admin().listTopics().names().get())
        .contains(prefix + "tasks.accounting", prefix + "alerts.accounting"));

    Topics topics = Topics.create(prefix, SchemaRegistryClients.create(RegistryConfig.of(services.registryUrl())), true);
    List<ConsumerRecord<String, AreaOwnership>> log = readAll(services, prefix + "area.ownership",
        topics.ownership().valueSerde().deserializer(), 6);
    assertThat(log).extracting(r -> r.key() + "=" + (r.value() == null ? "tombstone" : r.value().getOwner()))
        .containsSubsequence("refunds=finance", "refunds=tombstone")
        .contains("billing=accounting");
    CliRun again = run(services, prefix, "ownership", "apply", file.toString());
    assertThat(again.out()).contains("0 added, 0 changed, 0 removed");
  }
}
