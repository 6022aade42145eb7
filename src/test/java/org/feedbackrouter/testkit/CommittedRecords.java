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
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
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
    return read(services, Pattern.compile(Pattern.quote(topic)), expected, settle, new StringDeserializer());
  }

  /** The same over every topic matching {@code topics}, with the given key deserializer. */
  public static <K> List<ConsumerRecord<K, byte[]>> read(RealServices services, Pattern topics, int expected,
      Duration settle, Deserializer<K> keys) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "check-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000);
    List<ConsumerRecord<K, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<K, byte[]> consumer = new KafkaConsumer<>(p, keys, new ByteArrayDeserializer())) {
      consumer.subscribe(topics);
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
