package org.feedbackrouter.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.AlertGroup;
import org.feedbackrouter.route.Ids;

/**
 * Alertmanager's grouping for one-off alerts, on the state of one group (same department, kind
 * and topic). A new group waits {@code groupWait} before its first notification; alerts that join
 * afterwards go out together at the group's next tick, a whole number of {@code groupInterval}s
 * after its last notification. A group with nothing new is forgotten {@code repeatInterval} after
 * its last notification. Alertmanager would repeat a still-firing alert then; these alerts are
 * events that never stop firing, so repeating them would re-announce old news for ever.
 */
public final class AlertGrouping {
  private final AlertSettings settings;

  public AlertGrouping(AlertSettings settings) {
    this.settings = settings;
  }

  /** The group an alert belongs to. */
  public static String key(Alert alert) {
    return alert.getDepartment() + "|" + alert.getKind() + "|" + (alert.getTopic() == null ? "" : alert.getTopic());
  }

  /** Whether {@code alert} would join alerts already waiting in {@code group}, i.e. be suppressed as grouped. */
  public static boolean joinsWaiting(AlertGroup group) {
    return group != null && group.getPending() != null;
  }

  /** Adds {@code alert} to {@code group} (null: a new group) and returns the group to store. */
  public AlertGroup add(AlertGroup group, Alert alert, long now) {
    AlertGroup g = group == null ? AlertGroup.newBuilder().build() : group;
    if (g.getPending() == null) {
      g.setPending(alert);
      g.setPendingCount(0);
      g.setSampleIds(new ArrayList<>());
      g.setFirstTime(now);
      g.setFlushAt(nextTick(g, now));
    }
    g.setPendingCount(g.getPendingCount() + 1);
    g.setLastTime(now);
    if (g.getSampleIds().size() < settings.maxSampleIds()) {
      g.getSampleIds().add(sampleId(alert));
    }
    return g;
  }

  /** Whether the group has alerts due to go out at {@code now}. */
  public static boolean due(AlertGroup group, long now) {
    return group.getFlushAt() != null && group.getFlushAt() <= now;
  }

  /** Whether the group has nothing waiting and its memory has run out. */
  public boolean forgotten(AlertGroup group, long now) {
    return group.getPending() == null
        && (group.getLastSentAt() == null || now - group.getLastSentAt() >= settings.repeatInterval().toMillis());
  }

  /**
   * The notification for the waiting alerts, leaving the group with none waiting. One alert goes
   * out as it came; several go out as one alert that counts them. Its id derives from the first
   * one's, so the same alerts make the same notification.
   */
  public Optional<Alert> flush(AlertGroup group, long now) {
    Alert first = group.getPending();
    if (first == null) {
      return Optional.empty();
    }
    long count = group.getPendingCount();
    Alert out = count == 1 ? first : Alert.newBuilder(first)
        .setAlertId(Ids.alert("GROUP", first.getAlertId()))
        .setGroupCount(count)
        .setSampleIds(new ArrayList<>(group.getSampleIds()))
        .setFirstTime(Instant.ofEpochMilli(group.getFirstTime()))
        .setLastTime(Instant.ofEpochMilli(group.getLastTime()))
        .setFeedbackId(null)
        .setTaskId(null)
        .setCorrelationId(null)
        .setMessage(count + " " + first.getKind() + " alerts"
            + (first.getTopic() == null ? "" : " on " + first.getTopic())
            + " between " + Instant.ofEpochMilli(group.getFirstTime()) + " and "
            + Instant.ofEpochMilli(group.getLastTime()) + "; the first: " + first.getMessage())
        .setCreatedAt(Instant.ofEpochMilli(now))
        .build();
    group.setPending(null);
    group.setPendingCount(0);
    group.setSampleIds(new ArrayList<>());
    group.setFirstTime(null);
    group.setLastTime(null);
    group.setFlushAt(null);
    group.setLastSentAt(now);
    return Optional.of(out);
  }

  /** A new group waits groupWait; one notified before ticks every groupInterval from then. */
  private long nextTick(AlertGroup g, long now) {
    Long last = g.getLastSentAt();
    if (last == null) {
      return now + settings.groupWait().toMillis();
    }
    long interval = settings.groupInterval().toMillis();
    long ticks = Math.max(1, (now - last + interval - 1) / interval);
    return last + ticks * interval;
  }

  private static String sampleId(Alert alert) {
    if (alert.getTaskId() != null) {
      return alert.getTaskId();
    }
    return alert.getFeedbackId() != null ? alert.getFeedbackId() : alert.getAlertId();
  }
}
