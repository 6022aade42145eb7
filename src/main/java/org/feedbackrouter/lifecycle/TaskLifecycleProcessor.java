package org.feedbackrouter.lifecycle;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.feedbackrouter.avro.Priority;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.avro.TaskEvent;
import org.feedbackrouter.avro.TaskState;
import org.feedbackrouter.ingest.RejectReason;
import org.feedbackrouter.ingest.RejectedRecordException;
import org.feedbackrouter.metrics.FeedbackMetrics;
import org.feedbackrouter.route.Ids;
import org.feedbackrouter.route.OwnershipTable;

/**
 * Keeps every task's state and history, keyed by task id, fed by the tasks routing creates and by
 * the departments' task events. Both arrive in the same stream task, since task ids are chosen to
 * fall in their feedback's partition. A wall-clock punctuator reads the due-time index and fires
 * SLA breaches and escalation levels, each once per task.
 *
 * <p>The decisions are the {@link TaskStateMachine}'s; this adapter reads and writes the stores,
 * forwards what a step emits and counts it. Invalid events go to the dead-letter topic (the state
 * machine throws {@link RejectedRecordException}).
 *
 * <p>The due-time index has no changelog: it is derived from the task store, so it is rebuilt
 * from it whenever this processor starts, after the task store has been restored.
 */
public final class TaskLifecycleProcessor
    implements Processor<String, LifecycleInput, String, LifecycleOutput> {
  private static final int CHECKS_PER_PUNCTUATION = 10_000;

  private final LifecycleSettings settings;
  private final FeedbackMetrics metrics;
  private ProcessorContext<String, LifecycleOutput> context;
  private KeyValueStore<String, TaskState> tasks;
  private DueIndex index;
  private TaskStateMachine machine;
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
    OwnershipTable ownership = OwnershipTable.overStore(context.getStateStore(settings.ownershipStore()),
        settings.fallbackDepartment());
    int partition = context.taskId().partition();
    this.machine = new TaskStateMachine(ownership::resolve,
        (taskId, department) -> Ids.task(taskId, department, partition, settings.partitions()),
        settings.resolvedRetention());
    // The index is rebuilt from the restored tasks; the gauge is per instance: count what this
    // partition holds once, then track changes.
    index.clear();
    try (KeyValueIterator<String, TaskState> all = tasks.all()) {
      all.forEachRemaining(kv -> {
        boolean open = TaskStateMachine.isOpen(kv.value);
        if (open) {
          open(kv.value.getTask(), 1);
        }
        if (kv.value.getNextCheckAt() != null) {
          index.add(kv.value.getNextCheckAt(), kv.key, open ? DueIndex.CHECK : DueIndex.PURGE);
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
    carryOut(machine.create(task), task.getCreatedAt().toEpochMilli());
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
    carryOut(machine.apply(state, event, Instant.ofEpochMilli(context.currentSystemTimeMs())),
        event.getOccurredAt().toEpochMilli());
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
        if (!TaskStateMachine.isOpen(state)) {
          tasks.delete(due.taskId());
        }
        continue;
      }
      carryOut(machine.check(state, now), now);
    }
  }

  /**
   * Stores a step's state, moves its single index entry, forwards and counts its effects.
   *
   * @param eventMs the timestamp of forwarded labels and reassigned tasks (the event's time)
   */
  private void carryOut(TaskStateMachine.Step step, long eventMs) {
    TaskState state = step.state();
    String taskId = state.getTask().getTaskId();
    if (state.getNextCheckAt() != null) {
      index.remove(state.getNextCheckAt(), taskId);
    }
    state.setNextCheckAt(step.nextCheckAt());
    if (step.nextCheckAt() != null) {
      index.add(step.nextCheckAt(), taskId, step.open() ? DueIndex.CHECK : DueIndex.PURGE);
    }
    tasks.put(taskId, state);
    for (LifecycleEffect effect : step.effects()) {
      if (effect instanceof LifecycleEffect.OpenChanged o) {
        open(o.task(), o.delta());
      } else if (effect instanceof LifecycleEffect.Acknowledged a) {
        metrics.taskAcknowledged(a.task().getDepartment(), a.task().getPriority(), a.took());
      } else if (effect instanceof LifecycleEffect.Resolved r) {
        Task task = r.task();
        metrics.taskResolved(task.getDepartment(), task.getPriority(), r.took(), r.outcome().getSlaMet());
        metrics.taskBusinessTimeToResolve(task.getDepartment(), task.getPriority(), r.businessTook());
        metrics.resolution(task.getDepartment(), r.outcome().getResolutionCode());
        context.forward(new Record<>(task.getTaskId(), new LifecycleOutput.Outcome(r.outcome()),
            context.currentSystemTimeMs()));
      } else if (effect instanceof LifecycleEffect.RaiseAlert a) {
        metrics.slaBreach(a.task().getDepartment(), a.task().getPriority(), a.level());
        long at = a.alert().getCreatedAt().toEpochMilli();
        context.forward(new Record<>(a.alert().getAlertId(), new LifecycleOutput.NewAlert(a.alert()), at));
      } else if (effect instanceof LifecycleEffect.Reassigned r) {
        metrics.taskCreated(r.task().getDepartment(), r.task().getPriority(), r.task().getRole());
        created(r.task());
        context.forward(new Record<>(r.task().getTaskId(), new LifecycleOutput.Reassigned(r.task()), eventMs));
      } else if (effect instanceof LifecycleEffect.Label l) {
        context.forward(new Record<>(l.label().getFeedbackId(), new LifecycleOutput.Label(l.label()), eventMs));
      }
    }
  }

  private void open(Task task, long delta) {
    metrics.openTasks(task.getDepartment(), task.getPriority(), delta);
    openHere.merge(KeyValue.pair(task.getDepartment(), task.getPriority()), delta, Long::sum);
  }
}
