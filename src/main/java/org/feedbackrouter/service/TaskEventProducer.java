package org.feedbackrouter.service;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.feedbackrouter.avro.TaskEvent;
import org.feedbackrouter.http.TaskEvents;
import org.feedbackrouter.topology.TopicSpec;

/**
 * Writes the API's task events to {@code task.events}, keyed by task id with no explicit
 * partition: Kafka's default partitioner (murmur2 of the key) then puts each event in its task's
 * partition, the one its feedback was routed in (see {@link org.feedbackrouter.route.Ids#task}).
 * A write returns once every in-sync replica has the event.
 */
final class TaskEventProducer implements TaskEvents, AutoCloseable {
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(15);

  private final KafkaProducer<String, TaskEvent> producer;
  private final String topic;

  TaskEventProducer(Map<String, Object> clients, TopicSpec<String, TaskEvent> events) {
    Map<String, Object> props = new java.util.HashMap<>(clients);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "feedback-router-api-events");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) WRITE_TIMEOUT.toMillis() - 1000);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
    this.producer = new KafkaProducer<>(props, new StringSerializer(), events.valueSerde().serializer());
    this.topic = events.name();
  }

  @Override
  public void write(TaskEvent event) {
    try {
      producer.send(new ProducerRecord<>(topic, event.getTaskId(), event))
          .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof KafkaException k ? k : new KafkaException(e.getCause());
    } catch (TimeoutException e) {
      throw new KafkaException("timed out writing to " + topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted writing to " + topic, e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
