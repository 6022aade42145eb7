package org.feedbackrouter.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.AlertKind;
import org.feedbackrouter.avro.FeedbackLabel;
import org.feedbackrouter.avro.ReassignReason;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.avro.TaskEvent;
import org.feedbackrouter.avro.TaskOutcome;
import org.feedbackrouter.route.Ids;

/** The records the lifecycle emits, built from a task and the event that closed or moved it. */
final class LifecycleRecords {
  private LifecycleRecords() {}

  static TaskOutcome outcome(Task task, Instant acknowledged, Instant resolved, boolean slaMet, int reopenCount,
      TaskEvent event) {
    return TaskOutcome.newBuilder()
        .setTaskId(task.getTaskId())
        .setCorrelationId(task.getCorrelationId())
        .setFeedbackId(task.getFeedbackId())
        .setDepartment(task.getDepartment())
        .setTopic(task.getTopic())
        .setPriority(task.getPriority())
        .setCreatedAt(task.getCreatedAt())
        .setAcknowledgedAt(acknowledged)
        .setResolvedAt(resolved)
        .setAcknowledgeMs(acknowledged == null ? null : Duration.between(task.getCreatedAt(), acknowledged).toMillis())
        .setResolveMs(Duration.between(task.getCreatedAt(), resolved).toMillis())
        .setSlaMet(slaMet)
        .setReopenCount(reopenCount)
        .setResolutionCode(event.getResolutionCode())
        .setRootCause(event.getRootCause())
        .build();
  }

  /** An SLA breach or escalation alert on a task; its id derives from the task and the check, so a replay repeats it. */
  static Alert alert(Task task, AlertKind kind, String level, String department, Integer levelNumber, Instant at,
      String message) {
    return Alert.newBuilder()
        .setAlertId(Ids.alert(kind.name(), task.getTaskId(), level))
        .setKind(kind)
        .setDepartment(department)
        .setTopic(task.getTopic())
        .setPriority(task.getPriority())
        .setFeedbackId(task.getFeedbackId())
        .setTaskId(task.getTaskId())
        .setCorrelationId(task.getCorrelationId())
        .setLevel(levelNumber)
        .setMessage(message)
        .setCreatedAt(at)
        .build();
  }

  /**
   * A training label when a department says the topic was wrong and names the right one; null
   * otherwise (a wrong department is not a wrong topic).
   */
  static FeedbackLabel label(Task task, TaskEvent event) {
    String right = event.getCorrectTopic();
    if (event.getReason() != ReassignReason.WRONG_TOPIC || right == null || right.isBlank()
        || right.equals(task.getTopic())) {
      return null;
    }
    return FeedbackLabel.newBuilder()
        .setFeedbackId(task.getFeedbackId())
        .setRedactedText(task.getRedactedText())
        .setLanguage(task.getLanguage())
        .setWrongTopic(task.getTopic())
        .setRightTopic(right)
        .setDepartment(task.getDepartment())
        .setActor(event.getActor())
        .setTaskId(task.getTaskId())
        .setLabelledAt(event.getOccurredAt())
        .build();
  }

  /** The history note of an event: what the department said, with the details that travel apart from the note. */
  static String note(TaskEvent event) {
    List<String> parts = new ArrayList<>();
    switch (event.getType()) {
      case REASSIGNED -> {
        parts.add("to " + event.getReassignTo());
        if (event.getReason() != null) {
          parts.add("reason " + event.getReason().name().toLowerCase(Locale.ROOT));
        }
        if (event.getCorrectTopic() != null) {
          parts.add("right topic " + event.getCorrectTopic());
        }
      }
      case RESOLVED -> {
        if (event.getResolutionCode() != null) {
          parts.add("code " + event.getResolutionCode().name().toLowerCase(Locale.ROOT));
        }
        if (event.getRootCause() != null) {
          parts.add("root cause: " + event.getRootCause());
        }
      }
      default -> { }
    }
    if (event.getNote() != null) {
      parts.add(event.getNote());
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }
}
