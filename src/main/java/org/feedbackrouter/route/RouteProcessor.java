package org.feedbackrouter.route;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.ClassifiedFeedback;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.metrics.FeedbackMetrics;

/**
 * Turns a classified feedback into tasks and alerts, re-keyed by task and alert id, reading the
 * ownership global store on each record so that an ownership change applies to the next feedback.
 */
public final class RouteProcessor implements Processor<String, ClassifiedFeedback, String, Routed> {
  private final Router router;
  private final String ownershipStoreName;
  private final String fallbackDepartment;
  private final FeedbackMetrics metrics;
  private ProcessorContext<String, Routed> context;
  private OwnershipTable table;

  public RouteProcessor(int partitions, String ownershipStoreName, String fallbackDepartment,
      FeedbackMetrics metrics) {
    this.router = new Router(partitions);
    this.ownershipStoreName = ownershipStoreName;
    this.fallbackDepartment = fallbackDepartment;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Routed> context) {
    this.context = context;
    this.table = OwnershipTable.overStore(context.getStateStore(ownershipStoreName), fallbackDepartment);
  }

  @Override
  public void process(Record<String, ClassifiedFeedback> record) {
    ClassifiedFeedback feedback = record.value();
    long now = context.currentSystemTimeMs();
    RoutingPlan plan = router.route(feedback, table, now, context.taskId().partition());

    for (String topic : plan.unownedTopics()) {
      metrics.unowned(topic);
      context.forward(record.withKey(topic).withValue(new Routed.Unowned(topic, feedback)));
    }
    for (Alert alert : plan.alerts()) {
      context.forward(record.withKey(alert.getAlertId()).withValue(new Routed.NewAlert(alert)));
    }
    for (Task task : plan.tasks()) {
      metrics.taskCreated(task.getDepartment(), task.getPriority(), task.getRole());
      context.forward(record.withKey(task.getTaskId()).withValue(new Routed.NewTask(task)));
    }
    metrics.routingLatency(now - feedback.getReceivedAt().toEpochMilli());
  }
}
