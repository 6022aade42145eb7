package org.feedbackrouter.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.feedbackrouter.classify.FeedbackClassifier;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.config.GuardedSettings;
import org.feedbackrouter.config.KafkaClients;
import org.feedbackrouter.metrics.FeedbackMetrics;
import org.feedbackrouter.registry.RegistryConfig;
import org.feedbackrouter.registry.SchemaRegistryClients;
import org.feedbackrouter.avro.AreaOwnership;
import org.feedbackrouter.route.OwnershipFile;
import org.feedbackrouter.route.OwnershipPublisher;
import org.feedbackrouter.topology.DepartmentTopicWatcher;
import org.feedbackrouter.topology.KnownDepartmentTopics;
import org.feedbackrouter.topology.FeedbackTopology;
import org.feedbackrouter.topology.StreamsSettings;
import org.feedbackrouter.topology.TopicAdmin;
import org.feedbackrouter.topology.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running processor: wires configuration, registry, topics and metrics into the topology and
 * owns the Kafka Streams instance. A state listener drives readiness; an uncaught-exception
 * handler replaces threads after transient failures (a lost broker or registry) and shuts the
 * client down on anything else, which ends the process with a non-zero exit.
 */
public final class FeedbackService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FeedbackService.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration WATCH_INTERVAL = Duration.ofSeconds(2);

  private final KafkaStreams streams;
  private final Admin admin;
  private final StaticMembers members;
  private final DepartmentTopicWatcher watcher;
  private final Topics topics;
  private final KafkaStreamsMetrics streamsMetrics;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CountDownLatch running = new CountDownLatch(1);
  private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;
  private final ProgressWatch progress;
  private final Duration readyMaxStall;
  private volatile boolean stalled;

  private FeedbackService(FeedbackConfig config, MeterRegistry meters, FeedbackClassifier classifier) {
    if (GuardedSettings.AT_LEAST_ONCE.equals(config.processingGuarantee())) {
      LOG.warn("feedback.processing.guarantee=at_least_once: after a crash, tasks, alerts and dead letters"
          + " may be written twice; the default exactly_once_v2 never does");
    }
    if (config.dlqStoreOriginal() && config.dlqKey().isEmpty()) {
      LOG.warn("No FEEDBACK_DLQ_KEY: dead letters keep a redacted copy only and cannot be replayed");
    }
    this.readyMaxStall = config.readyMaxStall();
    this.progress = new ProgressWatch(readyMaxStall, System.currentTimeMillis());
    // Bounded: an outage holds a stream thread seconds per lookup, not a minute (RecoverySettings).
    this.topics = Topics.create(config.topicPrefix(), SchemaRegistryClients.create(
        config.recovery().onStreamThreads(RegistryConfig.fromMap(config.registry()))), true);
    FeedbackMetrics metrics = new FeedbackMetrics(meters);
    this.admin = Admin.create(KafkaClients.config(config));
    TopicAdmin topicAdmin = new TopicAdmin(admin, topics, config.topicPartitions(),
        config.departmentTopicPartitions(), config.replicationFactor());
    KnownDepartmentTopics departmentTopics = new KnownDepartmentTopics();
    this.watcher = new DepartmentTopicWatcher(topicAdmin, topics, departmentTopics, this::ownershipDepartments,
        config.createTopics());
    try {
      if (config.createTopics()) {
        topicAdmin.ensureCoreTopics();
      }
      topicAdmin.requireInputPartitions();
    } catch (RuntimeException e) {
      admin.close(CLOSE_TIMEOUT);
      throw e;
    }
    Topology topology = new FeedbackTopology(config, topics, classifier, metrics, departmentTopics).build();
    LOG.debug("Topology:\n{}", topology.describe());
    Properties props = StreamsSettings.of(config, topics, metrics);
    this.members = new StaticMembers(admin, config.applicationId(), StreamsSettings.groupInstanceId(config));
    members.removeLeftovers();
    this.streams = new KafkaStreams(topology, props);
    streams.setStateListener((now, before) -> {
      state = now;
      LOG.info("Kafka Streams {} -> {}", before, now);
      if (now == KafkaStreams.State.RUNNING) {
        running.countDown();
      }
      if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
        stopped.countDown();
      }
    });
    streams.setUncaughtExceptionHandler(new ThreadFailures(members));
    streams.setGlobalStateRestoreListener(new RestoreProgress());
    this.streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(meters);
    LOG.info("Processing guarantee {}, application id {}",
        props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG), config.applicationId());
  }

  /** Builds and starts the processor; it becomes ready when Kafka Streams is RUNNING. */
  public static FeedbackService start(FeedbackConfig config, MeterRegistry meters, FeedbackClassifier classifier) {
    FeedbackService service = new FeedbackService(config, meters, classifier);
    service.streams.start();
    // The table's departments, created or found, on the watcher's thread while the stream threads
    // start (it took seconds to read the ownership topic and pass over every department first).
    service.watcher.start(WATCH_INTERVAL, () -> service.startDepartments(config));
    return service;
  }

  /**
   * RUNNING, and not stalled: input waiting with no commit for {@code feedback.ready.max.stall}
   * (a broker outage keeps Kafka Streams RUNNING while nothing moves).
   */
  public boolean isReady() {
    if (state != KafkaStreams.State.RUNNING) {
      return false;
    }
    boolean stalledNow = progress.stalled(commits(), inputLag(), System.currentTimeMillis());
    if (stalledNow != stalled) {
      stalled = stalledNow;
      if (stalledNow) {
        LOG.warn("Input is waiting and nothing has committed for over {}: not ready", readyMaxStall);
      } else {
        LOG.info("Commits again: ready");
      }
    }
    return !stalledNow;
  }

  /** Commits so far over all stream threads; a commit is recorded only when some task had work. */
  private double commits() {
    return streams.metrics().values().stream()
        .filter(m -> m.metricName().name().equals("commit-total")
            && m.metricName().group().equals("stream-thread-metrics"))
        .mapToDouble(m -> m.metricValue() instanceof Number n ? n.doubleValue() : 0)
        .sum();
  }

  /** The largest lag of the main consumers' input partitions; NaN while no fetch has answered lately. */
  private double inputLag() {
    double lag = Double.NaN;
    for (var m : streams.metrics().values()) {
      String client = m.metricName().tags().getOrDefault("client-id", "");
      if (m.metricName().name().equals("records-lag-max")
          && m.metricName().group().equals("consumer-fetch-manager-metrics")
          && m.metricName().tags().size() == 1
          && client.endsWith("-consumer") && !client.endsWith("restore-consumer") && !client.endsWith("global-consumer")
          && m.metricValue() instanceof Number n && Double.isFinite(n.doubleValue())) {
        lag = Double.isNaN(lag) ? n.doubleValue() : Math.max(lag, n.doubleValue());
      }
    }
    return lag;
  }

  public KafkaStreams.State state() {
    return state;
  }

  public KafkaStreams streams() {
    return streams;
  }

  public Topics topics() {
    return topics;
  }

  /** Waits until Kafka Streams first reaches RUNNING; false if it did not within the timeout. */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Blocks until Kafka Streams stops; true when it stopped in error. */
  public boolean awaitStop() throws InterruptedException {
    stopped.await();
    return state == KafkaStreams.State.ERROR;
  }

  public boolean awaitStop(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Bounded: a hung broker cannot keep the process alive past the timeout. */
  @Override
  public void close() {
    watcher.close();
    // A clean stop leaves the group, so the others take over at once; static membership only
    // spares a process that died without leaving (kill -9) the wait for its session to expire.
    streams.close(CloseOptions.timeout(CLOSE_TIMEOUT)
        .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    streamsMetrics.close();
    members.close();
    admin.close(CLOSE_TIMEOUT);
  }

  /** The fallback owner and every department the ownership topic names, read before the streams start. */
  private Set<String> startDepartments(FeedbackConfig config) {
    Set<String> out = new TreeSet<>(Set.of(config.fallbackDepartment()));
    try {
      out.addAll(OwnershipFile.departmentsOf(
          new OwnershipPublisher(KafkaClients.config(config), topics.ownership()).current(Duration.ofSeconds(30)).values()));
    } catch (RuntimeException e) {
      LOG.warn("Cannot read {} at start ({}); its departments' topics come with the watcher's first pass",
          topics.ownership().name(), e.getMessage());
    }
    return out;
  }

  /** The ownership global store's departments, for the watcher; nothing while the store is not queryable. */
  private Collection<String> ownershipDepartments() {
    if (streams == null) {
      return List.of();
    }
    try {
      ReadOnlyKeyValueStore<String, AreaOwnership> store = streams.store(StoreQueryParameters.fromNameAndType(
          FeedbackTopology.OWNERSHIP_STORE, QueryableStoreTypes.<String, AreaOwnership>keyValueStore()));
      List<AreaOwnership> entries = new ArrayList<>();
      try (KeyValueIterator<String, AreaOwnership> all = store.all()) {
        all.forEachRemaining(kv -> entries.add(kv.value));
      }
      return OwnershipFile.departmentsOf(entries);
    } catch (InvalidStateStoreException e) {
      return List.of();
    }
  }
}
