package org.feedbackrouter.http;

import org.feedbackrouter.avro.TaskEvent;

/** Where the API writes departments' actions: {@code task.events}, keyed by task id. */
@FunctionalInterface
public interface TaskEvents {
  /** Returns once the event is durably written; throws if it could not be. */
  void write(TaskEvent event);
}
