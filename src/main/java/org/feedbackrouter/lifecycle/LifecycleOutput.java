package org.feedbackrouter.lifecycle;

import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.FeedbackLabel;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.avro.TaskOutcome;

/** What the lifecycle processor emits; the topology splits them by kind towards their topics. */
public sealed interface LifecycleOutput {
  record Outcome(TaskOutcome outcome) implements LifecycleOutput {}

  record NewAlert(Alert alert) implements LifecycleOutput {}

  /** A task created by a reassignment, for the new department. */
  record Reassigned(Task task) implements LifecycleOutput {}

  /** A department's correction of the feedback's topic, for feedback.labels. */
  record Label(FeedbackLabel label) implements LifecycleOutput {}
}
