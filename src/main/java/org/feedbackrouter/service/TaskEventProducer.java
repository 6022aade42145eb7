package org.feedbackrouter.service;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
  private final KafkaProducer<String, TaskEvent> producer;
  private final String topic;

  TaskEventProducer(Map<String, Object> clients, TopicSpec<String, TaskEvent> events) {
    Map<String, Object> props = DurableSend.producerConfig(clients, "feedback-router-api-events");
    this.producer = new KafkaProducer<>(props, new StringSerializer(), events.valueSerde().serializer());
    this.topic = events.name();
  }

  @Override
  public void write(TaskEvent event) {
    DurableSend.await(producer.send(new ProducerRecord<>(topic, event.getTaskId(), event)), topic);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
