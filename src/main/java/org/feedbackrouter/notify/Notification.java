package org.feedbackrouter.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;
import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.Task;

/**
 * A task or an alert as the destinations see it: the fields a chat message shows, and the whole
 * record as JSON for webhooks. The text is the redacted one; nothing here holds personal data.
 *
 * @param id task or alert id: the {@code Idempotency-Key} of every request about it
 * @param kind {@code task} or {@code alert}
 * @param label the task's role ({@code owner}...) or the alert's kind ({@code sla_breach}...)
 * @param priority P1-P4, or null for alerts without one
 * @param topic taxonomy topic, or null
 * @param text redacted feedback text, or the alert's message
 * @param dueAt resolution due time of a task; null for alerts
 * @param taskId the task to link to in the API, or null
 */
public record Notification(String id, String kind, String department, String label, String priority,
    String topic, String text, Instant dueAt, String taskId, ObjectNode json) {

  public static Notification of(Task task) {
    return new Notification(task.getTaskId(), "task", task.getDepartment(), lower(task.getRole()),
        task.getPriority().name(), task.getTopic(), task.getRedactedText(), task.getResolveDueAt(),
        task.getTaskId(), RecordJson.of(task));
  }

  public static Notification of(Alert alert) {
    StringBuilder text = new StringBuilder(alert.getMessage());
    alert.getSamples().forEach(s -> text.append("\n> ").append(s));
    return new Notification(alert.getAlertId(), "alert", alert.getDepartment(), lower(alert.getKind()),
        alert.getPriority() == null ? null : alert.getPriority().name(), alert.getTopic(), text.toString(),
        null, alert.getTaskId(), RecordJson.of(alert));
  }

  /** One line for chat titles and notification previews: {@code P1 task for finance: billing (owner)}. */
  public String headline() {
    return (priority == null ? "" : priority + " ") + kind + " for " + department
        + (topic == null ? "" : ": " + topic) + " (" + label + ")";
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
