package org.feedbackrouter.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.AlertKind;
import org.feedbackrouter.avro.EscalationLevel;
import org.feedbackrouter.avro.FeedbackLabel;
import org.feedbackrouter.avro.Priority;
import org.feedbackrouter.avro.Role;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.avro.TaskEvent;
import org.feedbackrouter.avro.TaskHistoryEntry;
import org.feedbackrouter.avro.TaskOutcome;
import org.feedbackrouter.avro.TaskState;
import org.feedbackrouter.avro.TaskStatus;
import org.feedbackrouter.ingest.RejectReason;
import org.feedbackrouter.ingest.RejectedRecordException;
import org.feedbackrouter.metrics.FeedbackMetrics;
import org.feedbackrouter.route.Ids;
import org.feedbackrouter.route.OwnershipTable;

/**
 * Keeps every task's state and history, keyed by task id, fed by the tasks routing creates and by
 * the departments' task events. Both arrive in the same stream task, since task ids are chosen to
 * fall in their feedback's partition. A wall-clock punctuator reads the due-time index and fires
 * SLA breaches and escalation levels, each once per task. Invalid events go to the dead-letter
 * topic; resolutions emit a {@link TaskOutcome}; a reassignment creates the new department's task
 * here and forwards it for that department's topic.
 *
 * <p>The due-time index has no changelog: it is derived from the task store, so it is rebuilt
 * from it whenever this processor starts, after the task store has been restored.
 */
public final class TaskLifecycleProcessor
    implements Processor<String, LifecycleInput, String, LifecycleOutput> {
  static final String ACKNOWLEDGE = "acknowledge";
  static final String RESOLVE = "resolve";
  private static final int HISTORY_LIMIT = 50;
  /** Event ids remembered per task: enough for a client's retries, small enough for every task to carry. */
  private static final int RECENT_EVENT_IDS = 20;
  private static final int CHECKS_PER_PUNCTUATION = 10_000;

  private final LifecycleSettings settings;
  private final FeedbackMetrics metrics;
  private ProcessorContext<String, LifecycleOutput> context;
  private KeyValueStore<String, TaskState> tasks;
  private DueIndex index;
  private OwnershipTable ownership;
  private Cancellable punctuation;
  /** This processor's share of the open-task gauge, handed back when its partition moves away. */
  private final Map<KeyValue<String, Priority>, Long> openHere = new HashMap<>();

  public TaskLifecycleProcessor(LifecycleSettings settings, FeedbackMetrics metrics) {
    this.settings = settings;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, LifecycleOutput> context) {
    this.context = context;
    this.tasks = context.getStateStore(settings.taskStore());
    this.index = new DueIndex(context.getStateStore(settings.dueIndexStore()));
    this.ownership = OwnershipTable.overStore(context.getStateStore(settings.ownershipStore()), settings.fallbackDepartment());
    // The index is rebuilt from the restored tasks; the gauge is per instance: count what this
    // partition holds once, then track changes.
    index.clear();
    try (KeyValueIterator<String, TaskState> all = tasks.all()) {
      all.forEachRemaining(kv -> {
        if (isOpen(kv.value)) {
          open(kv.value.getTask(), 1);
        }
        if (kv.value.getNextCheckAt() != null) {
          index.add(kv.value.getNextCheckAt(), kv.key, isOpen(kv.value) ? DueIndex.CHECK : DueIndex.PURGE);
        }
      });
    }
    this.punctuation = context.schedule(settings.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::checkDue);
  }

  @Override
  public void close() {
    if (punctuation != null) {
      punctuation.cancel();
    }
    openHere.forEach((k, n) -> metrics.openTasks(k.key, k.value, -n));
    openHere.clear();
  }

  @Override
  public void process(Record<String, LifecycleInput> record) {
    if (record.value() instanceof LifecycleInput.Created created) {
      created(created.task());
    } else if (record.value() instanceof LifecycleInput.Event event) {
      event(record.key(), event.event());
    }
  }

  private void created(Task task) {
    if (tasks.get(task.getTaskId()) != null) {
      return; // A replayed creation: task ids are deterministic, so this is the same task.
    }
    TaskState state = TaskState.newBuilder()
        .setTask(task)
        .setStatus(TaskStatus.OPEN)
        .setHistory(new ArrayList<>(List.of(entry("CREATED", task.getCreatedAt(), null,
            task.getReassignedFrom() == null ? null : "reassigned from " + task.getReassignedFrom()))))
        .setFired(new ArrayList<>())
        .setRecentEventIds(new ArrayList<>())
        .build();
    schedule(state, nextCheck(state));
    tasks.put(task.getTaskId(), state);
    open(task, 1);
  }

  private void event(String key, TaskEvent event) {
    if (event == null) {
      throw new RejectedRecordException(RejectReason.MISSING_FIELD, "null task event");
    }
    String taskId = event.getTaskId() == null || event.getTaskId().isBlank() ? key : event.getTaskId();
    TaskState state = taskId == null ? null : tasks.get(taskId);
    if (state == null) {
      throw new RejectedRecordException(RejectReason.UNKNOWN_TASK, "no task with id " + taskId);
    }
    if (event.getEventId() != null && state.getRecentEventIds().contains(event.getEventId())) {
      return; // A retried write of an event already applied.
    }
    Task task = state.getTask();
    if (event.getOccurredAt().isBefore(task.getCreatedAt())) {
      throw new RejectedRecordException(RejectReason.STALE_EVENT, "event at " + event.getOccurredAt()
          + " is older than the task, created at " + task.getCreatedAt());
    }
    TaskTransitions.refusal(state.getStatus(), event.getType()).ifPresent(why -> {
      throw invalid(event, state, why);
    });
    Instant at = event.getOccurredAt();
    switch (event.getType()) {
      case ACKNOWLEDGED -> {
        if (state.getAcknowledgedAt() == null) {
          state.setAcknowledgedAt(at);
          metrics.taskAcknowledged(task.getDepartment(), task.getPriority(),
              Duration.between(task.getCreatedAt(), at));
        }
        state.setStatus(TaskStatus.ACKNOWLEDGED);
      }
      case RESOLVED -> resolve(state, event);
      case REOPENED -> {
        state.setStatus(state.getAcknowledgedAt() == null ? TaskStatus.OPEN : TaskStatus.ACKNOWLEDGED);
        state.setResolvedAt(null);
        state.setReopenCount(state.getReopenCount() + 1);
        open(task, 1);
      }
      case REASSIGNED -> {
        String to = event.getReassignTo();
        if (to == null || to.isBlank() || to.equals(task.getDepartment()) || !to.matches("[a-z0-9][a-z0-9_-]*")) {
          throw invalid(event, state, "reassignTo must name another department, was '" + to + "'");
        }
        state.setStatus(TaskStatus.REASSIGNED);
        state.setClosedAt(at);
        open(task, -1);
        reassign(task, to, at);
        FeedbackLabel label = LifecycleRecords.label(task, event);
        if (label != null) {
          context.forward(new Record<>(label.getFeedbackId(), new LifecycleOutput.Label(label), at.toEpochMilli()));
        }
      }
      case COMMENTED -> {
        // History only.
      }
    }
    append(state, entry(event.getType().name(), at, event.getActor(), LifecycleRecords.note(event)));
    remember(state, event.getEventId());
    schedule(state, isOpen(state) ? nextCheck(state) : purgeAt(state));
    tasks.put(taskId, state);
  }

  private void resolve(TaskState state, TaskEvent event) {
    Task task = state.getTask();
    Instant at = event.getOccurredAt();
    state.setStatus(TaskStatus.RESOLVED);
    state.setResolvedAt(at);
    Instant acknowledged = state.getAcknowledgedAt();
    boolean ackInTime = !(acknowledged == null ? at : acknowledged).isAfter(task.getAcknowledgeDueAt());
    boolean slaMet = ackInTime && !at.isAfter(task.getResolveDueAt());
    Duration took = Duration.between(task.getCreatedAt(), at);
    metrics.taskResolved(task.getDepartment(), task.getPriority(), took, slaMet);
    metrics.resolution(task.getDepartment(), event.getResolutionCode());
    open(task, -1);
    TaskOutcome outcome = LifecycleRecords.outcome(task, acknowledged, at, slaMet, state.getReopenCount(), event);
    context.forward(new Record<>(task.getTaskId(), new LifecycleOutput.Outcome(outcome), context.currentSystemTimeMs()));
  }

  private void reassign(Task from, String to, Instant at) {
    Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
    List<String> departments = new ArrayList<>(from.getDepartments());
    if (!departments.contains(to)) {
      departments.add(to);
    }
    Task task = Task.newBuilder(from)
        .setTaskId(Ids.task(from.getTaskId(), to, context.taskId().partition(), settings.partitions()))
        .setDepartment(to)
        .setDepartments(departments)
        .setReassignedFrom(from.getDepartment())
        .setSuggestedOwner(null)
        .setCreatedAt(now)
        .setAcknowledgeDueAt(now.plus(Duration.between(from.getCreatedAt(), from.getAcknowledgeDueAt())))
        .setResolveDueAt(now.plus(Duration.between(from.getCreatedAt(), from.getResolveDueAt())))
        .build();
    metrics.taskCreated(to, task.getPriority(), task.getRole());
    created(task);
    context.forward(new Record<>(task.getTaskId(), new LifecycleOutput.Reassigned(task), at.toEpochMilli()));
  }

  /** Fires every SLA check that has come due, each once per task, then re-indexes the task. */
  private void checkDue(long now) {
    for (DueIndex.Due due : index.takeDue(now, CHECKS_PER_PUNCTUATION)) {
      TaskState state = tasks.get(due.taskId());
      if (state == null || state.getNextCheckAt() == null || state.getNextCheckAt() != due.dueMs()) {
        continue; // Superseded by a later schedule.
      }
      state.setNextCheckAt(null);
      if (DueIndex.PURGE.equals(due.kind())) {
        if (!isOpen(state)) {
          tasks.delete(due.taskId());
        }
        continue;
      }
      if (isOpen(state)) {
        fire(state, now);
      }
      schedule(state, isOpen(state) ? nextCheck(state) : purgeAt(state));
      tasks.put(due.taskId(), state);
    }
  }

  private void fire(TaskState state, long now) {
    Task task = state.getTask();
    if (state.getAcknowledgedAt() == null && !state.getFired().contains(ACKNOWLEDGE)
        && now >= task.getAcknowledgeDueAt().toEpochMilli()) {
      alert(state, AlertKind.SLA_BREACH, ACKNOWLEDGE, task.getDepartment(), null, now,
          "Task not acknowledged within its SLA (due " + task.getAcknowledgeDueAt() + ")");
    }
    if (!state.getFired().contains(RESOLVE) && now >= task.getResolveDueAt().toEpochMilli()) {
      alert(state, AlertKind.SLA_BREACH, RESOLVE, task.getDepartment(), null, now,
          "Task not resolved within its SLA (due " + task.getResolveDueAt() + ")");
    }
    for (EscalationLevel level : escalation(task)) {
      String name = Integer.toString(level.getLevel());
      if (!state.getFired().contains(name)
          && now >= task.getResolveDueAt().toEpochMilli() + level.getAfterMs()) {
        alert(state, AlertKind.ESCALATION, name, level.getDepartment(), level.getLevel(), now,
            "Escalation level " + name + ": task of " + task.getDepartment() + " unresolved "
                + Duration.ofMillis(now - task.getResolveDueAt().toEpochMilli()).toMinutes()
                + " min past its due time");
      }
    }
  }

  private void alert(TaskState state, AlertKind kind, String level, String department,
      Integer levelNumber, long now, String message) {
    Task task = state.getTask();
    state.getFired().add(level);
    metrics.slaBreach(task.getDepartment(), task.getPriority(), level);
    Alert alert = Alert.newBuilder()
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
        .setCreatedAt(Instant.ofEpochMilli(now))
        .build();
    append(state, entry(kind.name(), Instant.ofEpochMilli(now), null, level + " -> " + department));
    context.forward(new Record<>(alert.getAlertId(), new LifecycleOutput.NewAlert(alert), now));
  }

  /**
   * Escalation follows the owner's task: supporting tasks answer for their own SLA only, and an
   * observer's task has no SLA at all (see {@link #nextCheck}).
   */
  private List<EscalationLevel> escalation(Task task) {
    if (task.getRole() != Role.OWNER) {
      return List.of();
    }
    return OwnershipTable.escalationOf(ownership.resolve(task.getTopic()));
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
    for (EscalationLevel level : escalation(task)) {
      if (!state.getFired().contains(Integer.toString(level.getLevel()))) {
        next = Math.min(next, task.getResolveDueAt().toEpochMilli() + level.getAfterMs());
      }
    }
    return next == Long.MAX_VALUE ? null : next;
  }

  private Long purgeAt(TaskState state) {
    Instant done = state.getResolvedAt() != null ? state.getResolvedAt() : state.getClosedAt();
    return done == null ? null : done.toEpochMilli() + settings.resolvedRetention().toMillis();
  }

  /** Moves the task's single index entry to {@code at}; a task is indexed at most once. */
  private void schedule(TaskState state, Long at) {
    String taskId = state.getTask().getTaskId();
    if (state.getNextCheckAt() != null) {
      index.remove(state.getNextCheckAt(), taskId);
    }
    state.setNextCheckAt(at);
    if (at != null) {
      index.add(at, taskId, isOpen(state) ? DueIndex.CHECK : DueIndex.PURGE);
    }
  }

  private static RejectedRecordException invalid(TaskEvent event, TaskState state, String why) {
    return new RejectedRecordException(RejectReason.INVALID_TRANSITION,
        event.getType() + " on task " + state.getTask().getTaskId() + ": " + why);
  }

  private static boolean isOpen(TaskState state) {
    return TaskTransitions.isOpen(state.getStatus());
  }

  private void open(Task task, long delta) {
    metrics.openTasks(task.getDepartment(), task.getPriority(), delta);
    openHere.merge(KeyValue.pair(task.getDepartment(), task.getPriority()), delta, Long::sum);
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
