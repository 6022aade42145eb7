package org.feedbackrouter.notify;

import java.time.Instant;
import java.util.List;
import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.AlertKind;
import org.feedbackrouter.avro.Channel;
import org.feedbackrouter.avro.GovernanceModel;
import org.feedbackrouter.avro.Priority;
import org.feedbackrouter.avro.Role;
import org.feedbackrouter.avro.Sentiment;
import org.feedbackrouter.avro.Task;

/** Tasks and alerts for delivery tests; texts are made up and already redacted. */
public final class Samples {
  public static final Instant CREATED = Instant.parse("2026-03-01T10:15:00Z");

  private Samples() {}

  public static Task task(String id, String department) {
    return Task.newBuilder()
        .setTaskId(id)
        .setCorrelationId("fb-" + id)
        .setFeedbackId("fb-" + id)
        .setDepartment(department)
        .setRole(Role.OWNER)
        .setDepartments(List.of(department, "cx_office"))
        .setTopic("billing")
        .setTopics(List.of("billing"))
        .setGovernance(GovernanceModel.DECENTRALISED)
        .setPriority(Priority.P1)
        .setSentiment(Sentiment.NEGATIVE)
        .setChannel(Channel.SURVEY)
        .setLanguage("en")
        .setCreatedAt(CREATED)
        .setAcknowledgeDueAt(CREATED.plusSeconds(3600))
        .setResolveDueAt(CREATED.plusSeconds(8 * 3600))
        .setFeedbackReceivedAt(CREATED.minusSeconds(5))
        .setRedactedText("Charged twice <again> & no answer at [PHONE]")
        .build();
  }

  public static Alert alert(String id, String department) {
    return Alert.newBuilder()
        .setAlertId(id)
        .setKind(AlertKind.SLA_BREACH)
        .setDepartment(department)
        .setTopic("billing")
        .setPriority(Priority.P1)
        .setTaskId("task-of-" + id)
        .setLevel(1)
        .setMessage("Task not acknowledged within 1h")
        .setCreatedAt(CREATED)
        .build();
  }
}
