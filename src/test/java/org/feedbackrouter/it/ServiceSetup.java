package org.feedbackrouter.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.config.ConfigLoader;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.config.KafkaClients;
import org.feedbackrouter.registry.RegistryConfig;
import org.feedbackrouter.registry.SchemaRegistryClients;
import org.feedbackrouter.route.OwnershipDiff;
import org.feedbackrouter.route.OwnershipFile;
import org.feedbackrouter.route.OwnershipPublisher;
import org.feedbackrouter.simulate.FeedbackGenerator;
import org.feedbackrouter.testkit.RealServices;
import org.feedbackrouter.topology.TopicAdmin;
import org.feedbackrouter.topology.Topics;

/**
 * One service under test on the shared broker and registry: its own topic prefix, its topics,
 * the sample ownership model on short SLAs published to it, its settings, and the departments
 * that model names.
 */
record ServiceSetup(String prefix, Topics topics, FeedbackConfig config, Path dir, Set<String> departments) {
  /** Short SLAs so that the tasks left alone become overdue while a test watches. */
  static final String SHORT_SLA = "{acknowledge: 4s, resolve: 8s}";
  /** SLAs no task reaches during a test, for tests that check a task's exact history. */
  static final String LONG_SLA = "{acknowledge: 1h, resolve: 8h}";
  private static final String OWNERSHIP = """
      defaults:
        owner: cx_office
        sla:
          P1: %1$s
          P2: %1$s
          P3: %1$s
          P4: %1$s
        surge: {minCount: 1000000, baselineMultiplier: 3}
      topics:
      """;

  static ServiceSetup create(RealServices services, Path dir, String name, Map<String, String> settings)
      throws IOException {
    return create(services, dir, name, SHORT_SLA, settings);
  }

  static ServiceSetup create(RealServices services, Path dir, String name, String sla, Map<String, String> settings)
      throws IOException {
    String prefix = name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    // Every taxonomy topic owned by the department of the sample model, on one SLA.
    StringBuilder yaml = new StringBuilder(OWNERSHIP.formatted(sla));
    OwnershipFile.fromClasspath("/ownership/sample-ownership.yaml").entries().forEach((topic, o) -> {
      if (!topic.equals("*")) {
        yaml.append("  ").append(topic).append(": {owner: ").append(o.getOwner()).append(", supporting: ")
            .append(o.getSupporting()).append("}\n");
      }
    });
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, yaml.toString());
    Map<String, String> all = new HashMap<>(Map.of(
        "kafka.bootstrap.servers", services.bootstrapServers(),
        "schema.registry.url", services.registryUrl(),
        "feedback.topic.prefix", prefix,
        "feedback.application.id", prefix + "router",
        "feedback.http.port", "0",
        "feedback.sla.check.interval", "1s"));
    all.putAll(settings);
    FeedbackConfig config = ConfigLoader.fromProperties(all);
    Topics topics = Topics.create(prefix, SchemaRegistryClients.create(RegistryConfig.fromMap(config.registry())), true);
    OwnershipFile ownership = OwnershipFile.load(file);
    TopicAdmin admin = new TopicAdmin(services.admin(), topics, 3, 1, (short) -1);
    admin.ensureCoreTopics();
    admin.ensure(ownership.departments());
    OwnershipPublisher publisher = new OwnershipPublisher(KafkaClients.config(config), topics.ownership());
    publisher.publish(OwnershipDiff.between(Map.of(), ownership.entries()));
    return new ServiceSetup(prefix, topics, config, dir, ownership.departments());
  }

  /** The settings of one instance, with a state directory of its own. */
  FeedbackConfig instance(String stateDir) {
    return config.withKafka(Map.of("state.dir", dir.resolve(stateDir).toString()));
  }

  /** Sends generated feedback and reads back every task it made. */
  List<Task> produceAndReadTasks(RealServices services, int feedbackCount) {
    FeedbackGenerator generator = new FeedbackGenerator(7);
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers());
    try (KafkaProducer<String, FeedbackReceived> producer = new KafkaProducer<>(p, new StringSerializer(),
        topics.feedbackReceived().valueSerde().serializer())) {
      for (int i = 0; i < feedbackCount; i++) {
        FeedbackReceived f = generator.next(Instant.now());
        producer.send(new ProducerRecord<>(topics.feedbackReceived().name(), f.getId(), f));
      }
    }
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers());
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "check-" + UUID.randomUUID());
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<Task> tasks = new ArrayList<>();
    Set<String> feedbackSeen = new HashSet<>();
    try (KafkaConsumer<String, Task> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
        topics.taskSerde().deserializer())) {
      consumer.subscribe(Pattern.compile(Pattern.quote(topics.tasksTopic("")) + ".*"));
      await().atMost(Duration.ofSeconds(90)).pollInSameThread().until(() -> {
        consumer.poll(Duration.ofMillis(300)).forEach(r -> {
          tasks.add(r.value());
          feedbackSeen.add(r.value().getFeedbackId());
        });
        return feedbackSeen.size() == feedbackCount;
      });
      // Tasks of one feedback commit together, so every task of the last feedback is in.
    }
    return tasks;
  }

  /** An idempotent producer of feedback to {@code topics}' input topic. */
  static KafkaProducer<String, FeedbackReceived> feedbackProducer(RealServices services, Topics topics) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return new KafkaProducer<>(p, new StringSerializer(), topics.feedbackReceived().valueSerde().serializer());
  }
}
