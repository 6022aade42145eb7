package org.feedbackrouter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.feedbackrouter.avro.Channel;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.classify.FeedbackClassifier;
import org.feedbackrouter.config.ConfigLoader;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.config.KafkaClients;
import org.feedbackrouter.registry.RegistryConfig;
import org.feedbackrouter.registry.SchemaRegistryClients;
import org.feedbackrouter.route.OwnershipDiff;
import org.feedbackrouter.route.OwnershipFile;
import org.feedbackrouter.route.OwnershipPublisher;
import org.feedbackrouter.service.FeedbackService;
import org.feedbackrouter.testkit.CommittedRecords;
import org.feedbackrouter.testkit.RealServices;
import org.feedbackrouter.testkit.RealServicesExtension;
import org.feedbackrouter.topology.TopicAdmin;
import org.feedbackrouter.topology.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Topic creation off and one department's topics missing: its feedback waits (no dead letter, no
 * stall of the other departments), and flows exactly once as soon as an operator creates them.
 */
@ExtendWith(RealServicesExtension.class)
class DepartmentTopicsIT {
  private static final int FEEDBACK = 6;

  @TempDir Path dir;

  @Test
  void aMissingDepartmentTopicHoldsItsTasksUntilItExistsThenTheyFlowOnce(RealServices services) throws Exception {
    String prefix = "held-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    FeedbackConfig config = ConfigLoader.fromProperties(Map.of(
        "kafka.bootstrap.servers", services.bootstrapServers(),
        "schema.registry.url", services.registryUrl(),
        "feedback.topic.prefix", prefix,
        "feedback.application.id", prefix + "router",
        "feedback.topics.create", "false",
        "feedback.http.port", "0",
        "kafka.state.dir", dir.resolve("state").toString()));
    Topics topics = Topics.create(prefix, SchemaRegistryClients.create(RegistryConfig.fromMap(config.registry())), true);
    OwnershipFile ownership = OwnershipFile.load(Path.of("src/main/resources/ownership/sample-ownership.yaml"));
    // What an operator who creates topics by hand would have done, except for one department.
    TopicAdmin admin = new TopicAdmin(services.admin(), topics, config.topicPartitions(), 1, (short) -1);
    admin.ensureCoreTopics();
    Set<String> present = new TreeSet<>(ownership.departments());
    present.remove("product");
    admin.ensure(present);
    new OwnershipPublisher(KafkaClients.config(config), topics.ownership())
        .publish(OwnershipDiff.between(Map.of(), ownership.entries()));

    try (FeedbackService service = FeedbackService.start(config, new SimpleMeterRegistry(),
        FeedbackClassifier.withDefaults())) {
      await().atMost(Duration.ofSeconds(90)).until(service::isReady);
      try (KafkaProducer<String, FeedbackReceived> producer = ServiceSetup.feedbackProducer(services, topics)) {
        for (int i = 0; i < FEEDBACK; i++) {
          FeedbackReceived f = defect("defect-" + i);
          producer.send(new ProducerRecord<>(topics.feedbackReceived().name(), f.getId(), f));
        }
      }
      // The other departments of the same feedback are not held up.
      assertThat(CommittedRecords.read(services, topics.tasksTopic("digital"), FEEDBACK, Duration.ofSeconds(1)))
          .hasSize(FEEDBACK);
      assertThat(services.admin().listTopics().names().get()).doesNotContain(topics.tasksTopic("product"));
      assertThat(CommittedRecords.read(services, topics.deadLetter().name(), 0, Duration.ofSeconds(2))).isEmpty();

      services.admin().createTopics(List.of(new NewTopic(topics.tasksTopic("product"), 1, (short) -1),
          new NewTopic(topics.alertsTopic("product"), 1, (short) -1))).all().get();

      List<ConsumerRecord<String, byte[]>> product =
          CommittedRecords.read(services, topics.tasksTopic("product"), FEEDBACK, Duration.ofSeconds(4));
      var values = topics.taskSerde().deserializer();
      assertThat(product).map(r -> values.deserialize(r.topic(), r.value())).extracting(Task::getFeedbackId)
          .containsExactlyInAnyOrder("defect-0", "defect-1", "defect-2", "defect-3", "defect-4", "defect-5");
      assertThat(CommittedRecords.read(services, topics.deadLetter().name(), 0, Duration.ofSeconds(1))).isEmpty();
    }
  }

  private static FeedbackReceived defect(String id) {
    return FeedbackReceived.newBuilder().setId(id).setChannel(Channel.SELF_SERVICE).setReceivedAt(Instant.now())
        .setText("The blender I bought stopped working after two days, the motor is broken and it smells of"
            + " burnt plastic. Defective product.")
        .setAttributes(Map.of()).build();
  }
}
