package org.feedbackrouter.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.simulate.FeedbackGenerator;
import org.feedbackrouter.topology.Topics;

/**
 * Routing latency at a fixed input rate: from a feedback's receipt time (set as it is sent) to the
 * moment the last of its tasks is readable with read_committed. Each task names every department
 * involved, so the reader knows when a feedback's tasks are complete.
 */
final class LatencyProbe {
  /** Feedback whose tasks have not all arrived this long after the input stopped counts as missing. */
  private static final Duration GRACE = Duration.ofSeconds(10);

  private final Map<String, Object> clients;
  private final Topics topics;
  private final Consumer<String> progress;

  LatencyProbe(Map<String, Object> clients, Topics topics, Consumer<String> progress) {
    this.clients = clients;
    this.topics = topics;
    this.progress = progress;
  }

  record Result(Histogram millis, long sent, long complete, double ratePerS) {}

  Result run(Set<String> departments, double ratePerS, Duration duration, long seed) throws Exception {
    Properties p = new Properties();
    p.putAll(clients);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    Histogram histogram = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
    try (KafkaConsumer<String, Task> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
        topics.taskSerde().deserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String d : departments) {
        for (PartitionInfo info : consumer.partitionsFor(topics.tasksTopic(d), Duration.ofSeconds(30))) {
          partitions.add(new TopicPartition(info.topic(), info.partition()));
        }
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);

      AtomicLong sent = new AtomicLong();
      AtomicReference<Exception> failure = new AtomicReference<>();
      Thread producer = new Thread(() -> produce(ratePerS, duration, seed, sent, failure), "bench-latency-producer");
      producer.start();
      Map<String, Integer> pending = new HashMap<>();
      long complete = 0;
      long graceEnd = Long.MAX_VALUE;
      long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (System.nanoTime() < graceEnd) {
        for (ConsumerRecord<String, Task> r : consumer.poll(Duration.ofMillis(20))) {
          long now = System.currentTimeMillis();
          Task t = r.value();
          if (!t.getCorrelationId().startsWith("lat-")) {
            continue;
          }
          int seen = pending.merge(t.getCorrelationId(), 1, Integer::sum);
          if (seen == t.getDepartments().size()) {
            pending.remove(t.getCorrelationId());
            histogram.recordValue(Math.max(0, now - t.getFeedbackReceivedAt().toEpochMilli()));
            complete++;
          }
        }
        if (!producer.isAlive() && graceEnd == Long.MAX_VALUE) {
          graceEnd = System.nanoTime() + GRACE.toNanos();
        }
        if (graceEnd != Long.MAX_VALUE && complete >= sent.get()) {
          break;
        }
        if (System.nanoTime() > nextReport) {
          nextReport += TimeUnit.SECONDS.toNanos(5);
          progress.accept(String.format("  latency: %,d sent, %,d routed, p99 so far %d ms",
              sent.get(), complete, histogram.getValueAtPercentile(99)));
        }
      }
      producer.join();
      if (failure.get() != null) {
        throw failure.get();
      }
      return new Result(histogram, sent.get(), complete, ratePerS);
    }
  }

  /** Sends at a fixed rate on its own schedule, so a slow consumer does not slow the input down. */
  private void produce(double ratePerS, Duration duration, long seed, AtomicLong sent, AtomicReference<Exception> failure) {
    FeedbackGenerator generator = new FeedbackGenerator(seed, FeedbackLoad.TEXT_LENGTH);
    long intervalNanos = (long) (1e9 / ratePerS);
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    try (KafkaProducer<String, FeedbackReceived> producer = FeedbackLoad.producer(clients, topics, 1)) {
      for (long i = 0; ; i++) {
        long due = start + i * intervalNanos;
        if (due >= end || failure.get() != null) {
          break;
        }
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        // Own ids, so no latency record can collide with the backlog in the dedup store.
        FeedbackReceived f = FeedbackReceived.newBuilder(generator.next(now)).setId("lat-" + i).build();
        producer.send(new ProducerRecord<>(topics.feedbackReceived().name(), null, now.toEpochMilli(), f.getId(), f),
            (md, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
        sent.incrementAndGet();
      }
    }
  }
}
