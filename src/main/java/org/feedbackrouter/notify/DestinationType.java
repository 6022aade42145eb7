package org.feedbackrouter.notify;

import java.util.Locale;

/** Where a department wants its tasks and alerts; also the {@code channel} label of the metrics. */
public enum DestinationType {
  SLACK, TEAMS, WEBHOOK;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
