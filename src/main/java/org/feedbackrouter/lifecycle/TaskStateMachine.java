package org.feedbackrouter.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.AlertKind;
import org.feedbackrouter.avro.EscalationLevel;
import org.feedbackrouter.avro.Role;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.avro.TaskEvent;
import org.feedbackrouter.avro.TaskHistoryEntry;
import org.feedbackrouter.avro.TaskState;
import org.feedbackrouter.avro.TaskStatus;
import org.feedbackrouter.ingest.RejectReason;
import org.feedbackrouter.ingest.RejectedRecordException;
import org.feedbackrouter.route.TopicOwnership;
import org.feedbackrouter.sla.BusinessCalendar;
import org.feedbackrouter.sla.SlaPolicy;

/**
 * A task's state machine and SLA clock, in plain Java: given a task's state, an event or the
 * time, it returns the new state, the effects to carry out and when the task next needs looking
 * at. No store, no clock, no Kafka: the processor around it does those.
 *
 * <p>Acknowledge and resolve due times are fixed when a task is created (they are on the task).
 * Escalation times count working time after the resolve due time on the calendar in force at
 * each check, so a changed calendar moves escalations still pending.
 */
public final class TaskStateMachine {
  static final String ACKNOWLEDGE = "acknowledge";
  static final String RESOLVE = "resolve";
  private static final int HISTORY_LIMIT = 50;
  /** Event ids remembered per task: enough for a client's retries, small enough for every task to carry. */
  private static final int RECENT_EVENT_IDS = 20;

  private final Function<String, TopicOwnership> ownership;
  private final BinaryOperator<String> reassignedTaskId;
  private final Duration resolvedRetention;

  /**
   * @param ownership a topic's ownership as the table holds it now
   * @param reassignedTaskId the id of the task a reassignment creates, from the old task's id and the new department
   * @param resolvedRetention how long a closed task stays before it is purged
   */
  public TaskStateMachine(Function<String, TopicOwnership> ownership, BinaryOperator<String> reassignedTaskId,
      Duration resolvedRetention) {
    this.ownership = ownership;
    this.reassignedTaskId = reassignedTaskId;
    this.resolvedRetention = resolvedRetention;
  }

  /**
   * A step's result.
   *
   * @param nextCheckAt epoch millis when the task next needs looking at (an SLA check while open,
   *     its purge once closed); null when never
   */
  public record Step(TaskState state, List<LifecycleEffect> effects, Long nextCheckAt) {
    public boolean open() {
      return isOpen(state);
    }
  }

  public static boolean isOpen(TaskState state) {
    return TaskTransitions.isOpen(state.getStatus());
  }

  /** A new task, open. */
  public Step create(Task task) {
    TaskState state = TaskState.newBuilder()
        .setTask(task)
        .setStatus(TaskStatus.OPEN)
        .setHistory(new ArrayList<>(List.of(entry("CREATED", task.getCreatedAt(), null,
            task.getReassignedFrom() == null ? null : "reassigned from " + task.getReassignedFrom()))))
        .setFired(new ArrayList<>())
        .setRecentEventIds(new ArrayList<>())
        .build();
    return new Step(state, List.of(new LifecycleEffect.OpenChanged(task, 1)), nextCheck(state));
  }

  /**
   * Applies a department's event at wall-clock {@code now}; a repeated event id changes nothing.
   *
   * @throws RejectedRecordException when the event is stale or invalid for the task's status
   */
  public Step apply(TaskState state, TaskEvent event, Instant now) {
    if (event.getEventId() != null && state.getRecentEventIds().contains(event.getEventId())) {
      return new Step(state, List.of(), state.getNextCheckAt()); // A retried write of an event already applied.
    }
    Task task = state.getTask();
    if (event.getOccurredAt().isBefore(task.getCreatedAt())) {
      throw new RejectedRecordException(RejectReason.STALE_EVENT, "event at " + event.getOccurredAt()
          + " is older than the task, created at " + task.getCreatedAt());
    }
    TaskTransitions.refusal(state.getStatus(), event.getType()).ifPresent(why -> {
      throw invalid(event, state, why);
    });
    List<LifecycleEffect> effects = new ArrayList<>();
    Instant at = event.getOccurredAt();
    switch (event.getType()) {
      case ACKNOWLEDGED -> {
        if (state.getAcknowledgedAt() == null) {
          state.setAcknowledgedAt(at);
          effects.add(new LifecycleEffect.Acknowledged(task, Duration.between(task.getCreatedAt(), at)));
        }
        state.setStatus(TaskStatus.ACKNOWLEDGED);
      }
      case RESOLVED -> resolve(state, event, effects);
      case REOPENED -> {
        state.setStatus(state.getAcknowledgedAt() == null ? TaskStatus.OPEN : TaskStatus.ACKNOWLEDGED);
        state.setResolvedAt(null);
        state.setReopenCount(state.getReopenCount() + 1);
        effects.add(new LifecycleEffect.OpenChanged(task, 1));
      }
      case REASSIGNED -> {
        String to = event.getReassignTo();
        if (to == null || to.isBlank() || to.equals(task.getDepartment()) || !to.matches("[a-z0-9][a-z0-9_-]*")) {
          throw invalid(event, state, "reassignTo must name another department, was '" + to + "'");
        }
        state.setStatus(TaskStatus.REASSIGNED);
        state.setClosedAt(at);
        effects.add(new LifecycleEffect.OpenChanged(task, -1));
        effects.add(new LifecycleEffect.Reassigned(reassigned(task, to, now)));
        var label = LifecycleRecords.label(task, event);
        if (label != null) {
          effects.add(new LifecycleEffect.Label(label));
        }
      }
      case COMMENTED -> {
        // History only.
      }
    }
    append(state, entry(event.getType().name(), at, event.getActor(), LifecycleRecords.note(event)));
    remember(state, event.getEventId());
    return new Step(state, effects, isOpen(state) ? nextCheck(state) : purgeAt(state));
  }

  /** Fires every SLA check of an open task that has come due by {@code nowMs}, each once per task. */
  public Step check(TaskState state, long nowMs) {
    List<LifecycleEffect> effects = new ArrayList<>();
    if (isOpen(state)) {
      fire(state, nowMs, effects);
    }
    return new Step(state, effects, isOpen(state) ? nextCheck(state) : purgeAt(state));
  }

  private void resolve(TaskState state, TaskEvent event, List<LifecycleEffect> effects) {
    Task task = state.getTask();
    Instant at = event.getOccurredAt();
    state.setStatus(TaskStatus.RESOLVED);
    state.setResolvedAt(at);
    Instant acknowledged = state.getAcknowledgedAt();
    boolean ackInTime = !(acknowledged == null ? at : acknowledged).isAfter(task.getAcknowledgeDueAt());
    boolean slaMet = ackInTime && !at.isAfter(task.getResolveDueAt());
    var outcome = LifecycleRecords.outcome(task, acknowledged, at, slaMet, state.getReopenCount(), event);
    effects.add(new LifecycleEffect.OpenChanged(task, -1));
    effects.add(new LifecycleEffect.Resolved(task, outcome, Duration.between(task.getCreatedAt(), at),
        calendar(task).between(task.getCreatedAt(), at)));
  }

  /** The new department's task: a fresh SLA on the topic's current targets and calendar, from {@code now}. */
  private Task reassigned(Task from, String to, Instant now) {
    List<String> departments = new ArrayList<>(from.getDepartments());
    if (!departments.contains(to)) {
      departments.add(to);
    }
    TopicOwnership topic = ownership.apply(from.getTopic());
    SlaPolicy.Deadlines due = SlaPolicy.deadlines(now, SlaPolicy.target(topic.sla(), from.getPriority()),
        topic.calendar());
    return Task.newBuilder(from)
        .setTaskId(reassignedTaskId.apply(from.getTaskId(), to))
        .setDepartment(to)
        .setDepartments(departments)
        .setReassignedFrom(from.getDepartment())
        .setSuggestedOwner(null)
        .setCreatedAt(now)
        .setAcknowledgeDueAt(due.acknowledgeDue())
        .setResolveDueAt(due.resolveDue())
        .build();
  }

  private void fire(TaskState state, long now, List<LifecycleEffect> effects) {
    Task task = state.getTask();
    if (state.getAcknowledgedAt() == null && !state.getFired().contains(ACKNOWLEDGE)
        && now >= task.getAcknowledgeDueAt().toEpochMilli()) {
      effects.add(alert(state, AlertKind.SLA_BREACH, ACKNOWLEDGE, task.getDepartment(), null, now,
          "Task not acknowledged within its SLA (due " + task.getAcknowledgeDueAt() + ")"));
    }
    if (!state.getFired().contains(RESOLVE) && now >= task.getResolveDueAt().toEpochMilli()) {
      effects.add(alert(state, AlertKind.SLA_BREACH, RESOLVE, task.getDepartment(), null, now,
          "Task not resolved within its SLA (due " + task.getResolveDueAt() + ")"));
    }
    BusinessCalendar calendar = calendar(task);
    for (EscalationLevel level : escalation(task)) {
      String name = Integer.toString(level.getLevel());
      if (!state.getFired().contains(name)
          && now >= SlaPolicy.escalationDue(task.getResolveDueAt(), level, calendar).toEpochMilli()) {
        effects.add(alert(state, AlertKind.ESCALATION, name, level.getDepartment(), level.getLevel(), now,
            "Escalation level " + name + ": task of " + task.getDepartment() + " unresolved "
                + Duration.ofMillis(now - task.getResolveDueAt().toEpochMilli()).toMinutes()
                + " min past its due time"));
      }
    }
  }

  private static LifecycleEffect alert(TaskState state, AlertKind kind, String level, String department,
      Integer levelNumber, long now, String message) {
    Task task = state.getTask();
    state.getFired().add(level);
    Alert alert = LifecycleRecords.alert(task, kind, level, department, levelNumber, Instant.ofEpochMilli(now), message);
    append(state, entry(kind.name(), Instant.ofEpochMilli(now), null, level + " -> " + department));
    return new LifecycleEffect.RaiseAlert(task, alert, level);
  }

  /**
   * Escalation follows the owner's task: supporting tasks answer for their own SLA only, and an
   * observer's task has no SLA at all (see {@link #nextCheck}).
   */
  private List<EscalationLevel> escalation(Task task) {
    if (task.getRole() != Role.OWNER) {
      return List.of();
    }
    return SlaPolicy.inOrder(ownership.apply(task.getTopic()).escalation());
  }

  private BusinessCalendar calendar(Task task) {
    return ownership.apply(task.getTopic()).calendar();
  }

  /** The earliest SLA deadline not yet fired, or null when nothing is left to check. */
  private Long nextCheck(TaskState state) {
    Task task = state.getTask();
    if (task.getRole() == Role.OBSERVER) {
      return null;
    }
    long next = Long.MAX_VALUE;
    if (state.getAcknowledgedAt() == null && !state.getFired().contains(ACKNOWLEDGE)) {
      next = Math.min(next, task.getAcknowledgeDueAt().toEpochMilli());
    }
    if (!state.getFired().contains(RESOLVE)) {
      next = Math.min(next, task.getResolveDueAt().toEpochMilli());
    }
    List<EscalationLevel> levels = escalation(task);
    if (!levels.isEmpty()) {
      BusinessCalendar calendar = calendar(task);
      for (EscalationLevel level : levels) {
        if (!state.getFired().contains(Integer.toString(level.getLevel()))) {
          next = Math.min(next, SlaPolicy.escalationDue(task.getResolveDueAt(), level, calendar).toEpochMilli());
        }
      }
    }
    return next == Long.MAX_VALUE ? null : next;
  }

  private Long purgeAt(TaskState state) {
    Instant done = state.getResolvedAt() != null ? state.getResolvedAt() : state.getClosedAt();
    return done == null ? null : done.toEpochMilli() + resolvedRetention.toMillis();
  }

  private static RejectedRecordException invalid(TaskEvent event, TaskState state, String why) {
    return new RejectedRecordException(RejectReason.INVALID_TRANSITION,
        event.getType() + " on task " + state.getTask().getTaskId() + ": " + why);
  }

  private static TaskHistoryEntry entry(String what, Instant at, String actor, String note) {
    return new TaskHistoryEntry(what, at, actor, note);
  }

  private static void remember(TaskState state, String eventId) {
    if (eventId == null) {
      return;
    }
    List<String> ids = state.getRecentEventIds();
    ids.add(eventId);
    if (ids.size() > RECENT_EVENT_IDS) {
      ids.remove(0);
    }
  }

  private static void append(TaskState state, TaskHistoryEntry entry) {
    List<TaskHistoryEntry> history = state.getHistory();
    history.add(entry);
    if (history.size() > HISTORY_LIMIT) {
      history.remove(1); // Keep CREATED, drop the oldest step after it.
    }
  }
}
