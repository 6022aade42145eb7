package org.feedbackrouter.route;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.AlertKind;
import org.feedbackrouter.avro.ClassifiedFeedback;

/**
 * Raises at most one UNOWNED_TOPIC alert per topic per interval, to the fallback owner. Records
 * arrive keyed by topic id after a repartition, so one task sees every record of a topic and the
 * throttle holds across instances.
 */
public final class UnownedAlertProcessor implements Processor<String, ClassifiedFeedback, String, Alert> {
  private final String throttleStoreName;
  private final String ownershipStoreName;
  private final String fallbackDepartment;
  private final long intervalMs;
  private ProcessorContext<String, Alert> context;
  private KeyValueStore<String, Long> lastAlert;
  private OwnershipTable table;

  public UnownedAlertProcessor(String throttleStoreName, String ownershipStoreName,
      String fallbackDepartment, Duration interval) {
    this.throttleStoreName = throttleStoreName;
    this.ownershipStoreName = ownershipStoreName;
    this.fallbackDepartment = fallbackDepartment;
    this.intervalMs = interval.toMillis();
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.lastAlert = context.getStateStore(throttleStoreName);
    this.table = OwnershipTable.overStore(context.getStateStore(ownershipStoreName), fallbackDepartment);
  }

  @Override
  public void process(Record<String, ClassifiedFeedback> record) {
    String topic = record.key();
    long now = context.currentSystemTimeMs();
    Long last = lastAlert.get(topic);
    if (last != null && now - last < intervalMs) {
      return;
    }
    lastAlert.put(topic, now);
    String department = table.resolve(topic).cxOffice();
    ClassifiedFeedback feedback = record.value();
    Alert alert = Alert.newBuilder()
        .setAlertId(Ids.alert(AlertKind.UNOWNED_TOPIC.name(), topic, Long.toString(now / intervalMs)))
        .setKind(AlertKind.UNOWNED_TOPIC)
        .setDepartment(department)
        .setTopic(topic)
        .setPriority(feedback.getPriority())
        .setFeedbackId(feedback.getFeedbackId())
        .setCorrelationId(feedback.getFeedbackId())
        .setSamples(List.of(feedback.getRedactedText()))
        .setMessage("Feedback about '" + topic + "', which no department owns: assign an owner"
            + " in the ownership file")
        .setCreatedAt(Instant.ofEpochMilli(now))
        .build();
    context.forward(record.withKey(alert.getAlertId()).withValue(alert));
  }
}
