package org.feedbackrouter.notify.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.config.KafkaClients;
import org.feedbackrouter.metrics.NotificationMetrics;
import org.feedbackrouter.notify.BackoffPolicy;
import org.feedbackrouter.notify.Destination;
import org.feedbackrouter.notify.HttpTransport;
import org.feedbackrouter.notify.NotificationDispatcher;
import org.feedbackrouter.notify.Payloads;
import org.feedbackrouter.registry.RegistryConfig;
import org.feedbackrouter.registry.SchemaRegistryClients;
import org.feedbackrouter.topology.TopicAdmin;
import org.feedbackrouter.topology.Topics;

/**
 * Delivery wired from the settings: topics, HTTP, dispatcher, metrics and the consumer loop. Started
 * by {@code run} when {@code feedback.notify.file} is set, or alone by {@code notify}.
 */
public final class DeliveryService implements AutoCloseable {
  public static final String DEAD_LETTER_TOPIC = "notifications.dlq";
  /** A partition with this many records in delivery is paused until some finish. */
  static final int MAX_IN_FLIGHT = 50;

  private final HttpTransport transport;
  private final NotificationDeliverer deliverer;

  private DeliveryService(HttpTransport transport, NotificationDeliverer deliverer) {
    this.transport = transport;
    this.deliverer = deliverer;
  }

  /** Production timeouts: 5 s to connect, 10 s for an answer. */
  public static DeliveryService start(FeedbackConfig config, Map<String, List<Destination>> destinations,
      MeterRegistry meters, BackoffPolicy policy) {
    return start(config, destinations, meters, policy, Duration.ofSeconds(10));
  }

  /** @param requestTimeout how long an endpoint may take to answer before the attempt counts as failed */
  public static DeliveryService start(FeedbackConfig config, Map<String, List<Destination>> destinations,
      MeterRegistry meters, BackoffPolicy policy, Duration requestTimeout) {
    Map<String, Object> clients = KafkaClients.config(config);
    Topics topics = Topics.create(config.topicPrefix(),
        SchemaRegistryClients.create(RegistryConfig.fromMap(config.registry())), true);
    String deadLetters = config.topicPrefix() + DEAD_LETTER_TOPIC;
    if (config.createTopics()) {
      try (Admin admin = Admin.create(clients)) {
        TopicAdmin topicAdmin = new TopicAdmin(admin, topics, config.topicPartitions(),
            config.departmentTopicPartitions(), config.replicationFactor());
        topicAdmin.ensureTopics(List.of(deadLetters));
        // The departments' topics exist before the subscription looks for them.
        topicAdmin.ensure(destinations.keySet());
      }
    }
    HttpTransport transport = new HttpTransport(Duration.ofSeconds(5), requestTimeout, Clock.systemUTC());
    NotificationMetrics metrics = new NotificationMetrics(meters, destinations);
    NotificationDispatcher dispatcher = new NotificationDispatcher(destinations, new Payloads(config.apiBaseUrl()),
        transport::post, policy, metrics, new Random());
    NotificationDeliverer deliverer = new NotificationDeliverer(clients, config.applicationId() + "-notify", topics,
        dispatcher, metrics, deadLetters, MAX_IN_FLIGHT, meters);
    return new DeliveryService(transport, deliverer.start());
  }

  /** Blocks until delivery stops; true if it stopped on an error. */
  public boolean awaitStop() throws InterruptedException {
    return deliverer.awaitStop();
  }

  @Override
  public void close() {
    deliverer.close();
    transport.close();
  }
}
