package org.feedbackrouter.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.feedbackrouter.avro.AlertKind;
import org.feedbackrouter.avro.EscalationLevel;
import org.feedbackrouter.avro.GovernanceModel;
import org.feedbackrouter.avro.Priority;
import org.feedbackrouter.avro.Role;
import org.feedbackrouter.avro.SlaTarget;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.avro.TaskEvent;
import org.feedbackrouter.avro.TaskEventType;
import org.feedbackrouter.avro.TaskStatus;
import org.feedbackrouter.ingest.RejectReason;
import org.feedbackrouter.ingest.RejectedRecordException;
import org.feedbackrouter.route.TopicOwnership;
import org.feedbackrouter.sla.BusinessCalendar;
import org.feedbackrouter.sla.SlaPolicy;
import org.junit.jupiter.api.Test;

/** The lifecycle core on its own: plain objects in, state and effects out. */
class TaskStateMachineTest {
  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  private static final BusinessCalendar OFFICE = BusinessCalendar.of("office", MADRID, Map.of(
      DayOfWeek.MONDAY, List.of(new BusinessCalendar.Window(540, 1080)),
      DayOfWeek.TUESDAY, List.of(new BusinessCalendar.Window(540, 1080)),
      DayOfWeek.WEDNESDAY, List.of(new BusinessCalendar.Window(540, 1080)),
      DayOfWeek.THURSDAY, List.of(new BusinessCalendar.Window(540, 1080)),
      DayOfWeek.FRIDAY, List.of(new BusinessCalendar.Window(540, 1080))), Set.of());
  private static final SlaTarget P2 = new SlaTarget(Priority.P2, Duration.ofHours(1).toMillis(),
      Duration.ofHours(4).toMillis());

  /** The ownership table as the machine sees it; a test may change the calendar while tasks are open. */
  private final AtomicReference<BusinessCalendar> calendar = new AtomicReference<>(OFFICE);
  private final TaskStateMachine machine = new TaskStateMachine(topic -> new TopicOwnership(topic, true, "finance",
      List.of(), GovernanceModel.DECENTRALISED, null, List.of(P2),
      List.of(new EscalationLevel(1, Duration.ofHours(2).toMillis(), "cx_office")), null, "cx_office",
      calendar.get()), (taskId, department) -> taskId + ">" + department, Duration.ofDays(1));

  private static Instant madrid(String local) {
    return LocalDateTime.parse(local).atZone(MADRID).toInstant();
  }

  private static Task task(Instant created, BusinessCalendar cal) {
    SlaPolicy.Deadlines due = SlaPolicy.deadlines(created, P2, cal);
    return Task.newBuilder().setTaskId("t-1").setCorrelationId("f-1").setFeedbackId("f-1").setDepartment("finance")
        .setRole(Role.OWNER).setDepartments(List.of("finance", "cx_office")).setTopic("billing")
        .setTopics(List.of("billing")).setPriority(Priority.P2).setLanguage("es").setCreatedAt(created)
        .setAcknowledgeDueAt(due.acknowledgeDue()).setResolveDueAt(due.resolveDue()).setFeedbackReceivedAt(created)
        .setRedactedText("text").build();
  }

  private static TaskEvent event(TaskEventType type, Instant at) {
    return TaskEvent.newBuilder().setTaskId("t-1").setType(type).setActor("ana").setOccurredAt(at).build();
  }

  private static <T> List<T> effects(TaskStateMachine.Step step, Class<T> kind) {
    return step.effects().stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  @Test
  void aFridayEveningTaskIsCheckedOnMondayAndBreachesOnce() {
    Task task = task(madrid("2026-11-27T17:30"), OFFICE);
    assertThat(task.getResolveDueAt()).isEqualTo(madrid("2026-11-30T12:30"));
    TaskStateMachine.Step created = machine.create(task);
    assertThat(created.open()).isTrue();
    assertThat(effects(created, LifecycleEffect.OpenChanged.class)).containsExactly(
        new LifecycleEffect.OpenChanged(task, 1));
    // Acknowledge is due after one working hour: Monday 09:30.
    assertThat(created.nextCheckAt()).isEqualTo(madrid("2026-11-30T09:30").toEpochMilli());

    TaskStateMachine.Step saturday = machine.check(created.state(), madrid("2026-11-28T12:00").toEpochMilli());
    assertThat(saturday.effects()).isEmpty();

    long monday = madrid("2026-11-30T12:30").toEpochMilli();
    TaskStateMachine.Step due = machine.check(saturday.state(), monday);
    List<LifecycleEffect.RaiseAlert> alerts = effects(due, LifecycleEffect.RaiseAlert.class);
    assertThat(alerts).extracting(LifecycleEffect.RaiseAlert::level).containsExactly("acknowledge", "resolve");
    assertThat(alerts).allSatisfy(a -> assertThat(a.alert().getKind()).isEqualTo(AlertKind.SLA_BREACH));
    // The escalation counts two working hours after the resolve due time: Monday 14:30.
    assertThat(due.nextCheckAt()).isEqualTo(madrid("2026-11-30T14:30").toEpochMilli());
    assertThat(machine.check(due.state(), monday + 1).effects()).isEmpty();

    TaskStateMachine.Step escalated = machine.check(due.state(), due.nextCheckAt());
    assertThat(effects(escalated, LifecycleEffect.RaiseAlert.class)).singleElement().satisfies(a -> {
      assertThat(a.alert().getKind()).isEqualTo(AlertKind.ESCALATION);
      assertThat(a.alert().getDepartment()).isEqualTo("cx_office");
      assertThat(a.alert().getLevel()).isEqualTo(1);
    });
    assertThat(escalated.nextCheckAt()).isNull();
    assertThat(escalated.state().getFired()).containsExactly("acknowledge", "resolve", "1");
  }

  @Test
  void resolvingRecordsWallClockAndWorkingTime() {
    Task task = task(madrid("2026-11-27T17:30"), OFFICE);
    TaskStateMachine.Step created = machine.create(task);
    TaskStateMachine.Step acked = machine.apply(created.state(), event(TaskEventType.ACKNOWLEDGED,
        madrid("2026-11-30T09:15")), madrid("2026-11-30T09:15"));
    assertThat(effects(acked, LifecycleEffect.Acknowledged.class)).singleElement()
        .satisfies(a -> assertThat(a.took()).isEqualTo(Duration.ofHours(63).plusMinutes(45)));
    TaskStateMachine.Step resolved = machine.apply(acked.state(), event(TaskEventType.RESOLVED,
        madrid("2026-11-30T11:30")), madrid("2026-11-30T11:30"));
    LifecycleEffect.Resolved r = effects(resolved, LifecycleEffect.Resolved.class).get(0);
    assertThat(r.took()).isEqualTo(Duration.ofHours(66));
    assertThat(r.businessTook()).isEqualTo(Duration.ofHours(3));
    assertThat(r.outcome().getSlaMet()).isTrue();
    assertThat(resolved.state().getStatus()).isEqualTo(TaskStatus.RESOLVED);
    assertThat(effects(resolved, LifecycleEffect.OpenChanged.class)).containsExactly(
        new LifecycleEffect.OpenChanged(task, -1));
    // Closed: the next look is the purge, a day after resolution.
    assertThat(resolved.nextCheckAt()).isEqualTo(madrid("2026-12-01T11:30").toEpochMilli());
  }

  @Test
  void aChangedCalendarKeepsDueTimesAndMovesPendingEscalations() {
    Task task = task(madrid("2026-11-27T13:00"), OFFICE);
    assertThat(task.getResolveDueAt()).isEqualTo(madrid("2026-11-27T17:00"));
    TaskStateMachine.Step due = machine.check(machine.create(task).state(), madrid("2026-11-27T17:00").toEpochMilli());
    assertThat(effects(due, LifecycleEffect.RaiseAlert.class)).hasSize(2);
    // Two office hours after Friday 17:00: one on Friday, one on Monday.
    assertThat(due.nextCheckAt()).isEqualTo(madrid("2026-11-30T10:00").toEpochMilli());

    calendar.set(BusinessCalendar.ALWAYS);
    TaskStateMachine.Step after = machine.check(due.state(), madrid("2026-11-27T17:01").toEpochMilli());
    assertThat(after.effects()).isEmpty();
    assertThat(after.state().getTask().getResolveDueAt()).isEqualTo(madrid("2026-11-27T17:00"));
    assertThat(after.nextCheckAt()).isEqualTo(madrid("2026-11-27T19:00").toEpochMilli());
  }

  @Test
  void reassignmentGivesTheNewDepartmentAFreshSlaOnTheTopicsCalendar() {
    Task task = task(madrid("2026-11-30T10:00"), OFFICE);
    TaskEvent reassign = TaskEvent.newBuilder(event(TaskEventType.REASSIGNED, madrid("2026-11-30T17:00")))
        .setReassignTo("logistics").build();
    TaskStateMachine.Step step = machine.apply(machine.create(task).state(), reassign, madrid("2026-11-30T17:00"));
    assertThat(step.state().getStatus()).isEqualTo(TaskStatus.REASSIGNED);
    Task moved = effects(step, LifecycleEffect.Reassigned.class).get(0).task();
    assertThat(moved.getTaskId()).isEqualTo("t-1>logistics");
    assertThat(moved.getReassignedFrom()).isEqualTo("finance");
    assertThat(moved.getDepartments()).containsExactly("finance", "cx_office", "logistics");
    assertThat(moved.getAcknowledgeDueAt()).isEqualTo(madrid("2026-11-30T18:00"));
    assertThat(moved.getResolveDueAt()).isEqualTo(madrid("2026-12-01T12:00"));
  }

  @Test
  void invalidStaleAndRepeatedEvents() {
    TaskStateMachine.Step created = machine.create(task(madrid("2026-11-30T10:00"), OFFICE));
    Instant at = madrid("2026-11-30T11:00");
    assertThatThrownBy(() -> machine.apply(created.state(), event(TaskEventType.REOPENED, at), at))
        .isInstanceOfSatisfying(RejectedRecordException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectReason.INVALID_TRANSITION));
    assertThatThrownBy(() -> machine.apply(created.state(), event(TaskEventType.ACKNOWLEDGED,
        madrid("2026-11-30T09:00")), at))
        .isInstanceOfSatisfying(RejectedRecordException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectReason.STALE_EVENT));

    TaskEvent comment = TaskEvent.newBuilder(event(TaskEventType.COMMENTED, at)).setEventId("e-1").build();
    TaskStateMachine.Step once = machine.apply(created.state(), comment, at);
    int history = once.state().getHistory().size();
    TaskStateMachine.Step twice = machine.apply(once.state(), comment, at);
    assertThat(twice.effects()).isEmpty();
    assertThat(twice.state().getHistory()).hasSize(history);
    assertThat(new ArrayList<>(twice.state().getRecentEventIds())).containsExactly("e-1");
  }
}
