package org.feedbackrouter.dlq;

import java.time.Instant;
import java.util.Optional;

/**
 * Which dead letters a replay takes: those of one reason (all when empty) filed at or after a
 * time (all when empty).
 */
public record ReplaySelection(Optional<String> reason, Optional<Instant> since) {
  public static final ReplaySelection ALL = new ReplaySelection(Optional.empty(), Optional.empty());

  public boolean selects(String recordReason, Instant filedAt) {
    return reason.map(r -> r.equals(recordReason)).orElse(true)
        && since.map(s -> !filedAt.isBefore(s)).orElse(true);
  }

  @Override
  public String toString() {
    return "reason " + reason.orElse("any") + ", since " + since.map(Instant::toString).orElse("the beginning");
  }
}
