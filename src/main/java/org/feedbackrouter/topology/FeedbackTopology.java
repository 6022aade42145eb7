package org.feedbackrouter.topology;

import java.time.Duration;
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
import org.feedbackrouter.avro.AreaOwnership;
import org.feedbackrouter.avro.ClassifiedFeedback;
import org.feedbackrouter.classify.ClassifyProcessor;
import org.feedbackrouter.classify.FeedbackClassifier;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.ingest.AdmissionProcessor;
import org.feedbackrouter.ingest.FeedbackValidator;
import org.feedbackrouter.metrics.FeedbackMetrics;
import org.feedbackrouter.route.DepartmentTopics;
import org.feedbackrouter.route.RouteProcessor;
import org.feedbackrouter.route.Routed;
import org.feedbackrouter.route.UnownedAlertProcessor;

/**
 * The processing graph, built from its parts and nothing else: no clients are started here.
 *
 * <pre>
 * feedback.received -> admit (validate, dedup) -> classify -> feedback.classified
 *                                                         \-> route (+ area.ownership global store)
 *                                                               -> tasks.&lt;department&gt;
 *                                                               -> alerts.&lt;department&gt;
 *                                                               -> unowned-by-topic -> throttle -> alerts.&lt;fallback&gt;
 * </pre>
 *
 * Records that fail validation or decoding go to feedback.dlq through the dead-letter handler.
 */
public final class FeedbackTopology {
  public static final String DEDUP_STORE = "feedback-dedup-store";
  public static final String OWNERSHIP_STORE = "ownership-store";
  public static final String UNOWNED_THROTTLE_STORE = "unowned-alert-throttle-store";

  private final FeedbackConfig config;
  private final Topics topics;
  private final FeedbackClassifier classifier;
  private final FeedbackMetrics metrics;
  private final DepartmentTopics departmentTopics;

  public FeedbackTopology(FeedbackConfig config, Topics topics, FeedbackClassifier classifier,
      FeedbackMetrics metrics, DepartmentTopics departmentTopics) {
    this.config = config;
    this.topics = topics;
    this.classifier = classifier;
    this.metrics = metrics;
    this.departmentTopics = departmentTopics;
  }

  public Topology build() {
    StreamsBuilder builder = new StreamsBuilder();

    builder.globalTable(topics.ownership().name(),
        topics.ownership().consumed("ownership-source"),
        Materialized.<String, AreaOwnership>as(Stores.inMemoryKeyValueStore(OWNERSHIP_STORE))
            .withKeySerde(topics.ownership().keySerde())
            .withValueSerde(topics.ownership().valueSerde()));

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

    classified
        .process(() -> new RouteProcessor(OWNERSHIP_STORE, config.fallbackDepartment(), departmentTopics, metrics),
            Named.as("route"))
        .split(Named.as("routed-"))
        .branch((k, v) -> v instanceof Routed.NewTask, Branched.withConsumer(this::tasks, "tasks"))
        .branch((k, v) -> v instanceof Routed.NewAlert, Branched.withConsumer(this::alerts, "alerts"))
        .branch((k, v) -> v instanceof Routed.Unowned, Branched.withConsumer(this::unowned, "unowned"))
        .noDefaultBranch();

    return builder.build();
  }

  private void tasks(KStream<String, Routed> routed) {
    routed.mapValues(r -> ((Routed.NewTask) r).task(), Named.as("task-value"))
        .to((key, task, ctx) -> topics.tasksTopic(task.getDepartment()),
            Produced.with(Serdes.String(), topics.taskSerde()).withName("tasks-sink"));
  }

  private void alerts(KStream<String, Routed> routed) {
    routed.mapValues(r -> ((Routed.NewAlert) r).alert(), Named.as("alert-value"))
        .to((key, alert, ctx) -> topics.alertsTopic(alert.getDepartment()),
            Produced.with(Serdes.String(), topics.alertSerde()).withName("alerts-sink"));
  }

  private void unowned(KStream<String, Routed> routed) {
    routed.mapValues(r -> ((Routed.Unowned) r).feedback(), Named.as("unowned-value"))
        .repartition(Repartitioned.with(Serdes.String(), topics.classified().valueSerde())
            .withName("unowned-by-topic"))
        .process(() -> new UnownedAlertProcessor(UNOWNED_THROTTLE_STORE, OWNERSHIP_STORE,
                config.fallbackDepartment(), config.unownedAlertInterval(), departmentTopics, metrics),
            Named.as("unowned-throttle"), UNOWNED_THROTTLE_STORE)
        .to((key, alert, ctx) -> topics.alertsTopic(alert.getDepartment()),
            Produced.with(Serdes.String(), topics.alertSerde()).withName("unowned-alerts-sink"));
  }
}
