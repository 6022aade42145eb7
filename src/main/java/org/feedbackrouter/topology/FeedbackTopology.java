package org.feedbackrouter.topology;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.feedbackrouter.alert.AlertStageProcessor;
import org.feedbackrouter.alert.AlertStageStores;
import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.AreaOwnership;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.avro.ClassifiedFeedback;
import org.feedbackrouter.avro.Silence;
import org.feedbackrouter.classify.ClassifyProcessor;
import org.feedbackrouter.classify.FeedbackClassifier;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.ingest.AdmissionProcessor;
import org.feedbackrouter.ingest.FeedbackValidator;
import org.feedbackrouter.lifecycle.LifecycleInput;
import org.feedbackrouter.lifecycle.LifecycleOutput;
import org.feedbackrouter.lifecycle.LifecycleSettings;
import org.feedbackrouter.lifecycle.TaskLifecycleProcessor;
import org.feedbackrouter.metrics.FeedbackMetrics;
import org.feedbackrouter.route.DepartmentTopics;
import org.feedbackrouter.route.OwnershipTable;
import org.feedbackrouter.route.RouteProcessor;
import org.feedbackrouter.route.Routed;
import org.feedbackrouter.route.UnownedAlertProcessor;
import org.feedbackrouter.surge.SurgeCounter;
import org.feedbackrouter.surge.SurgeProcessor;
import org.feedbackrouter.surge.SurgeSettings;

/**
 * The processing graph, built from its parts and nothing else: no clients are started here.
 *
 * <pre>
 * feedback.received -> admit (validate, dedup) -> classify -> feedback.classified
 *                                                         \-> route (+ area.ownership global store)
 *                                                               -> tasks.&lt;department&gt;
 *                                                               -> task lifecycle (+ task.events) -> task.outcomes,
 *                                                                    alerts.&lt;department&gt;, reassigned tasks,
 *                                                                    feedback.labels (topic corrections)
 *                                                               -> alerts-by-topic -> alert stage
 *                                                               -> unowned-by-topic -> throttle -> alert stage
 *                                                  \-> surge-by-topic -> surge detector -> alert stage
 * alert stage (+ alert.silences global store): group, silence, inhibit -> alerts.&lt;department&gt;
 * </pre>
 *
 * Records that fail validation or decoding go to feedback.dlq through the dead-letter handler.
 */
public final class FeedbackTopology {
  public static final String DEDUP_STORE = "feedback-dedup-store";
  public static final String OWNERSHIP_STORE = "ownership-store";
  public static final String UNOWNED_THROTTLE_STORE = "unowned-alert-throttle-store";
  public static final String TASK_STORE = "task-state-store";
  public static final String DUE_INDEX_STORE = "task-due-index-store";
  public static final String SURGE_STORE = "surge-state-store";
  public static final String SURGE_COUNT_STORE = "surge-count-store";
  /** Records held until their department's topics exist, one store per sub-topology's gate. */
  public static final String HELD_TASKS_STORE = "held-tasks-store";
  public static final String HELD_ALERTS_STORE = "held-alerts-store";
  /** The alert stage's groups and active surges per topic, and the global silences. */
  public static final String ALERT_GROUP_STORE = "alert-group-store";
  public static final String ALERT_SURGE_STORE = "alert-surge-store";
  public static final String SILENCES_STORE = "alert-silences-store";
  private static final Duration HOLD_RETRY = Duration.ofSeconds(1);

  private final FeedbackConfig config;
  private final Topics topics;
  private final FeedbackClassifier classifier;
  private final FeedbackMetrics metrics;
  private final DepartmentTopics departmentTopics;
  private final DepartmentTopic<Task> taskTopics;
  private final DepartmentTopic<Alert> alertTopics;

  public FeedbackTopology(FeedbackConfig config, Topics topics, FeedbackClassifier classifier,
      FeedbackMetrics metrics, DepartmentTopics departmentTopics) {
    this.taskTopics = new DepartmentTopic<>(topics.tasksTopic(""), Task::getDepartment);
    this.alertTopics = new DepartmentTopic<>(topics.alertsTopic(""), Alert::getDepartment);
    this.config = config;
    this.topics = topics;
    this.classifier = classifier;
    this.metrics = metrics;
    this.departmentTopics = departmentTopics;
  }

  public Topology build() {
    StreamsBuilder builder = new StreamsBuilder();

    builder.globalTable(topics.ownership().name(),
        topics.ownership().consumed("ownership"),
        Materialized.<String, AreaOwnership>as(Stores.inMemoryKeyValueStore(OWNERSHIP_STORE))
            .withKeySerde(topics.ownership().keySerde())
            .withValueSerde(topics.ownership().valueSerde()));

    builder.globalTable(topics.silences().name(),
        topics.silences().consumed("silences"),
        Materialized.<String, Silence>as(Stores.inMemoryKeyValueStore(SILENCES_STORE))
            .withKeySerde(topics.silences().keySerde())
            .withValueSerde(topics.silences().valueSerde()));

    Duration dedupWindow = config.dedupWindow();
    builder.addStateStore(Stores.windowStoreBuilder(
        Stores.persistentWindowStore(DEDUP_STORE, dedupWindow.multipliedBy(2), dedupWindow, false),
        Serdes.String(), Serdes.Long()));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(UNOWNED_THROTTLE_STORE), Serdes.String(), Serdes.Long()));

    FeedbackValidator validator = new FeedbackValidator(config.maxTextLength(), config.maxFutureSkew());
    KStream<String, ClassifiedFeedback> classified = builder
        .stream(topics.feedbackReceived().name(), topics.feedbackReceived().consumed("feedback-source"))
        .processValues(() -> new AdmissionProcessor(validator, metrics, DEDUP_STORE, dedupWindow),
            Named.as("admit"), DEDUP_STORE)
        .processValues(() -> new ClassifyProcessor(classifier, metrics), Named.as("classify"));
    classified.to(topics.classified().name(), topics.classified().produced("classified-sink"));

    var routed = classified
        .process(() -> new RouteProcessor(config.topicPartitions(), OWNERSHIP_STORE, config.fallbackDepartment(), metrics),
            Named.as("route"))
        .split(Named.as("routed-"))
        .branch((k, v) -> v instanceof Routed.NewTask, Branched.as("tasks"))
        .branch((k, v) -> v instanceof Routed.NewAlert, Branched.as("alerts"))
        .branch((k, v) -> v instanceof Routed.Unowned, Branched.as("unowned"))
        .noDefaultBranch();
    KStream<String, Task> tasks = routed.get("routed-tasks")
        .mapValues(r -> ((Routed.NewTask) r).task(), Named.as("task-value"));
    KStream<String, Alert> alerts = routed.get("routed-alerts")
        .mapValues(r -> ((Routed.NewAlert) r).alert(), Named.as("alert-value"));

    KStream<String, Alert> unownedAlerts = unowned(builder, routed.get("routed-unowned"));
    KStream<String, Alert> surgeAlerts = surges(builder, classified);
    Map<String, KStream<String, LifecycleOutput>> lifecycle = lifecycle(builder, tasks);
    KStream<String, Task> reassigned = lifecycle.get("lifecycle-reassigned")
        .mapValues(v -> ((LifecycleOutput.Reassigned) v).task(), Named.as("reassigned-value"));
    KStream<String, Alert> slaAlerts = lifecycle.get("lifecycle-alerts")
        .mapValues(v -> ((LifecycleOutput.NewAlert) v).alert(), Named.as("sla-alert-value"));
    toTaskTopics(builder, tasks.merge(reassigned, Named.as("department-tasks")));
    alertStage(builder, byTopic(alerts.merge(slaAlerts, Named.as("raised-alerts")), "alerts-by-topic")
        .merge(byTopic(unownedAlerts, "unowned-alerts-by-topic"), Named.as("stage-unowned"))
        .merge(byTopic(surgeAlerts, "surge-alerts-by-topic"), Named.as("stage-surges")));
    return builder.build();
  }

  private void toTaskTopics(StreamsBuilder builder, KStream<String, Task> tasks) {
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(HELD_TASKS_STORE), Serdes.String(), topics.taskSerde()));
    tasks.process(() -> new DepartmentGate<Task>(HELD_TASKS_STORE, Task::getDepartment, departmentTopics, HOLD_RETRY),
            Named.as("tasks-gate"), HELD_TASKS_STORE)
        .to(taskTopics, Produced.with(Serdes.String(), topics.taskSerde()).withName("tasks-sink"));
  }

  /**
   * Every alert reaches the alert stage through a repartition by its topic, so that one stream
   * task sees all of a topic's groups and its surges (for inhibition), whichever sub-topology
   * raised them.
   */
  private KStream<String, Alert> byTopic(KStream<String, Alert> alerts, String name) {
    return alerts.selectKey((k, v) -> v.getTopic() == null ? "" : v.getTopic(), Named.as(name + "-key"))
        .repartition(Repartitioned.with(Serdes.String(), topics.alertSerde()).withName(name)
            .withNumberOfPartitions(config.topicPartitions()));
  }

  /** Counts, silences, inhibits and groups every alert, then holds it until its department's topic exists. */
  private void alertStage(StreamsBuilder builder, KStream<String, Alert> alerts) {
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(ALERT_GROUP_STORE), Serdes.String(), topics.alertGroupSerde()));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(ALERT_SURGE_STORE), Serdes.String(), Serdes.Long()));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(HELD_ALERTS_STORE), Serdes.String(), topics.alertSerde()));
    AlertStageStores stores = new AlertStageStores(ALERT_GROUP_STORE, ALERT_SURGE_STORE, SILENCES_STORE);
    alerts.process(() -> new AlertStageProcessor(stores, config.alerts(), metrics),
            Named.as("alert-stage"), ALERT_GROUP_STORE, ALERT_SURGE_STORE)
        .process(() -> new DepartmentGate<Alert>(HELD_ALERTS_STORE, Alert::getDepartment, departmentTopics, HOLD_RETRY),
            Named.as("alerts-gate"), HELD_ALERTS_STORE)
        .to(alertTopics, Produced.with(Serdes.String(), topics.alertSerde()).withName("alerts-sink"));
  }

  /**
   * Counts feedback per topic in each partition, then sends the counts, batched every second,
   * through a repartition by topic id, so one stream task sees a whole topic.
   */
  private KStream<String, Alert> surges(StreamsBuilder builder, KStream<String, ClassifiedFeedback> classified) {
    // Cached: a topic's count changes with every feedback but is written out once per commit.
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.inMemoryKeyValueStore(SURGE_COUNT_STORE), Serdes.String(), topics.surgeCountSerde())
        .withCachingEnabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(SURGE_STORE), Serdes.String(), topics.surgeStateSerde()));
    SurgeSettings settings = new SurgeSettings(SURGE_COUNT_STORE, Duration.ofSeconds(1), SURGE_STORE,
        OWNERSHIP_STORE, config.fallbackDepartment(), config.surgeWindow(), config.surgeAdvance(), 0.3,
        Duration.ofMinutes(1));
    return classified
        .filter((k, v) -> !OwnershipTable.UNCLASSIFIED.equals(v.getPrimaryTopic()), Named.as("surge-classified"))
        .process(() -> new SurgeCounter(settings), Named.as("surge-count"), SURGE_COUNT_STORE)
        .repartition(Repartitioned.with(Serdes.String(), topics.surgeCountSerde()).withName("surge-by-topic"))
        .process(() -> new SurgeProcessor(settings), Named.as("surge-detect"), SURGE_STORE);
  }

  /**
   * Task state per task id, fed by the tasks just routed and by task.events. Task ids fall in
   * their feedback's partition (see {@link org.feedbackrouter.route.Ids#task}), so both inputs of
   * a task meet in one stream task without an internal topic between routing and the store.
   */
  private Map<String, KStream<String, LifecycleOutput>> lifecycle(StreamsBuilder builder, KStream<String, Task> routedTasks) {
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(TASK_STORE), Serdes.String(), topics.taskStateSerde()));
    // Derived from the task store and rebuilt from it on start, so it needs no changelog of its own.
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(DUE_INDEX_STORE), Serdes.String(), Serdes.String())
        .withLoggingDisabled());
    KStream<String, LifecycleInput> created = routedTasks
        .mapValues(t -> (LifecycleInput) new LifecycleInput.Created(t), Named.as("task-created"));
    KStream<String, LifecycleInput> events = builder
        .stream(topics.taskEvents().name(), topics.taskEvents().consumed("task-events-source"))
        .mapValues(e -> (LifecycleInput) new LifecycleInput.Event(e), Named.as("task-event"));
    LifecycleSettings settings = new LifecycleSettings(config.topicPartitions(), TASK_STORE, DUE_INDEX_STORE,
        OWNERSHIP_STORE, config.fallbackDepartment(), config.slaCheckInterval(), config.resolvedRetention());
    return created.merge(events, Named.as("task-inputs"))
        .process(() -> new TaskLifecycleProcessor(settings, metrics),
            Named.as("task-lifecycle"), TASK_STORE, DUE_INDEX_STORE)
        .split(Named.as("lifecycle-"))
        .branch((k, v) -> v instanceof LifecycleOutput.Outcome, Branched.withConsumer(s -> s
            .mapValues(v -> ((LifecycleOutput.Outcome) v).outcome(), Named.as("outcome-value"))
            .to(topics.taskOutcomes().name(), topics.taskOutcomes().produced("outcomes-sink")), "outcomes"))
        .branch((k, v) -> v instanceof LifecycleOutput.NewAlert, Branched.as("alerts"))
        .branch((k, v) -> v instanceof LifecycleOutput.Reassigned, Branched.as("reassigned"))
        .branch((k, v) -> v instanceof LifecycleOutput.Label, Branched.withConsumer(s -> s
            .mapValues(v -> ((LifecycleOutput.Label) v).label(), Named.as("label-value"))
            .to(topics.labels().name(), topics.labels().produced("labels-sink")), "labels"))
        .noDefaultBranch();
  }

  private KStream<String, Alert> unowned(StreamsBuilder builder, KStream<String, Routed> routed) {
    return routed.mapValues(r -> ((Routed.Unowned) r).feedback(), Named.as("unowned-value"))
        .repartition(Repartitioned.with(Serdes.String(), topics.classified().valueSerde())
            .withName("unowned-by-topic"))
        .process(() -> new UnownedAlertProcessor(UNOWNED_THROTTLE_STORE, OWNERSHIP_STORE,
                config.fallbackDepartment(), config.unownedAlertInterval()),
            Named.as("unowned-throttle"), UNOWNED_THROTTLE_STORE);
  }
}
