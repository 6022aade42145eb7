package org.feedbackrouter.testkit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Everything on some topics, from the beginning to their end as the given isolation level sees it now: with
 * {@code read_committed} up to the last stable offset (so an open transaction hides what follows it), with
 * {@code read_uncommitted} up to the high watermark, aborted records included.
 */
public final class TopicSnapshot {
  private TopicSnapshot() {}

  public static List<ConsumerRecord<String, byte[]>> read(String bootstrapServers, Collection<String> topics,
      IsolationLevel isolation) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, "snapshot-" + UUID.randomUUID(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString(),
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = partitions(consumer, topics);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // The end as this isolation level sees it: the last stable offset for read_committed.
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      await("end of " + topics + " (" + isolation + ")")
          .atMost(Duration.ofMinutes(2))
          .pollInSameThread()
          .pollInterval(Duration.ZERO)
          .until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
          });
    }
    return records;
  }

  /** The sum of the partitions' high watermarks: how many offsets were written, records, markers and aborted ones alike. */
  public static long endOffsetSum(Admin admin, Collection<String> topics) {
    try {
      Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(topics).allTopicNames().get().values().stream()
          .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
          .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
      return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot list the end offsets of " + topics, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, Collection<String> topics) {
    return topics.stream()
        .flatMap(topic -> consumer.partitionsFor(topic).stream())
        .map(info -> new TopicPartition(info.topic(), info.partition()))
        .toList();
  }
}
