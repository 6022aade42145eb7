package org.feedbackrouter.lifecycle;

import org.feedbackrouter.avro.Task;
import org.feedbackrouter.avro.TaskEvent;

/** What the lifecycle processor reads: tasks as they are created, and departments' task events. */
public sealed interface LifecycleInput {
  record Created(Task task) implements LifecycleInput {}

  record Event(TaskEvent event) implements LifecycleInput {}
}
