package org.feedbackrouter.topology;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.config.InstanceName;
import org.feedbackrouter.ingest.DeadLetterHandler;
import org.feedbackrouter.metrics.FeedbackMetrics;

/**
 * Kafka Streams settings: the service's defaults, then the operator's {@code kafka.*} settings,
 * then the guarded ones ({@link org.feedbackrouter.config.GuardedSettings}), which nothing
 * overrides: the loader refuses them as {@code kafka.*} keys, and they are set last here too.
 */
public final class StreamsSettings {
  private StreamsSettings() {}

  public static Properties of(FeedbackConfig config, Topics topics, FeedbackMetrics metrics) {
    Properties p = new Properties();
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
    // No compression: one exactly-once commit every 100 ms spreads a few records over ~170 output,
    // changelog and repartition partitions, so batches hold a record or two and lz4 only added
    // per-batch frame setup (10% of the stream thread in the bench profile). Operators on slow
    // links can set KAFKA_PRODUCER_COMPRESSION_TYPE.
    p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "none");
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    // feedback.received and task.events share stream tasks but need no time alignment (an event
    // always follows its task's commit), so neither input waits for the other to have data.
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    // Failover (docs/operations.md, "Failover and restart"): a warm copy of every store on another
    // instance, so the survivor of a kill -9 takes over without restoring from the changelogs; and
    // a killed static member, which sends no LeaveGroup, holds its partitions for 10 s, not 45 s.
    // Unprefixed, so KAFKA_NUM_STANDBY_REPLICAS, KAFKA_SESSION_TIMEOUT_MS... still override them.
    p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
    p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
    if (config.replicationFactor() > 0) {
      p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.replicationFactor());
    }
    p.putAll(config.kafka());
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    // Nothing lost or doubled: tasks, alerts, DLQ records and offsets commit together.
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processingGuarantee());
    p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.deadLetter().name());
    p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    p.put(DeadLetterHandler.METRICS_CONFIG, metrics);
    groupInstanceId(config).ifPresent(id -> p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), id));
    if (config.dlqStoreOriginal()) {
      config.dlqKey().ifPresent(key -> p.put(DeadLetterHandler.KEY_CONFIG, key));
    }
    return p;
  }

  /**
   * Static membership: after a kill -9, the restarted process rejoins under the same id and gets
   * its partitions back at once, instead of waiting for the dead member's session to expire. Kafka
   * Streams appends each stream thread's index. Off when the operator sets their own id, or uses
   * the streams rebalance protocol, which refuses it in this Kafka version.
   */
  public static Optional<String> groupInstanceId(FeedbackConfig config) {
    Map<String, String> kafka = config.kafka();
    if (!config.staticMembership() || kafka.containsKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
        || kafka.containsKey(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG))
        || "streams".equalsIgnoreCase(kafka.get(StreamsConfig.GROUP_PROTOCOL_CONFIG))) {
      return Optional.empty();
    }
    Path stateDir = Path.of(kafka.getOrDefault(StreamsConfig.STATE_DIR_CONFIG,
        Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams").toString()));
    return Optional.of(config.applicationId() + "-" + InstanceName.derive(config.instanceName(), hostName(), stateDir));
  }

  private static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "host";
    }
  }
}
