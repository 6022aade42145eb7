package org.feedbackrouter.alert;

import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.AlertKind;
import org.feedbackrouter.avro.Priority;
import org.feedbackrouter.avro.Silence;

/**
 * What the alert stage does with one alert as it arrives: drop it under a silence, drop it under
 * the inhibition rule (an active surge of its topic stands for its critical feedback), send it at
 * once (P1 critical feedback, unless configured otherwise) or put it in its group.
 */
public final class AlertTriage {
  /** The verdicts; the suppressed ones name the reason counted in feedback_alerts_suppressed_total. */
  public enum Verdict {
    SEND(null), GROUP(null), SILENCED("silenced"), INHIBITED("inhibited");

    private final String reason;

    Verdict(String reason) {
      this.reason = reason;
    }

    public String reason() {
      return reason;
    }
  }

  /** Suppression reason of an alert that joined a group and goes out inside another one. */
  public static final String GROUPED = "grouped";

  private final AlertSettings settings;

  public AlertTriage(AlertSettings settings) {
    this.settings = settings;
  }

  /**
   * @param silences the silences known now, active or not
   * @param topicSurging whether a SURGE of the alert's topic is active
   */
  public Verdict triage(Alert alert, Iterable<Silence> silences, boolean topicSurging, long now) {
    if (SilenceMatch.first(silences, alert, now).isPresent()) {
      return Verdict.SILENCED;
    }
    if (settings.inhibitDuringSurge() && topicSurging && alert.getKind() == AlertKind.CRITICAL_FEEDBACK) {
      return Verdict.INHIBITED;
    }
    if (!settings.groupCritical() && alert.getKind() == AlertKind.CRITICAL_FEEDBACK
        && alert.getPriority() == Priority.P1) {
      return Verdict.SEND;
    }
    return Verdict.GROUP;
  }
}
