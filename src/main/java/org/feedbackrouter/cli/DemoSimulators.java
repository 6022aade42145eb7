package org.feedbackrouter.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.avro.TaskEvent;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.config.KafkaClients;
import org.feedbackrouter.registry.RegistryConfig;
import org.feedbackrouter.registry.SchemaRegistryClients;
import org.feedbackrouter.simulate.DepartmentSimulator;
import org.feedbackrouter.simulate.FeedbackSimulator;
import org.feedbackrouter.topology.Topics;

/** The demo's simulated feedback and departments, as clients of the cluster and registry in the settings. */
final class DemoSimulators {
  private DemoSimulators() {}

  /**
   * Starts them, each added to the front of {@code parts} so it is closed before what it uses.
   *
   * @param rate feedback per second; 0 sends none
   * @param departments whether simulated departments acknowledge and resolve tasks
   */
  static void start(FeedbackConfig config, double rate, boolean departments, List<AutoCloseable> parts) {
    Topics topics = Topics.create(config.topicPrefix(),
        SchemaRegistryClients.create(RegistryConfig.fromMap(config.registry())), true);
    Map<String, Object> clients = KafkaClients.config(config);
    Properties producerProps = new Properties();
    producerProps.putAll(clients);
    producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    KafkaProducer<String, FeedbackReceived> feedback = new KafkaProducer<>(producerProps,
        new StringSerializer(), topics.feedbackReceived().valueSerde().serializer());
    parts.add(0, feedback);
    if (rate > 0) {
      parts.add(0, new FeedbackSimulator(feedback, topics.feedbackReceived().name(), rate,
          Duration.ofMinutes(3), 45, System.nanoTime()).start());
    }
    if (!departments) {
      return;
    }

    KafkaProducer<String, TaskEvent> events = new KafkaProducer<>(producerProps,
        new StringSerializer(), topics.taskEvents().valueSerde().serializer());
    parts.add(0, events);
    Properties consumerProps = new Properties();
    consumerProps.putAll(clients);
    consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "feedback-router-demo-departments");
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerProps.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5000);
    KafkaConsumer<String, Task> tasks = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
        topics.taskSerde().deserializer());
    // The demo clock makes a day last a minute: departments take seconds, late ones longer.
    parts.add(0, new DepartmentSimulator(tasks, events,
        Pattern.compile(Pattern.quote(config.topicPrefix() + Topics.TASKS) + ".*"),
        topics.taskEvents().name(), Duration.ofSeconds(6), System.nanoTime()).start());
  }

}
