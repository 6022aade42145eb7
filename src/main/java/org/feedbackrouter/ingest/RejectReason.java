package org.feedbackrouter.ingest;

import java.util.Locale;

/** Why a record went to the dead-letter topic; the label of {@code feedback_rejected_total}. */
public enum RejectReason {
  /** Not Confluent wire format, truncated, or an Avro body that does not decode. */
  MALFORMED,
  /** The schema id is not in the registry. */
  UNKNOWN_SCHEMA,
  /** The schema id is in the registry but is another record type's, e.g. a Task written to feedback.received. */
  WRONG_SCHEMA,
  /** A required field is absent or blank. */
  MISSING_FIELD,
  TEXT_TOO_LONG,
  SCORE_OUT_OF_RANGE,
  FUTURE_TIMESTAMP,
  /** A task event for a task this service never created. */
  UNKNOWN_TASK,
  /** A task event that does not fit the task's state, e.g. resolving a resolved task. */
  INVALID_TRANSITION,
  /** A task event older than the task. */
  STALE_EVENT,
  /** A record that made a processor fail for a reason not foreseen above. */
  PROCESSING_ERROR;

  /** Lower-case form used in metric labels and the reason header. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
