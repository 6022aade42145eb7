package org.feedbackrouter.dlq;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.feedbackrouter.ingest.DeadLetterHandler;

/**
 * Re-publishes selected dead letters, opened with the dead-letter key, to the input they came from
 * ({@code feedback.received} or {@code task.events}), exactly once across runs. Each replayed
 * record goes out with a marker on the dead-letter topic ({@code dlq.replay.of} =
 * partition:offset) in the same transaction; a run first scans the topic with
 * {@code read_committed}, after fencing any earlier run with the same transactional id, and skips
 * what a marker says was replayed. A crash mid-run aborts the open transaction, so neither the
 * records nor their markers of that batch are visible, and the next run replays them.
 */
public final class DeadLetterReplay {
  public static final String REPLAY_OF = "dlq.replay.of";
  public static final String REPLAY_TIME = "dlq.replay.time";
  private static final int BATCH = 200;
  private static final Duration SCAN_TIMEOUT = Duration.ofMinutes(2);

  private final Map<String, Object> clients;
  private final String deadLetterTopic;
  private final Set<String> inputs;
  private final DeadLetterKey key;
  private final String transactionalId;

  /**
   * @param inputs the topics a dead letter may go back to: the service's inputs
   * @param transactionalId stable per application, so that a second run fences the first
   */
  public DeadLetterReplay(Map<String, Object> clients, String deadLetterTopic, Set<String> inputs,
      DeadLetterKey key, String transactionalId) {
    this.clients = clients;
    this.deadLetterTopic = deadLetterTopic;
    this.inputs = Set.copyOf(inputs);
    this.key = key;
    this.transactionalId = transactionalId;
  }

  /** What a run did; {@code skipped} lines say why a selected record could not be replayed. */
  public record Result(int selected, int replayed, int alreadyReplayed, List<String> skipped) {}

  public Result run(ReplaySelection selection, boolean dryRun, Consumer<String> report) {
    if (dryRun) {
      return replay(selection, null, report);
    }
    Properties p = new Properties();
    p.putAll(clients);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      // Before the scan: fencing aborts a still-open transaction of an earlier run, so the scan
      // sees every marker that will ever be committed before this run.
      producer.initTransactions();
      return replay(selection, producer, report);
    }
  }

  private Result replay(ReplaySelection selection, KafkaProducer<byte[], byte[]> producer, Consumer<String> report) {
    Set<String> replayed = new HashSet<>();
    List<ConsumerRecord<byte[], byte[]>> selected = new ArrayList<>();
    scan(r -> {
      String of = header(r.headers(), REPLAY_OF);
      if (of != null) {
        replayed.add(of);
      } else if (selection.selects(header(r.headers(), DeadLetterHandler.REASON), filedAt(r))) {
        selected.add(r);
      }
    });
    int done = 0;
    int already = 0;
    List<String> skipped = new ArrayList<>();
    int inBatch = 0;
    for (ConsumerRecord<byte[], byte[]> r : selected) {
      String id = r.partition() + ":" + r.offset();
      String where = deadLetterTopic + "-" + id + " (" + header(r.headers(), DeadLetterHandler.REASON) + ")";
      if (replayed.contains(id)) {
        already++;
        continue;
      }
      String target = header(r.headers(), DeadLetterHandler.SOURCE_TOPIC);
      String keyId = header(r.headers(), DeadLetterHandler.KEY_ID);
      byte[] original;
      if (target == null || !inputs.contains(target)) {
        skipped.add(where + ": came from " + target + ", not an input");
        continue;
      } else if (r.value() == null || keyId == null) {
        skipped.add(where + ": the original value was not kept (feedback.dlq.store-original=false)");
        continue;
      } else if (!keyId.equals(key.id())) {
        skipped.add(where + ": sealed under key " + keyId + ", FEEDBACK_DLQ_KEY is key " + key.id());
        continue;
      }
      try {
        original = key.open(r.value());
      } catch (IllegalArgumentException e) {
        skipped.add(where + ": " + e.getMessage());
        continue;
      }
      if (producer == null) {
        report.accept("would replay " + where + " to " + target);
        done++;
        continue;
      }
      if (inBatch == 0) {
        producer.beginTransaction();
      }
      producer.send(new ProducerRecord<>(target, null, r.key(), original, replayHeaders(r.headers(), id)));
      RecordHeaders marker = new RecordHeaders();
      marker.add(REPLAY_OF, utf8(id));
      marker.add(REPLAY_TIME, utf8(Instant.now().toString()));
      producer.send(new ProducerRecord<>(deadLetterTopic, null, r.key(), null, marker));
      report.accept("replayed " + where + " to " + target);
      done++;
      if (++inBatch == BATCH) {
        producer.commitTransaction();
        inBatch = 0;
      }
    }
    if (producer != null && inBatch > 0) {
      producer.commitTransaction();
    }
    return new Result(selected.size(), done, already, skipped);
  }

  /** Reads the whole dead-letter topic, committed records only, up to its end at the start of the scan. */
  private void scan(Consumer<ConsumerRecord<byte[], byte[]>> each) {
    Properties p = new Properties();
    p.putAll(clients);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic, SCAN_TIMEOUT).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, SCAN_TIMEOUT);
      long deadline = System.nanoTime() + SCAN_TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("Timed out reading " + deadLetterTopic + " after " + SCAN_TIMEOUT);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
            each.accept(r);
          }
        }
      }
    }
  }

  /** The source record's own headers (the handler copied them), and where the replay came from. */
  private static Headers replayHeaders(Headers dead, String id) {
    RecordHeaders out = new RecordHeaders();
    for (Header h : dead) {
      if (!h.key().startsWith("dlq.")) {
        out.add(h);
      }
    }
    out.add("dlq.replayed.from", utf8(id));
    return out;
  }

  private static Instant filedAt(ConsumerRecord<byte[], byte[]> r) {
    String time = header(r.headers(), DeadLetterHandler.TIME);
    try {
      return time == null ? Instant.ofEpochMilli(r.timestamp()) : Instant.parse(time);
    } catch (DateTimeParseException e) {
      return Instant.ofEpochMilli(r.timestamp());
    }
  }

  private static String header(Headers headers, String name) {
    Header h = headers.lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
