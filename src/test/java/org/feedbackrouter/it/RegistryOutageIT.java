package org.feedbackrouter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.feedbackrouter.avro.Channel;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.classify.FeedbackClassifier;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.service.FeedbackService;
import org.feedbackrouter.testkit.CommittedRecords;
import org.feedbackrouter.testkit.RealServices;
import org.feedbackrouter.testkit.RealServicesExtension;
import org.feedbackrouter.topology.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A freshly started service (no schema cached) meets a stopped registry: its lookups give up within
 * seconds, the stream thread is replaced instead of the feedback being dead-lettered, the replaced
 * thread's static member leaves the group, and once the registry is back every feedback is
 * classified exactly once.
 */
@ExtendWith(RealServicesExtension.class)
class RegistryOutageIT {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryOutageIT.class);
  private static final int FEEDBACK = 5;

  @TempDir Path dir;

  @Test
  void feedbackWaitsOutARegistryOutageAndIsClassifiedOnceWhenItIsBack(RealServices services) throws Exception {
    ServiceSetup setup = ServiceSetup.create(services, dir, "regout", Map.of("feedback.dlq.store-original", "false"));
    FeedbackConfig config = setup.instance("state");
    Topics topics = setup.topics();
    try (KafkaProducer<String, FeedbackReceived> producer = ServiceSetup.feedbackProducer(services, topics)) {
      for (int i = 0; i < FEEDBACK; i++) {
        FeedbackReceived f = feedback("outage-" + i);
        producer.send(new ProducerRecord<>(topics.feedbackReceived().name(), f.getId(), f));
      }
    }

    services.registry().stop();
    try (FeedbackService service = FeedbackService.start(config, new SimpleMeterRegistry(),
        FeedbackClassifier.withDefaults())) {
      // With unbounded lookups (10 s x 6 attempts) no thread would be replaced this early.
      await().atMost(Duration.ofSeconds(60)).until(() -> replacedThreads(service) > 0);
      assertThat(service.state()).isNotIn(KafkaStreams.State.ERROR, KafkaStreams.State.NOT_RUNNING);
      assertThat(CommittedRecords.read(services, topics.deadLetter().name(), 0, Duration.ofSeconds(2))).isEmpty();
      assertThat(CommittedRecords.read(services, topics.classified().name(), 0, Duration.ofSeconds(1))).isEmpty();
      // The replaced thread's static member is gone: only live threads' members remain.
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(staticMembers(services, config.applicationId())).isNotEmpty()
              .allSatisfy(id -> assertThat(liveThreadIndexes(service)).anyMatch(id::endsWith)));

      long back = System.nanoTime();
      services.registry().start();
      List<ConsumerRecord<String, byte[]>> classified =
          CommittedRecords.read(services, topics.classified().name(), FEEDBACK, Duration.ofSeconds(3));
      LOG.info("Registry back -> {} feedback classified in {} ms", FEEDBACK, (System.nanoTime() - back) / 1_000_000);
      assertThat(classified).extracting(ConsumerRecord::key)
          .containsExactlyInAnyOrder("outage-0", "outage-1", "outage-2", "outage-3", "outage-4");
      assertThat(CommittedRecords.read(services, topics.deadLetter().name(), 0, Duration.ofSeconds(1))).isEmpty();
    } finally {
      services.registry().start();
    }
  }

  /** Stream threads are numbered from 1; a higher number is a replacement. */
  private static long replacedThreads(FeedbackService service) {
    return service.streams().metadataForLocalThreads().stream().map(ThreadMetadata::threadName)
        .filter(name -> !name.endsWith("-StreamThread-1")).count();
  }

  private static List<String> liveThreadIndexes(FeedbackService service) {
    return service.streams().metadataForLocalThreads().stream().map(ThreadMetadata::threadName)
        .map(name -> name.substring(name.lastIndexOf('-'))).toList();
  }

  private static List<String> staticMembers(RealServices services, String group) throws Exception {
    return services.admin().describeConsumerGroups(List.of(group)).describedGroups().get(group).get()
        .members().stream().map(MemberDescription::groupInstanceId).flatMap(Optional::stream).toList();
  }

  private static FeedbackReceived feedback(String id) {
    return FeedbackReceived.newBuilder().setId(id).setChannel(Channel.SELF_SERVICE).setReceivedAt(Instant.now())
        .setText("The blender I bought stopped working after two days, the motor is broken. Defective product.")
        .setAttributes(Map.of()).build();
  }
}
