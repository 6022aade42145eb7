package org.feedbackrouter.notify.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.feedbackrouter.notify.DeliveryOutcome;

/**
 * Writes what could not be delivered to {@code notifications.dlq}: the original key and Avro
 * bytes, so it can be replayed, with headers that say why and where (never the URL). A record with
 * two failed destinations gives two dead letters, one per destination.
 */
final class NotificationDeadLetters implements AutoCloseable {
  static final String MALFORMED = "malformed";

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;

  NotificationDeadLetters(Map<String, Object> clients, String topic) {
    Map<String, Object> props = new HashMap<>(clients);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "feedback-notify-dlq");
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    this.topic = topic;
  }

  String topic() {
    return topic;
  }

  /** Completes once the broker has every dead letter of the failed outcomes; at once if none failed. */
  CompletableFuture<Void> send(ConsumerRecord<String, byte[]> source, List<DeliveryOutcome> outcomes) {
    List<CompletableFuture<Void>> sent = outcomes.stream().filter(o -> !o.delivered())
        .map(o -> send(source, o.reason(), o.detail(), o.destination().label(),
            o.destination().type().label(), o.attempts()))
        .toList();
    return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
  }

  CompletableFuture<Void> send(ConsumerRecord<String, byte[]> source, String reason, String detail,
      String destination, String channel, int attempts) {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, source.key(), source.value());
    Headers h = record.headers();
    add(h, "dlq.reason", reason);
    add(h, "dlq.detail", detail);
    add(h, "dlq.destination", destination);
    add(h, "dlq.channel", channel);
    add(h, "dlq.attempts", Integer.toString(attempts));
    add(h, "dlq.source.topic", source.topic());
    add(h, "dlq.source.partition", Integer.toString(source.partition()));
    add(h, "dlq.source.offset", Long.toString(source.offset()));
    add(h, "dlq.time", Instant.now().toString());
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      producer.send(record, (metadata, error) -> {
        if (error == null) {
          done.complete(null);
        } else {
          done.completeExceptionally(error);
        }
      });
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
    }
    return done;
  }

  private static void add(Headers headers, String key, String value) {
    if (value != null) {
      headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
