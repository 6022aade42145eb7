package org.feedbackrouter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.feedbackrouter.avro.Channel;
import org.feedbackrouter.avro.ClassifiedFeedback;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.classify.FeedbackClassifier;
import org.feedbackrouter.config.ConfigLoader;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.config.KafkaClients;
import org.feedbackrouter.dlq.DeadLetterReplay;
import org.feedbackrouter.dlq.ReplaySelection;
import org.feedbackrouter.ingest.DeadLetterHandler;
import org.feedbackrouter.registry.RegistryConfig;
import org.feedbackrouter.registry.SchemaRegistryClients;
import org.feedbackrouter.service.FeedbackService;
import org.feedbackrouter.testkit.CommittedRecords;
import org.feedbackrouter.testkit.RealServices;
import org.feedbackrouter.testkit.RealServicesExtension;
import org.feedbackrouter.topology.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recovery an operator runs: feedback dead-lettered under a limit that was too strict, the
 * limit fixed, {@code dlq replay --reason text_too_long}: each record goes back once, even when
 * the replay runs twice, and is then classified once.
 */
@ExtendWith(RealServicesExtension.class)
class DlqReplayIT {
  private static final String TEXT = "La factura de este mes me cobra dos veces la cuota, escribidme a ana.ruiz@example.com";

  @TempDir Path dir;

  @Test
  void replayedDeadLettersGoBackOnceAndAreProcessedOnceTheCauseIsFixed(RealServices services) throws Exception {
    String prefix = "replay-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    Map<String, String> settings = new HashMap<>(Map.of(
        "kafka.bootstrap.servers", services.bootstrapServers(),
        "schema.registry.url", services.registryUrl(),
        "feedback.topic.prefix", prefix,
        "feedback.application.id", prefix + "router",
        "feedback.http.port", "0",
        "feedback.dlq.key", Base64.getEncoder().encodeToString(new byte[32]),
        "kafka.state.dir", dir.resolve("state").toString()));
    Map<String, String> strict = new HashMap<>(settings);
    strict.put("feedback.text.max.length", "40");
    FeedbackConfig strictConfig = ConfigLoader.fromProperties(strict);
    FeedbackConfig fixedConfig = ConfigLoader.fromProperties(settings);
    Topics topics = Topics.create(prefix, SchemaRegistryClients.create(RegistryConfig.fromMap(fixedConfig.registry())), true);
    FeedbackClassifier classifier = FeedbackClassifier.withDefaults();
    List<String> ids = List.of("long-0", "long-1", "long-2", "long-3");

    try (FeedbackService strictService = FeedbackService.start(strictConfig, new SimpleMeterRegistry(), classifier)) {
      await().atMost(Duration.ofSeconds(90)).until(strictService::isReady);
      try (KafkaProducer<String, FeedbackReceived> producer = producer(services, topics)) {
        for (String id : ids) {
          producer.send(new ProducerRecord<>(topics.feedbackReceived().name(), id, feedback(id)));
        }
        producer.send(new ProducerRecord<>(topics.feedbackReceived().name(), "short-0",
            FeedbackReceived.newBuilder(feedback("short-0")).setText("Factura duplicada").build()));
      }
      List<ConsumerRecord<String, byte[]>> dead =
          CommittedRecords.read(services, topics.deadLetter().name(), ids.size(), Duration.ofSeconds(1));
      assertThat(dead).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(ids);
      assertThat(dead).allSatisfy(r -> assertThat(new String(r.value(), java.nio.charset.StandardCharsets.ISO_8859_1))
          .doesNotContain("ana.ruiz"));
    }

    DeadLetterReplay replay = new DeadLetterReplay(KafkaClients.config(fixedConfig), topics.deadLetter().name(),
        Set.of(topics.feedbackReceived().name(), topics.taskEvents().name()), fixedConfig.dlqKey().orElseThrow(),
        fixedConfig.applicationId() + "-dlq-replay");
    ReplaySelection tooLong = new ReplaySelection(Optional.of("text_too_long"), Optional.of(Instant.now().minusSeconds(600)));
    List<String> lines = new ArrayList<>();
    DeadLetterReplay.Result dry = replay.run(tooLong, true, lines::add);
    assertThat(dry).isEqualTo(new DeadLetterReplay.Result(4, 4, 0, List.of()));
    assertThat(lines).hasSize(4).allSatisfy(l -> assertThat(l).startsWith("would replay"));
    assertThat(replay.run(new ReplaySelection(Optional.of("malformed"), Optional.empty()), false, lines::add))
        .isEqualTo(new DeadLetterReplay.Result(0, 0, 0, List.of()));

    assertThat(replay.run(tooLong, false, lines::add)).isEqualTo(new DeadLetterReplay.Result(4, 4, 0, List.of()));
    assertThat(replay.run(tooLong, false, lines::add)).isEqualTo(new DeadLetterReplay.Result(4, 0, 4, List.of()));

    // Each id is on the input twice: sent once, replayed once (not twice).
    List<ConsumerRecord<String, byte[]>> input =
        CommittedRecords.read(services, topics.feedbackReceived().name(), 9, Duration.ofSeconds(2));
    assertThat(input).hasSize(9);
    var received = topics.feedbackReceived().valueSerde().deserializer();
    assertThat(input).filteredOn(r -> r.headers().lastHeader("dlq.replayed.from") != null)
        .map(r -> received.deserialize(r.topic(), r.value())).containsExactlyInAnyOrderElementsOf(
            ids.stream().map(DlqReplayIT::feedback).toList());

    try (FeedbackService fixed = FeedbackService.start(fixedConfig, new SimpleMeterRegistry(), classifier)) {
      await().atMost(Duration.ofSeconds(90)).until(fixed::isReady);
      var classified = topics.classified().valueSerde().deserializer();
      List<ConsumerRecord<String, byte[]>> out =
          CommittedRecords.read(services, topics.classified().name(), 5, Duration.ofSeconds(3));
      assertThat(out).map(r -> classified.deserialize(r.topic(), r.value())).extracting(ClassifiedFeedback::getFeedbackId)
          .containsExactlyInAnyOrder("short-0", "long-0", "long-1", "long-2", "long-3");
      // The first run filed 4 dead letters, the replays 4 markers, the fixed service none.
      List<ConsumerRecord<String, byte[]>> dlq = CommittedRecords.read(services, topics.deadLetter().name(), 8,
          Duration.ofSeconds(1));
      assertThat(dlq).hasSize(8);
      assertThat(dlq).filteredOn(r -> r.headers().lastHeader(DeadLetterHandler.REASON) == null)
          .allSatisfy(r -> assertThat(r.headers().lastHeader(DeadLetterReplay.REPLAY_OF)).isNotNull()).hasSize(4);
    }
  }

  private static FeedbackReceived feedback(String id) {
    return FeedbackReceived.newBuilder().setId(id).setChannel(Channel.WEB)
        .setReceivedAt(Instant.parse("2026-03-02T09:00:00Z")).setText(TEXT).setAttributes(Map.of()).build();
  }

  private static KafkaProducer<String, FeedbackReceived> producer(RealServices services, Topics topics) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return new KafkaProducer<>(p, new StringSerializer(), topics.feedbackReceived().valueSerde().serializer());
  }
}
