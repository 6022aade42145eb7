package org.feedbackrouter.route;

import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.ClassifiedFeedback;
import org.feedbackrouter.avro.Task;

/** One output of the routing step; the topology splits them by kind towards their topics. */
public sealed interface Routed {
  record NewTask(Task task) implements Routed {}

  record NewAlert(Alert alert) implements Routed {}

  /** A topic nobody owns; its alert is throttled per topic after a repartition by topic id. */
  record Unowned(String topic, ClassifiedFeedback feedback) implements Routed {}
}
