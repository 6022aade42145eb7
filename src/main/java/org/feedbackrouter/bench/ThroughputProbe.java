package org.feedbackrouter.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * Times one Kafka Streams application through a pre-loaded backlog.
 *
 * <p>Start: Kafka Streams first reaching RUNNING (polled every 1 ms), when its stream threads
 * start fetching the backlog. End: the application's
 * consumer group has committed offsets equal to the input's end offsets. Under exactly_once_v2
 * offsets commit in the same transaction as the outputs, so at that moment every output of every
 * input record (tasks, alerts, classified, dead letters) is readable with read_committed.
 * Polled every 10 ms; over a run of seconds or more that error is negligible.
 */
final class ThroughputProbe {
  private static final Duration COMMIT_POLL = Duration.ofMillis(10);

  private final Admin admin;
  private final Consumer<String> progress;

  ThroughputProbe(Admin admin, Consumer<String> progress) {
    this.admin = admin;
    this.progress = progress;
  }

  /**
   * Result of one timed run: nanoTime of the start and of the input fully committed, and the CPU
   * time the whole process used in between (broker included when it runs in this JVM). CPU per
   * record holds up on a crowded machine, where wall-clock rates follow the neighbours' load.
   */
  record Timing(long firstConsumedNanos, long inputCommittedNanos, long drainedNanos, long cpuNanos) {
    double seconds() {
      return (inputCommittedNanos - firstConsumedNanos) / 1e9;
    }

    double cpuMicrosPerRecord(long records) {
      return cpuNanos / 1e3 / records;
    }

    double drainSeconds() {
      return (drainedNanos - firstConsumedNanos) / 1e9;
    }
  }

  Timing time(KafkaStreams streams, String groupId, String inputTopic, int partitions, Duration timeout)
      throws Exception {
    Map<TopicPartition, Long> inputEnd = endOffsets(partitionsOf(inputTopic, partitions));
    long total = inputEnd.values().stream().mapToLong(Long::longValue).sum();
    long deadline = System.nanoTime() + timeout.toNanos();
    long first = awaitRunning(streams, deadline);
    long cpuAtStart = processCpuNanos();
    long lastReport = first;
    long committedAt;
    long cpu;
    while (true) {
      long now = System.nanoTime();
      Map<TopicPartition, Long> committed = committed(groupId);
      long done = 0;
      for (var e : inputEnd.entrySet()) {
        done += Math.min(e.getValue(), committed.getOrDefault(e.getKey(), 0L));
      }
      if (done >= total) {
        committedAt = now;
        cpu = processCpuNanos() - cpuAtStart;
        break;
      }
      if (now > deadline) {
        throw new TimeoutException(groupId + " committed " + done + " of " + total + " input records within " + timeout);
      }
      if (now - lastReport > TimeUnit.SECONDS.toNanos(5)) {
        lastReport = now;
        double s = (now - first) / 1e9;
        progress.accept(String.format("  %s: %,d of %,d input records committed after %.1f s (%,.0f/s)",
            groupId, done, total, s, done / s));
      }
      Thread.sleep(COMMIT_POLL.toMillis());
    }
    return new Timing(first, committedAt, awaitDrained(streams, groupId, inputEnd.keySet(), committedAt, deadline),
        cpu);
  }

  /**
   * Where the stream threads' time went over Kafka Streams' last metrics window (about 30 s):
   * its own process, punctuate, poll and commit ratios, which tell CPU-bound processing from
   * waiting on the broker.
   */
  static String threadTime(KafkaStreams streams) {
    Map<String, double[]> ratios = new java.util.TreeMap<>();
    streams.metrics().forEach((name, metric) -> {
      if (name.group().equals("stream-thread-metrics") && name.name().endsWith("-ratio")
          && metric.metricValue() instanceof Double v && !v.isNaN()) {
        ratios.computeIfAbsent(name.name(), k -> new double[2]);
        ratios.get(name.name())[0] += v;
        ratios.get(name.name())[1]++;
      }
    });
    StringBuilder out = new StringBuilder();
    ratios.forEach((name, sum) -> out.append(String.format(java.util.Locale.ROOT, "%s=%.2f ",
        name.replace("-ratio", ""), sum[0] / sum[1])));
    return out.toString().trim();
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * Sub-topologies downstream of the input (repartitioned surge counting, the task lifecycle) are
   * drained when every other source partition's committed offset has reached its end offset. A
   * transaction's commit marker takes one offset that the consumer may not have committed past,
   * so "reached" allows one short, and must hold for 5 polls in a row (well past the 100 ms
   * commit interval).
   */
  private long awaitDrained(KafkaStreams streams, String groupId, Set<TopicPartition> input, long from,
      long deadline) throws Exception {
    Set<TopicPartition> sources = new HashSet<>();
    for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
      for (TaskMetadata task : thread.activeTasks()) {
        sources.addAll(task.topicPartitions());
      }
    }
    sources.removeAll(input);
    if (sources.isEmpty()) {
      return from;
    }
    long stableSince = -1;
    int stable = 0;
    Map<TopicPartition, Long> previous = Map.of();
    while (System.nanoTime() < deadline) {
      long now = System.nanoTime();
      Map<TopicPartition, Long> committed = committed(groupId);
      Map<TopicPartition, Long> end = endOffsets(sources);
      boolean caughtUp = true;
      Map<TopicPartition, Long> current = new HashMap<>();
      for (TopicPartition tp : sources) {
        long c = committed.getOrDefault(tp, 0L);
        current.put(tp, c);
        caughtUp &= c >= end.get(tp) - 1;
      }
      if (caughtUp && current.equals(previous)) {
        stable++;
        if (stable >= 5) {
          return stableSince;
        }
      } else {
        stable = caughtUp ? 1 : 0;
        stableSince = now;
      }
      previous = current;
      Thread.sleep(COMMIT_POLL.toMillis());
    }
    throw new TimeoutException(groupId + " did not drain its internal topics");
  }

  /**
   * Kafka Streams turns RUNNING once its tasks are assigned and starts polling the backlog at
   * once, so this slightly over-counts the run (the first fetch). The consumers' own
   * {@code records-consumed-total} metric proved unreliable as a start signal under a loaded
   * machine: it was sometimes first seen after the whole input was committed.
   */
  private static long awaitRunning(KafkaStreams streams, long deadline) throws Exception {
    while (System.nanoTime() < deadline) {
      if (streams.state() == KafkaStreams.State.RUNNING) {
        return System.nanoTime();
      }
      Thread.sleep(1);
    }
    throw new TimeoutException("Kafka Streams did not reach RUNNING");
  }

  private static Set<TopicPartition> partitionsOf(String topic, int partitions) {
    Set<TopicPartition> out = new HashSet<>();
    for (int p = 0; p < partitions; p++) {
      out.add(new TopicPartition(topic, p));
    }
    return out;
  }

  Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions) throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
    Map<TopicPartition, Long> out = new HashMap<>();
    admin.listOffsets(request).all().get().forEach((tp, info) -> out.put(tp, info.offset()));
    return out;
  }

  private Map<TopicPartition, Long> committed(String groupId) throws ExecutionException, InterruptedException {
    Map<TopicPartition, Long> out = new HashMap<>();
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
    offsets.forEach((tp, om) -> {
      if (om != null) {
        out.put(tp, om.offset());
      }
    });
    return out;
  }
}
