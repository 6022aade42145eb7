package org.feedbackrouter.lifecycle;

import java.time.Duration;
import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.FeedbackLabel;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.avro.TaskOutcome;

/**
 * What a step of the {@link TaskStateMachine} asks the world to do: the processor forwards the
 * records and counts the metrics, and nothing else decides.
 */
public sealed interface LifecycleEffect {
  /** The task became open ({@code +1}) or stopped being open ({@code -1}): the open-task gauge moves. */
  record OpenChanged(Task task, int delta) implements LifecycleEffect {}

  /** First acknowledgement, {@code took} wall-clock time after creation. */
  record Acknowledged(Task task, Duration took) implements LifecycleEffect {}

  /** A resolution: the outcome to emit, with wall-clock and working time from creation. */
  record Resolved(Task task, TaskOutcome outcome, Duration took, Duration businessTook) implements LifecycleEffect {}

  /**
   * An SLA breach or escalation level came due: raise {@code alert}. {@code level} names the
   * check ({@code acknowledge}, {@code resolve} or the escalation level's number).
   */
  record RaiseAlert(Task task, Alert alert, String level) implements LifecycleEffect {}

  /** A reassignment created this task for the new department. */
  record Reassigned(Task task) implements LifecycleEffect {}

  /** A department's topic correction, for feedback.labels. */
  record Label(FeedbackLabel label) implements LifecycleEffect {}
}
