package org.feedbackrouter.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.feedbackrouter.classify.FeedbackClassifier;
import org.feedbackrouter.config.ConfigLoader;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.config.KafkaClients;
import org.feedbackrouter.embedded.EmbeddedKafkaBroker;
import org.feedbackrouter.metrics.FeedbackMetrics;
import org.feedbackrouter.metrics.MeterRegistries;
import org.feedbackrouter.registry.RegistryConfig;
import org.feedbackrouter.registry.SchemaRegistryClients;
import org.feedbackrouter.service.FeedbackService;
import org.feedbackrouter.topology.StreamsSettings;
import org.feedbackrouter.topology.TopicAdmin;
import org.feedbackrouter.topology.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One end-to-end run: pre-load a backlog, drain it with a passthrough Kafka Streams app (the
 * machine's ceiling), drain it again with feedback-router, then feed feedback-router at 20% of
 * what it managed and measure routing latency. Both apps get the same Kafka Streams settings
 * ({@link StreamsSettings}: exactly_once_v2, producer batching), partitions and threads, and
 * read the same input topic under their own application ids.
 */
public final class BenchRun {
  private static final Logger LOG = LoggerFactory.getLogger(BenchRun.class);
  static final double LATENCY_LOAD = 0.2;
  private static final long SEED = 20_260_101L;

  private final BenchOptions options;
  private final Consumer<String> progress;

  private final Supplier<FeedbackClassifier> classifierFactory;

  /** @param classifier builds the classifier the router runs with (the service's own, encoder included) */
  public BenchRun(BenchOptions options, Supplier<FeedbackClassifier> classifier, Consumer<String> progress) {
    this.classifierFactory = classifier;
    this.options = options;
    this.progress = progress;
  }

  public BenchResult run() throws Exception {
    try (MemoryWatch memory = MemoryWatch.start();
         EmbeddedKafkaBroker broker = options.bootstrapServers().isPresent() ? null
             : EmbeddedKafkaBroker.start(Optional.empty(), Map.of())) {
      String bootstrap = options.bootstrapServers().orElseGet(() -> broker.bootstrapServers());
      Path stateDir = Files.createTempDirectory("feedback-router-bench-state");
      try {
        return run(bootstrap, broker == null ? bootstrap : "in-JVM " + bootstrap, stateDir, memory);
      } finally {
        Utils.delete(stateDir.toFile());
      }
    }
  }

  private BenchResult run(String bootstrap, String brokerLabel, Path stateDir, MemoryWatch memory) throws Exception {
    progress.accept("Training the classifier on the bundled taxonomy...");
    FeedbackClassifier classifier = classifierFactory.get();
    if (options.warmupRecords() > 0) {
      // The JIT compiles broker, clients, Streams and classifier code for a minute or more, on
      // the same cores; a first, unmeasured pass keeps that out of the sustained figures.
      progress.accept(String.format("Warm-up: both apps on %,d records, not measured...", options.warmupRecords()));
      measure(bootstrap, brokerLabel, stateDir, memory, classifier, "warmup-", options.warmupRecords(), false);
    }
    return measure(bootstrap, brokerLabel, stateDir, memory, classifier, "", options.records(), options.latency());
  }

  private BenchResult measure(String bootstrap, String brokerLabel, Path stateDir, MemoryWatch memory,
      FeedbackClassifier classifier, String phase, long records, boolean withLatency) throws Exception {
    // A fresh prefix per run, so a shared cluster never mixes runs.
    String runId = "bench-" + phase + Long.toString(System.currentTimeMillis(), 36);
    FeedbackConfig router = config(bootstrap, runId, runId + "-router", stateDir);
    FeedbackConfig passthrough = config(bootstrap, runId, runId + "-passthrough", stateDir);
    Topics topics = Topics.create(router.topicPrefix(),
        SchemaRegistryClients.create(RegistryConfig.fromMap(router.registry())), true);
    Map<String, Object> clients = KafkaClients.config(router);
    String input = topics.feedbackReceived().name();
    String copy = runId + ".passthrough";
    BenchModel model = BenchModel.sample();
    Duration timeout = Duration.ofSeconds(Math.max(600, records / 200));

    try (Admin admin = Admin.create(clients)) {
      ThroughputProbe probe = new ThroughputProbe(admin, progress);
      FeedbackLoad load = new FeedbackLoad(clients, topics);
      load.prepare(new TopicAdmin(admin, topics, router.topicPartitions(), router.departmentTopicPartitions(),
          router.replicationFactor()), model);
      admin.createTopics(List.of(new NewTopic(copy, Optional.of(options.partitions()), Optional.empty()))).all().get();

      progress.accept(String.format("Pre-loading %,d feedback events into %s (%d partitions)...",
          records, input, options.partitions()));
      long loadStart = System.nanoTime();
      double avgChars = load.preload(records, SEED);
      double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

      progress.accept("Passthrough baseline (bytes copied to " + copy + ")...");
      ThroughputProbe.Timing base;
      try (KafkaStreams streams = new KafkaStreams(passthrough(input, copy),
          StreamsSettings.of(passthrough, topics, new FeedbackMetrics(new SimpleMeterRegistry())))) {
        streams.start();
        base = probe.time(streams, passthrough.applicationId(), input, options.partitions(), timeout);
        progress.accept("  passthrough stream thread time: " + ThroughputProbe.threadTime(streams));
        streams.close(Duration.ofSeconds(30));
      }
      double basePerS = records / base.seconds();
      progress.accept(String.format("  passthrough: %,.0f records/s", basePerS));

      progress.accept("feedback-router (full topology)...");
      var meters = MeterRegistries.prometheus();
      try (FeedbackService service = FeedbackService.start(router, meters, classifier)) {
        ThroughputProbe.Timing timing = probe.time(service.streams(), router.applicationId(), input,
            options.partitions(), timeout);
        double perS = records / timing.seconds();
        progress.accept(String.format("  feedback-router: %,.0f records/s, ratio %.3f", perS, perS / basePerS));
        // Nobody acknowledges in the bench, so every task created is still open, in RocksDB.
        long openTasks = Math.round(meters.find("feedback_tasks_open").gauges().stream()
            .mapToDouble(g -> g.value()).sum());
        progress.accept(String.format("  feedback-router: %,d open tasks in its task store", openTasks));
        progress.accept("  feedback-router stream thread time: " + ThroughputProbe.threadTime(service.streams()));

        LatencyProbe.Result latency = null;
        if (withLatency) {
          double rate = perS * LATENCY_LOAD;
          progress.accept(String.format("Latency at %,.0f records/s for %d s...", rate, options.latencySeconds()));
          Set<String> departments = new TreeSet<>(model.departments());
          departments.add(router.fallbackDepartment());
          latency = new LatencyProbe(clients, topics, progress)
              .run(departments, rate, Duration.ofSeconds(options.latencySeconds()), SEED + 1);
          if (latency.complete() < latency.sent()) {
            LOG.warn("{} of {} latency feedback events did not have all their tasks within the grace period",
                latency.sent() - latency.complete(), latency.sent());
          }
        }
        return new BenchResult(records, options.partitions(), options.threads(), avgChars, loadSeconds,
            base.seconds(), basePerS, timing.seconds(), perS, timing.drainSeconds(), perS / basePerS, openTasks,
            base.cpuMicrosPerRecord(records), timing.cpuMicrosPerRecord(records),
            base.cpuMicrosPerRecord(records) / timing.cpuMicrosPerRecord(records),
            latency == null ? null : latency.ratePerS(),
            latency == null ? null : latency.sent(),
            latency == null ? null : latency.complete(),
            latency == null ? null : latency.millis().getValueAtPercentile(50),
            latency == null ? null : latency.millis().getValueAtPercentile(99),
            latency == null ? null : latency.millis().getMaxValue(),
            memory.peakHeapBytes() / 1048576.0, MemoryWatch.maxHeapBytes() / 1048576.0,
            MemoryWatch.peakRssBytes() / 1048576.0, brokerLabel);
      }
    }
  }

  private FeedbackConfig config(String bootstrap, String prefix, String applicationId, Path stateDir) {
    Map<String, String> settings = new HashMap<>();
    settings.put("kafka.bootstrap.servers", bootstrap);
    settings.put("schema.registry.url", options.registryUrl());
    settings.put("feedback.application.id", applicationId);
    settings.put("feedback.topic.prefix", prefix + ".");
    settings.put("feedback.topics.partitions", Integer.toString(options.partitions()));
    settings.put("kafka." + StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(options.threads()));
    settings.put("kafka." + StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    options.kafka().forEach((k, v) -> settings.put("kafka." + k, v));
    return ConfigLoader.fromProperties(settings);
  }

  /** The ceiling: the same input bytes, unchanged, to one output topic. */
  static Topology passthrough(String input, String output) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("passthrough-source"))
        .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("passthrough-sink"));
    return builder.build();
  }
}
