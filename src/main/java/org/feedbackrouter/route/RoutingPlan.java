package org.feedbackrouter.route;

import java.util.List;
import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.Task;

/**
 * What one feedback causes: a task per department involved, immediate alerts, and the topics that
 * nobody owns (their alerts are throttled per topic downstream).
 */
public record RoutingPlan(List<Task> tasks, List<Alert> alerts, List<String> unownedTopics) {}
