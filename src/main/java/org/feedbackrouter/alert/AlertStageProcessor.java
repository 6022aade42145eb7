package org.feedbackrouter.alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.AlertGroup;
import org.feedbackrouter.avro.AlertKind;
import org.feedbackrouter.avro.Silence;
import org.feedbackrouter.metrics.FeedbackMetrics;

/**
 * The one place every alert passes on its way to {@code alerts.<department>}: it counts, silences,
 * inhibits, groups and sends them (decisions in {@link AlertTriage} and {@link AlertGrouping}).
 * Alerts arrive keyed by topic, so a topic's groups and its surge state live in one stream task.
 * Groups are in a changelogged store and go out from a wall-clock punctuator, all in the
 * exactly-once transaction: a crash neither loses nor repeats a notification.
 */
public final class AlertStageProcessor implements Processor<String, Alert, String, Alert> {
  /** How often due groups are looked for; a group goes out at most this late. */
  static final Duration TICK = Duration.ofSeconds(1);

  private final AlertStageStores storeNames;
  private final AlertTriage triage;
  private final AlertGrouping grouping;
  private final FeedbackMetrics metrics;
  private ProcessorContext<String, Alert> context;
  private KeyValueStore<String, AlertGroup> groups;
  private KeyValueStore<String, Long> surges;
  private ReadOnlyKeyValueStore<String, ValueAndTimestamp<Silence>> silences;

  public AlertStageProcessor(AlertStageStores storeNames, AlertSettings settings, FeedbackMetrics metrics) {
    this.storeNames = storeNames;
    this.triage = new AlertTriage(settings);
    this.grouping = new AlertGrouping(settings);
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.groups = context.getStateStore(storeNames.groups());
    this.surges = context.getStateStore(storeNames.surges());
    this.silences = context.getStateStore(storeNames.silences());
    context.schedule(TICK, PunctuationType.WALL_CLOCK_TIME, this::flushDue);
  }

  @Override
  public void process(Record<String, Alert> record) {
    Alert alert = record.value();
    long now = context.currentSystemTimeMs();
    String topic = alert.getTopic() == null ? "" : alert.getTopic();
    if (alert.getKind() == AlertKind.SURGE) {
      surges.put(topic, now);
    } else if (alert.getKind() == AlertKind.SURGE_ENDED) {
      surges.delete(topic);
    }
    AlertTriage.Verdict verdict = triage.triage(alert, silences(), surges.get(topic) != null, now);
    switch (verdict) {
      case SEND -> send(alert, now);
      case GROUP -> {
        String key = AlertGrouping.key(alert);
        AlertGroup group = groups.get(key);
        if (AlertGrouping.joinsWaiting(group)) {
          metrics.alertSuppressed(alert.getDepartment(), alert.getKind(), AlertTriage.GROUPED);
        }
        groups.put(key, grouping.add(group, alert, now));
      }
      default -> metrics.alertSuppressed(alert.getDepartment(), alert.getKind(), verdict.reason());
    }
  }

  private void flushDue(long now) {
    List<KeyValue<String, AlertGroup>> changed = new ArrayList<>();
    try (KeyValueIterator<String, AlertGroup> all = groups.all()) {
      all.forEachRemaining(kv -> {
        if (AlertGrouping.due(kv.value, now) || grouping.forgotten(kv.value, now)) {
          changed.add(kv);
        }
      });
    }
    for (KeyValue<String, AlertGroup> kv : changed) {
      if (grouping.forgotten(kv.value, now)) {
        groups.delete(kv.key);
        continue;
      }
      grouping.flush(kv.value, now).ifPresent(a -> send(a, now));
      groups.put(kv.key, kv.value);
    }
  }

  private void send(Alert alert, long now) {
    metrics.alert(alert.getDepartment(), alert.getKind());
    context.forward(new Record<>(alert.getAlertId(), alert, now));
  }

  private List<Silence> silences() {
    List<Silence> out = new ArrayList<>();
    try (KeyValueIterator<String, ValueAndTimestamp<Silence>> all = silences.all()) {
      all.forEachRemaining(kv -> out.add(kv.value.value()));
    }
    return out;
  }
}
