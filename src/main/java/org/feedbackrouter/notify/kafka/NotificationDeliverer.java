package org.feedbackrouter.notify.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.feedbackrouter.metrics.NotificationMetrics;
import org.feedbackrouter.notify.Notification;
import org.feedbackrouter.notify.NotificationDispatcher;
import org.feedbackrouter.topology.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka side of delivery: a plain consumer group ({@code <application.id>-notify}) reading
 * {@code tasks.<d>} and {@code alerts.<d>} of the departments that have destinations, with
 * {@code read_committed}, so only what the processor committed is ever announced.
 *
 * <p>Records are handed to the {@link NotificationDispatcher} as they are read; offsets are
 * committed only past records that every destination took or that went to
 * {@code notifications.dlq} (see {@link PartitionProgress}), so a kill -9 at any moment means
 * re-delivery, never loss. A department's topics are its own partitions, and a partition with too
 * many records in flight is paused while the others go on: a dead endpoint stops only its own
 * department. Cooperative rebalancing keeps the other partitions flowing when a new department's
 * topics appear.
 */
public final class NotificationDeliverer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationDeliverer.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration REGISTRY_PAUSE = Duration.ofSeconds(5);
  private static final Duration DRAIN = Duration.ofSeconds(5);

  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaClientMetrics consumerMetrics;
  private final NotificationDispatcher dispatcher;
  private final NotificationDeadLetters deadLetters;
  private final NotificationMetrics metrics;
  private final RecordDecoder decoder;
  private final int maxInFlight;
  private final Pattern topics;
  private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
  private final Map<TopicPartition, Long> heldUntil = new HashMap<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean failed;

  /**
   * @param clients Kafka client settings (bootstrap servers, security)
   * @param groupId the consumer group; instances sharing it share the departments' partitions
   * @param maxInFlight records of one partition in delivery at once before it is paused
   */
  public NotificationDeliverer(Map<String, Object> clients, String groupId, Topics topics,
      NotificationDispatcher dispatcher, NotificationMetrics metrics, String deadLetterTopic,
      int maxInFlight, MeterRegistry meters) {
    this.dispatcher = dispatcher;
    this.metrics = metrics;
    this.maxInFlight = maxInFlight;
    this.decoder = new RecordDecoder(topics);
    this.topics = subscription(topics.prefix(), dispatcher.departments());
    this.deadLetters = new NotificationDeadLetters(clients, deadLetterTopic);
    Map<String, Object> props = new HashMap<>(clients);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // A first start announces the last hour only, not years of history; a department's topics
    // that appear later are read from their start, since they are younger than that.
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "by_duration:PT1H");
    props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
    // The subscription is a pattern: new department topics are found at the next metadata refresh.
    props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 30_000);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
    this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    this.consumerMetrics = new KafkaClientMetrics(consumer);
    consumerMetrics.bindTo(meters);
    this.thread = new Thread(this::loop, "notify-deliverer");
  }

  /** {@code <prefix>(tasks|alerts).(d1|d2...)}, exactly, so other departments' topics are never read. */
  static Pattern subscription(String prefix, Collection<String> departments) {
    String names = departments.stream().sorted().map(Pattern::quote).collect(Collectors.joining("|"));
    return Pattern.compile(Pattern.quote(prefix) + "(" + Pattern.quote(Topics.TASKS) + "|"
        + Pattern.quote(Topics.ALERTS) + ")(" + names + ")");
  }

  public NotificationDeliverer start() {
    thread.start();
    return this;
  }

  /** Blocks until the loop ends; true if it ended on an error rather than {@link #close()}. */
  public boolean awaitStop() throws InterruptedException {
    stopped.await();
    return failed;
  }

  private void loop() {
    try {
      consumer.subscribe(topics, new Rebalance());
      LOG.info("Delivering notifications of {} from the topics matching {}", dispatcher.departments(),
          topics.pattern());
      while (running) {
        take(poll(POLL));
        settle();
      }
      drain();
    } catch (RuntimeException e) {
      failed = true;
      LOG.error("Notification deliverer stopped", e);
    } finally {
      try {
        consumer.close(Duration.ofSeconds(10));
      } catch (RuntimeException e) {
        LOG.warn("Closing the deliverer's consumer failed", e);
      }
      stopped.countDown();
    }
  }

  private void take(ConsumerRecords<String, byte[]> records) {
    for (TopicPartition tp : records.partitions()) {
      for (ConsumerRecord<String, byte[]> record : records.records(tp)) {
        if (!take(tp, record)) {
          break;
        }
      }
    }
  }

  /** False when the partition must be read again from this record later (the registry is away). */
  private boolean take(TopicPartition tp, ConsumerRecord<String, byte[]> record) {
    CompletableFuture<?> done;
    try {
      Notification n = decoder.decode(record);
      done = dispatcher.deliver(n).thenCompose(outcomes -> deadLetters.send(record, outcomes));
    } catch (RecordDecoder.RegistryUnavailableException e) {
      LOG.warn("Schema Registry unavailable; {} waits {} and is read again from offset {}", tp, REGISTRY_PAUSE,
          record.offset());
      consumer.seek(tp, record.offset());
      heldUntil.put(tp, System.currentTimeMillis() + REGISTRY_PAUSE.toMillis());
      return false;
    } catch (RuntimeException e) {
      // Not the endpoint's fault, nor would a retry help: the bytes are not a task or alert.
      metrics.unreadable(decoder.department(record.topic()));
      done = deadLetters.send(record, NotificationDeadLetters.MALFORMED, e.getClass().getSimpleName(), null, null, 0);
    }
    progress.computeIfAbsent(tp, k -> new PartitionProgress()).add(record.offset(), done);
    return true;
  }

  /** A wake-up only means {@link #close()} was called: the loop sees {@code running} turn false. */
  private ConsumerRecords<String, byte[]> poll(Duration timeout) {
    try {
      return consumer.poll(timeout);
    } catch (WakeupException e) {
      return ConsumerRecords.empty();
    }
  }

  /** Commits what is finished, re-reads what failed outright, pauses what is full or held. */
  private void settle() {
    Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
    long now = System.currentTimeMillis();
    progress.forEach((tp, p) -> {
      PartitionProgress.Step step = p.advance();
      if (step.commit() >= 0) {
        commits.put(tp, new OffsetAndMetadata(step.commit()));
      }
      if (step.rewindTo() >= 0) {
        LOG.warn("A dead letter of {} could not be written; reading again from offset {}", tp, step.rewindTo());
        consumer.seek(tp, step.rewindTo());
        heldUntil.put(tp, now + REGISTRY_PAUSE.toMillis());
      }
    });
    commit(commits);
    heldUntil.values().removeIf(until -> until <= now);
    Set<TopicPartition> hold = new HashSet<>(heldUntil.keySet());
    progress.forEach((tp, p) -> {
      if (p.inFlight() >= maxInFlight) {
        hold.add(tp);
      }
    });
    Set<TopicPartition> assigned = consumer.assignment();
    hold.retainAll(assigned);
    Set<TopicPartition> paused = consumer.paused();
    Set<TopicPartition> resume = new HashSet<>(paused);
    resume.removeAll(hold);
    if (!resume.isEmpty()) {
      consumer.resume(resume);
    }
    hold.removeAll(paused);
    if (!hold.isEmpty()) {
      consumer.pause(hold);
    }
  }

  private void commit(Map<TopicPartition, OffsetAndMetadata> commits) {
    if (commits.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(commits);
    } catch (KafkaException e) {
      // A rebalance took the partition; its new owner re-delivers from the last commit.
      LOG.warn("Commit of {} failed: {}", commits.keySet(), e.toString());
    }
  }

  /** On close: no new records, a few seconds for the deliveries in flight, then their commits. */
  private void drain() {
    try {
      consumer.pause(consumer.assignment());
      long deadline = System.currentTimeMillis() + DRAIN.toMillis();
      while (System.currentTimeMillis() < deadline
          && progress.values().stream().anyMatch(p -> p.inFlight() > 0)) {
        poll(Duration.ofMillis(100));
        settle();
        consumer.pause(consumer.assignment());
      }
      settle();
    } catch (RuntimeException e) {
      LOG.warn("Draining the deliverer failed; undelivered records are read again on the next start", e);
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    dispatcher.close();
    deadLetters.close();
    consumerMetrics.close();
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
      for (TopicPartition tp : partitions) {
        PartitionProgress p = progress.remove(tp);
        long done = p == null ? -1 : p.advance().commit();
        if (done >= 0) {
          commits.put(tp, new OffsetAndMetadata(done));
        }
        heldUntil.remove(tp);
      }
      commit(commits);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      partitions.forEach(tp -> {
        progress.remove(tp);
        heldUntil.remove(tp);
      });
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      LOG.info("Delivering from {}", partitions);
    }
  }
}
