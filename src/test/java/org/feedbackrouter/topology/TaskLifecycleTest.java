package org.feedbackrouter.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.AlertKind;
import org.feedbackrouter.avro.Role;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.avro.TaskEvent;
import org.feedbackrouter.avro.TaskEventType;
import org.feedbackrouter.avro.TaskOutcome;
import org.feedbackrouter.avro.TaskState;
import org.feedbackrouter.avro.TaskStatus;
import org.feedbackrouter.ingest.DeadLetterHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskLifecycleTest {
  private static final String PRICING = "Your prices went up again, the new price of the monthly plan is far"
      + " too expensive compared to other companies";

  @TempDir Path stateDir;
  private DriverFixture fx;

  @BeforeEach
  void start() {
    fx = new DriverFixture(stateDir, StreamsConfig.EXACTLY_ONCE_V2, Map.of("feedback.resolved.retention", "1d"));
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private Task ownerTask(String department, String id, String text) {
    fx.send(DriverFixture.feedback(id, text).build());
    return fx.tasks(department).stream().filter(t -> t.getRole() == Role.OWNER).findFirst().orElseThrow();
  }

  private void event(Task task, TaskEventType type, Instant at, String reassignTo) {
    TaskEvent e = TaskEvent.newBuilder().setTaskId(task.getTaskId()).setType(type).setActor("agent-7")
        .setOccurredAt(at).setNote("note " + type).setReassignTo(reassignTo).build();
    fx.taskEvents.pipeInput(new TestRecord<>(task.getTaskId(), e, at));
  }

  private TaskState state(String taskId) {
    KeyValueStore<String, TaskState> store = fx.driver.getKeyValueStore(FeedbackTopology.TASK_STORE);
    return store.get(taskId);
  }

  private double open(String department) {
    return fx.meters.find("feedback_tasks_open").tag("department", department).gauges().stream()
        .mapToDouble(g -> g.value()).sum();
  }

  @Test
  void acknowledgeThenResolveEmitsAnOutcomeWithWallTimes() {
    Task task = ownerTask("product", "f1", DriverFixture.DEFECTIVE_PRODUCT);
    Instant created = task.getCreatedAt();
    assertThat(state(task.getTaskId()).getStatus()).isEqualTo(TaskStatus.OPEN);
    assertThat(open("product")).isEqualTo(1.0);

    event(task, TaskEventType.ACKNOWLEDGED, created.plus(Duration.ofMinutes(10)), null);
    event(task, TaskEventType.COMMENTED, created.plus(Duration.ofMinutes(20)), null);
    event(task, TaskEventType.RESOLVED, created.plus(Duration.ofHours(3)), null);

    assertThat(fx.outcomes()).singleElement().satisfies(o -> {
      assertThat(o.getTaskId()).isEqualTo(task.getTaskId());
      assertThat(o.getAcknowledgeMs()).isEqualTo(Duration.ofMinutes(10).toMillis());
      assertThat(o.getResolveMs()).isEqualTo(Duration.ofHours(3).toMillis());
      assertThat(o.getSlaMet()).isEqualTo(!created.plus(Duration.ofHours(3)).isAfter(task.getResolveDueAt())
          && !created.plus(Duration.ofMinutes(10)).isAfter(task.getAcknowledgeDueAt()));
      assertThat(o.getReopenCount()).isZero();
    });
    TaskState done = state(task.getTaskId());
    assertThat(done.getStatus()).isEqualTo(TaskStatus.RESOLVED);
    assertThat(done.getHistory()).extracting(h -> h.getWhat())
        .containsExactly("CREATED", "ACKNOWLEDGED", "COMMENTED", "RESOLVED");
    assertThat(open("product")).isZero();
    var resolution = fx.meters.find("feedback_task_resolution").tag("department", "product").timer();
    assertThat(resolution.count()).isEqualTo(1);
    assertThat(resolution.totalTime(java.util.concurrent.TimeUnit.HOURS)).isEqualTo(3.0);
    assertThat(fx.meters.find("feedback_task_acknowledge").tag("department", "product").timer().count()).isEqualTo(1);
  }

  @Test
  void reopenCountsAndAResolvedTaskLeavesTheStoreAfterRetention() {
    Task task = ownerTask("product", "f1", DriverFixture.DEFECTIVE_PRODUCT);
    Instant t = task.getCreatedAt();
    event(task, TaskEventType.RESOLVED, t.plusSeconds(60), null);
    event(task, TaskEventType.REOPENED, t.plusSeconds(120), null);
    assertThat(state(task.getTaskId()).getStatus()).isEqualTo(TaskStatus.OPEN);
    assertThat(open("product")).isEqualTo(1.0);
    event(task, TaskEventType.RESOLVED, t.plusSeconds(180), null);
    assertThat(fx.outcomes()).extracting(TaskOutcome::getReopenCount).containsExactly(0, 1);

    fx.driver.advanceWallClockTime(Duration.ofDays(2));
    assertThat(state(task.getTaskId())).isNull();
  }

  @Test
  void invalidEventsGoToTheDeadLetterTopicWithTheirReason() {
    Task task = ownerTask("product", "f1", DriverFixture.DEFECTIVE_PRODUCT);
    Instant t = task.getCreatedAt();
    Task unknown = Task.newBuilder(task).setTaskId("no-such-task").build();
    event(unknown, TaskEventType.ACKNOWLEDGED, t.plusSeconds(1), null);
    event(task, TaskEventType.ACKNOWLEDGED, t.minusSeconds(60), null);
    event(task, TaskEventType.REOPENED, t.plusSeconds(2), null);
    event(task, TaskEventType.RESOLVED, t.plusSeconds(3), null);
    event(task, TaskEventType.RESOLVED, t.plusSeconds(4), null);
    event(task, TaskEventType.REASSIGNED, t.plusSeconds(5), "marketing");

    assertThat(fx.deadLetters()).extracting(r -> DriverFixture.header(r.headers(), DeadLetterHandler.REASON))
        .containsExactly("unknown_task", "stale_event", "invalid_transition", "invalid_transition",
            "invalid_transition");
    assertThat(fx.outcomes()).hasSize(1);
    assertThat(fx.counter("feedback_rejected", "reason", "invalid_transition")).isEqualTo(3.0);
  }

  @Test
  void theCxOfficeDispatchesACentralisedTaskByReassigningIt() {
    Task dispatch = ownerTask("cx_office", "f1", PRICING);
    assertThat(dispatch.getSuggestedOwner()).isEqualTo("marketing");
    event(dispatch, TaskEventType.REASSIGNED, dispatch.getCreatedAt().plusSeconds(30), "marketing");

    assertThat(fx.tasks("marketing")).singleElement().satisfies(t -> {
      assertThat(t.getRole()).isEqualTo(Role.OWNER);
      assertThat(t.getReassignedFrom()).isEqualTo("cx_office");
      assertThat(t.getCorrelationId()).isEqualTo(dispatch.getCorrelationId());
      assertThat(t.getDepartments()).contains("cx_office", "marketing");
      assertThat(t.getTaskId()).isNotEqualTo(dispatch.getTaskId());
      assertThat(state(t.getTaskId()).getStatus()).isEqualTo(TaskStatus.OPEN);
      // The new task has a lifecycle of its own.
      event(t, TaskEventType.RESOLVED, dispatch.getCreatedAt().plusSeconds(90), null);
      assertThat(state(t.getTaskId()).getStatus()).isEqualTo(TaskStatus.RESOLVED);
    });
    assertThat(state(dispatch.getTaskId()).getStatus()).isEqualTo(TaskStatus.REASSIGNED);
    assertThat(open("cx_office")).isZero();
    assertThat(fx.askedDepartments).contains("marketing");
  }

  @Test
  void escalationLevelsFireOncePerTaskInOrder() {
    Task task = ownerTask("product", "f1", DriverFixture.DEFECTIVE_PRODUCT);
    Duration toAck = Duration.between(task.getCreatedAt(), task.getAcknowledgeDueAt());
    Duration toResolve = Duration.between(task.getCreatedAt(), task.getResolveDueAt());

    fx.driver.advanceWallClockTime(toAck.plusMinutes(1));
    assertThat(fx.alerts("product")).singleElement().satisfies(a -> {
      assertThat(a.getKind()).isEqualTo(AlertKind.SLA_BREACH);
      assertThat(a.getTaskId()).isEqualTo(task.getTaskId());
    });
    fx.driver.advanceWallClockTime(Duration.ofMinutes(5));
    assertThat(fx.alerts("product")).isEmpty();

    fx.driver.advanceWallClockTime(toResolve.minus(toAck));
    assertThat(fx.alerts("product")).extracting(Alert::getKind).containsExactly(AlertKind.SLA_BREACH);

    // Sample file: product_defect escalates to product after 2h, then to cx_council after 1d.
    fx.driver.advanceWallClockTime(Duration.ofHours(2));
    assertThat(fx.alerts("product")).singleElement().satisfies(a -> {
      assertThat(a.getKind()).isEqualTo(AlertKind.ESCALATION);
      assertThat(a.getLevel()).isEqualTo(1);
    });
    assertThat(fx.alerts("cx_council")).isEmpty();
    fx.driver.advanceWallClockTime(Duration.ofDays(1));
    assertThat(fx.alerts("cx_council")).singleElement().extracting(Alert::getLevel).isEqualTo(2);

    fx.driver.advanceWallClockTime(Duration.ofDays(10));
    assertThat(fx.alerts("product")).isEmpty();
    assertThat(fx.alerts("cx_council")).isEmpty();
    String p = task.getPriority().name();
    assertThat(fx.counter("feedback_sla_breaches", "department", "product", "priority", p, "level", "acknowledge")).isEqualTo(1.0);
    assertThat(fx.counter("feedback_sla_breaches", "department", "product", "priority", p, "level", "resolve")).isEqualTo(1.0);
    assertThat(fx.counter("feedback_sla_breaches", "department", "product", "priority", p, "level", "1")).isEqualTo(1.0);
    assertThat(fx.counter("feedback_sla_breaches", "department", "product", "priority", p, "level", "2")).isEqualTo(1.0);
    assertThat(state(task.getTaskId()).getFired()).containsExactly("acknowledge", "resolve", "1", "2");
  }

  @Test
  void anAcknowledgedTaskResolvedInTimeFiresNothing() {
    Task task = ownerTask("product", "f1", DriverFixture.DEFECTIVE_PRODUCT);
    event(task, TaskEventType.ACKNOWLEDGED, task.getCreatedAt().plusSeconds(60), null);
    event(task, TaskEventType.RESOLVED, task.getCreatedAt().plusSeconds(120), null);
    fx.driver.advanceWallClockTime(Duration.ofDays(30));
    assertThat(fx.alerts("product")).isEmpty();
    assertThat(fx.outcomes()).singleElement().extracting(TaskOutcome::getSlaMet).isEqualTo(true);
  }

  @Test
  void aSurgeRaisesOneAlertPerDepartmentAndEndsWhenTheTopicQuietensDown() {
    String text = "La factura de este mes me cobra dos veces la cuota";
    Instant t0 = DriverFixture.START.minus(Duration.ofMinutes(4));
    for (int i = 0; i < 19; i++) {
      fx.send(DriverFixture.feedback("s" + i, text).setReceivedAt(t0.plusSeconds(i)).build());
    }
    // Counts reach the detector in batches, once a second.
    fx.driver.advanceWallClockTime(Duration.ofSeconds(1));
    assertThat(fx.alerts("finance")).extracting(Alert::getKind).doesNotContain(AlertKind.SURGE);

    // The sample file's floor is 20 per window; the topic has no history, so its baseline is 0.
    for (int i = 19; i < 40; i++) {
      fx.send(DriverFixture.feedback("s" + i, text).setReceivedAt(t0.plusSeconds(i)).build());
    }
    assertThat(fx.alerts("finance")).extracting(Alert::getKind).doesNotContain(AlertKind.SURGE);
    fx.driver.advanceWallClockTime(Duration.ofSeconds(1));
    List<Alert> finance = fx.alerts("finance").stream().filter(a -> a.getKind() == AlertKind.SURGE).toList();
    assertThat(finance).singleElement().satisfies(a -> {
      assertThat(a.getCount()).isEqualTo(40L);
      assertThat(a.getTopic()).isEqualTo("billing");
      assertThat(a.getSamples()).hasSize(3).allSatisfy(s -> assertThat(s).isEqualTo(text));
    });
    // Billing is under the committee model: supporting departments and the committee hear too.
    assertThat(fx.alerts("customer_service")).extracting(Alert::getKind).containsOnlyOnce(AlertKind.SURGE);
    assertThat(fx.alerts("cx_council")).extracting(Alert::getKind).containsOnlyOnce(AlertKind.SURGE);

    fx.driver.advanceWallClockTime(Duration.ofMinutes(30));
    assertThat(fx.alerts("finance")).singleElement().satisfies(a -> {
      assertThat(a.getKind()).isEqualTo(AlertKind.SURGE_ENDED);
      assertThat(a.getMessage()).contains("peaked at 40");
    });
  }
}
