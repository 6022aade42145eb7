package org.feedbackrouter.route;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.feedbackrouter.avro.AreaOwnership;
import org.feedbackrouter.topology.TopicSpec;

/**
 * Reads what {@code area.ownership} holds and publishes a diff to it in one transaction, so
 * consumers never see half an ownership file.
 */
public final class OwnershipPublisher {
  private final Map<String, Object> clientConfig;
  private final TopicSpec<String, AreaOwnership> topic;

  public OwnershipPublisher(Map<String, ?> clientConfig, TopicSpec<String, AreaOwnership> topic) {
    this.clientConfig = Map.copyOf(clientConfig);
    this.topic = topic;
  }

  /** Every live entry: the topic read from the beginning to its end, tombstones applied. */
  public Map<String, AreaOwnership> current(Duration timeout) {
    Properties p = new Properties();
    p.putAll(clientConfig);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // Reading must never create the topic (a dry run changes nothing; brokers auto-create by default).
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Map<String, AreaOwnership> out = new HashMap<>();
    try (KafkaConsumer<String, AreaOwnership> consumer = new KafkaConsumer<>(p,
        topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), timeout).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("Timed out reading " + topic.name() + " after " + timeout);
        }
        for (ConsumerRecord<String, AreaOwnership> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value() == null) {
            out.remove(r.key());
          } else {
            out.put(r.key(), r.value());
          }
        }
      }
    }
    return out;
  }

  /** Writes added and changed entries and tombstones removed ones, atomically. */
  public void publish(OwnershipDiff diff) {
    Properties p = new Properties();
    p.putAll(clientConfig);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "feedback-router-ownership-" + UUID.randomUUID());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, AreaOwnership> producer = new KafkaProducer<>(p,
        topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      diff.added().forEach(a -> producer.send(new ProducerRecord<>(topic.name(), a.getTopicId(), a)));
      diff.changed().forEach(c -> producer.send(
          new ProducerRecord<>(topic.name(), c.entry().getTopicId(), c.entry())));
      diff.removed().forEach(r -> producer.send(new ProducerRecord<>(topic.name(), r, null)));
      producer.commitTransaction();
    }
  }
}
