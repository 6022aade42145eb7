package org.feedbackrouter.alert;

import java.util.Objects;
import java.util.Optional;
import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.Silence;

/** Whether a silence mutes an alert: it is active, and each matcher it sets equals the alert's value. */
public final class SilenceMatch {
  private SilenceMatch() {}

  public static boolean active(Silence silence, long now) {
    return silence.getStartsAt().toEpochMilli() <= now && now < silence.getEndsAt().toEpochMilli();
  }

  public static boolean mutes(Silence silence, Alert alert, long now) {
    return active(silence, now)
        && matches(silence.getDepartment(), alert.getDepartment())
        && matches(silence.getKind(), alert.getKind())
        && matches(silence.getTopic(), alert.getTopic())
        && matches(silence.getPriority(), alert.getPriority());
  }

  /** The first silence that mutes {@code alert}, if any. */
  public static Optional<Silence> first(Iterable<Silence> silences, Alert alert, long now) {
    for (Silence s : silences) {
      if (mutes(s, alert, now)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  private static boolean matches(Object matcher, Object value) {
    return matcher == null || Objects.equals(matcher, value);
  }
}
