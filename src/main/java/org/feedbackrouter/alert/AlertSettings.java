package org.feedbackrouter.alert;

import java.time.Duration;

/**
 * How the alert stage groups and inhibits alerts ({@code feedback.alerts.*}; see docs/alerting.md).
 *
 * @param groupWait how long a new group collects alerts before its first notification
 * @param groupInterval least time between two notifications of one group
 * @param repeatInterval how long a group with nothing new is remembered after its last notification;
 *     a later alert opens a new group (alerts are one-off events, so nothing is re-sent)
 * @param groupCritical whether P1 critical-feedback alerts are grouped too; by default each goes out at once
 * @param inhibitDuringSurge whether an active surge of a topic inhibits that topic's critical-feedback alerts
 * @param maxSampleIds how many task or feedback ids a grouped alert lists
 */
public record AlertSettings(Duration groupWait, Duration groupInterval, Duration repeatInterval,
    boolean groupCritical, boolean inhibitDuringSurge, int maxSampleIds) {

  public AlertSettings {
    if (groupWait.isNegative() || groupInterval.isNegative() || groupInterval.isZero() || repeatInterval.compareTo(groupInterval) < 0) {
      throw new IllegalArgumentException("alert group wait must be >= 0, group interval > 0, repeat interval >= group interval");
    }
    if (maxSampleIds < 1) {
      throw new IllegalArgumentException("alert sample ids must be at least 1");
    }
  }

  public static AlertSettings defaults() {
    return new AlertSettings(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(4), false, true, 5);
  }
}
