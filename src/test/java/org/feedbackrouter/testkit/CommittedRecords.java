package org.feedbackrouter.testkit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from the beginning with {@code read_committed}, as a department would. */
public final class CommittedRecords {
  private CommittedRecords() {}

  /**
   * Polls until at least {@code expected} records arrived, then keeps polling for {@code settle}
   * so that anything extra (a duplicate) shows up too; returns everything read.
   */
  public static List<ConsumerRecord<String, byte[]>> read(RealServices services, String topic, int expected,
      Duration settle) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "check-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000);
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      await().atMost(Duration.ofSeconds(120)).pollInSameThread().until(() -> {
        consumer.poll(Duration.ofMillis(300)).forEach(records::add);
        return records.size() >= expected;
      });
      long until = System.nanoTime() + settle.toNanos();
      while (System.nanoTime() < until) {
        consumer.poll(Duration.ofMillis(300)).forEach(records::add);
      }
    }
    return records;
  }
}
