package org.feedbackrouter.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared broker runs transactions and consumer groups, which the service needs for exactly_once_v2. */
@ExtendWith(RealServicesExtension.class)
class RealKafkaIT {

  private static final int PARTITIONS = 3;

  @Test
  void readCommittedConsumerSeesExactlyTheCommittedTransactions(RealServices services) throws Exception {
    String topic = "harness-tx-" + UUID.randomUUID();
    services.createTopics(PARTITIONS, topic);
    List<String> firstCommitted = values("committed-a", 40);
    List<String> aborted = values("aborted", 7);
    List<String> secondCommitted = values("committed-b", 13);

    try (KafkaProducer<String, String> producer = transactionalProducer(services, "harness-tx-" + UUID.randomUUID())) {
      producer.initTransactions();
      sendInTransaction(producer, topic, firstCommitted);
      producer.commitTransaction();
      sendInTransaction(producer, topic, aborted);
      // The aborted records reach the log (flush), so only isolation keeps them from read_committed readers.
      producer.flush();
      producer.abortTransaction();
      sendInTransaction(producer, topic, secondCommitted);
      producer.commitTransaction();
    }

    String groupId = "harness-group-" + UUID.randomUUID();
    List<String> committedRead = readToEnd(services, topic, "read_committed", groupId);
    List<String> uncommittedRead = readToEnd(services, topic, "read_uncommitted", "harness-group-" + UUID.randomUUID());

    List<String> expected = new ArrayList<>(firstCommitted);
    expected.addAll(secondCommitted);
    assertThat(committedRead).containsExactlyInAnyOrderElementsOf(expected);
    List<String> everything = new ArrayList<>(expected);
    everything.addAll(aborted);
    assertThat(uncommittedRead).containsExactlyInAnyOrderElementsOf(everything);

    // The group's offsets went through the offsets topic: they sit at the end of every partition.
    Map<TopicPartition, OffsetAndMetadata> groupOffsets =
        services.admin().listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
    assertThat(groupOffsets).hasSize(PARTITIONS);
    Map<TopicPartition, Long> ends = highWatermarks(services, groupOffsets.keySet());
    groupOffsets.forEach((partition, offset) -> assertThat(offset.offset()).as("offset of %s", partition)
        .isEqualTo(ends.get(partition)));
  }

  private static List<String> values(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).collect(Collectors.toList());
  }

  private static void sendInTransaction(KafkaProducer<String, String> producer, String topic, List<String> values) {
    producer.beginTransaction();
    values.forEach(value -> producer.send(new ProducerRecord<>(topic, value, value)));
  }

  /** Polls until the group's position reaches the end of every partition, then commits. */
  private static List<String> readToEnd(RealServices services, String topic, String isolation, String groupId) {
    List<String> read = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = consumer(services, isolation, groupId)) {
      consumer.subscribe(List.of(topic));
      await("consumer (" + isolation + ") at the end of " + topic)
          .atMost(Duration.ofSeconds(60))
          .pollInSameThread()
          .pollInterval(Duration.ZERO)
          .until(() -> {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
              read.add(record.value());
            }
            return atEnd(services, consumer);
          });
      consumer.commitSync();
    }
    return read;
  }

  /** At the end means past the high watermark, so also past the last transaction marker the broker wrote. */
  private static boolean atEnd(RealServices services, KafkaConsumer<String, String> consumer) throws Exception {
    if (consumer.assignment().size() < PARTITIONS) {
      return false;
    }
    Map<TopicPartition, Long> ends = highWatermarks(services, consumer.assignment());
    return consumer.assignment().stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
  }

  private static Map<TopicPartition, Long> highWatermarks(RealServices services, Set<TopicPartition> partitions) throws Exception {
    Map<TopicPartition, OffsetSpec> latest = partitions.stream()
        .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
    return services.admin().listOffsets(latest).all().get().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
  }

  private static KafkaProducer<String, String> transactionalProducer(RealServices services, String transactionalId) {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers(),
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId),
        new StringSerializer(), new StringSerializer());
  }

  private static KafkaConsumer<String, String> consumer(RealServices services, String isolation, String groupId) {
    return new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, groupId,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation),
        new StringDeserializer(), new StringDeserializer());
  }
}
