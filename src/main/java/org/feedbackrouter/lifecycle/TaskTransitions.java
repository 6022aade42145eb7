package org.feedbackrouter.lifecycle;

import java.util.Locale;
import java.util.Optional;
import org.feedbackrouter.avro.TaskEventType;
import org.feedbackrouter.avro.TaskStatus;

/**
 * Which event a task accepts in which status. The lifecycle processor enforces it (an invalid
 * event goes to the dead-letter topic) and the HTTP API checks it first, so a department hears
 * about an invalid action at once instead of finding a dead letter later.
 */
public final class TaskTransitions {
  private TaskTransitions() {}

  /** Why {@code type} cannot apply to a task in {@code status}; empty when it can. */
  public static Optional<String> refusal(TaskStatus status, TaskEventType type) {
    return switch (type) {
      case ACKNOWLEDGED, RESOLVED, REASSIGNED -> isOpen(status)
          ? Optional.empty()
          : Optional.of("the task is " + status.name().toLowerCase(Locale.ROOT));
      case REOPENED -> status == TaskStatus.RESOLVED
          ? Optional.empty()
          : Optional.of("only a resolved task can be reopened; the task is " + status.name().toLowerCase(Locale.ROOT));
      case COMMENTED -> Optional.empty();
    };
  }

  public static boolean isOpen(TaskStatus status) {
    return status == TaskStatus.OPEN || status == TaskStatus.ACKNOWLEDGED;
  }
}
