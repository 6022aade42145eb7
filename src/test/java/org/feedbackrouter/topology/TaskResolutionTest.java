package org.feedbackrouter.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.feedbackrouter.avro.ReassignReason;
import org.feedbackrouter.avro.ResolutionCode;
import org.feedbackrouter.avro.Role;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.avro.TaskEvent;
import org.feedbackrouter.avro.TaskEventType;
import org.feedbackrouter.avro.TaskState;
import org.feedbackrouter.avro.TaskStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolution codes, topic corrections to feedback.labels, and retried events applied once. */
class TaskResolutionTest {

  @TempDir Path stateDir;
  private DriverFixture fx;

  @BeforeEach
  void start() {
    fx = new DriverFixture(stateDir, StreamsConfig.EXACTLY_ONCE_V2, Map.of());
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private Task ownerTask() {
    fx.send(DriverFixture.feedback("f1", DriverFixture.DEFECTIVE_PRODUCT).build());
    return fx.tasks("product").stream().filter(t -> t.getRole() == Role.OWNER).findFirst().orElseThrow();
  }

  private void send(TaskEvent.Builder e) {
    TaskEvent event = e.setActor("ana@product").build();
    fx.taskEvents.pipeInput(new TestRecord<>(event.getTaskId(), event, event.getOccurredAt()));
  }

  private static TaskEvent.Builder event(Task task, TaskEventType type, Instant at) {
    return TaskEvent.newBuilder().setTaskId(task.getTaskId()).setType(type).setOccurredAt(at);
  }

  private TaskState state(String taskId) {
    KeyValueStore<String, TaskState> store = fx.driver.getKeyValueStore(FeedbackTopology.TASK_STORE);
    return store.get(taskId);
  }

  @Test
  void aResolutionCodeAndRootCauseReachTheOutcomeTheHistoryAndTheCounter() {
    Task task = ownerTask();
    send(event(task, TaskEventType.RESOLVED, task.getCreatedAt().plusSeconds(60))
        .setResolutionCode(ResolutionCode.WORKAROUND).setRootCause("motor batch 7").setNote("refunded"));

    assertThat(fx.outcomes()).singleElement().satisfies(o -> {
      assertThat(o.getResolutionCode()).isEqualTo(ResolutionCode.WORKAROUND);
      assertThat(o.getRootCause()).isEqualTo("motor batch 7");
    });
    assertThat(state(task.getTaskId()).getHistory().get(1).getNote())
        .isEqualTo("code workaround; root cause: motor batch 7; refunded");
    assertThat(fx.counter("feedback_resolutions", "department", "product", "code", "workaround")).isEqualTo(1.0);
    assertThat(fx.counter("feedback_resolutions", "department", "product", "code", "none")).isZero();
  }

  @Test
  void aResolutionWithoutACodeCountsAsNone() {
    Task task = ownerTask();
    send(event(task, TaskEventType.RESOLVED, task.getCreatedAt().plusSeconds(60)));

    assertThat(fx.outcomes()).singleElement().satisfies(o -> assertThat(o.getResolutionCode()).isNull());
    assertThat(fx.counter("feedback_resolutions", "department", "product", "code", "none")).isEqualTo(1.0);
  }

  @Test
  void aReassignmentForAWrongTopicWritesALabelKeyedByTheFeedback() {
    Task task = ownerTask();
    Instant at = task.getCreatedAt().plusSeconds(30);
    send(event(task, TaskEventType.REASSIGNED, at).setReassignTo("logistics")
        .setReason(ReassignReason.WRONG_TOPIC).setCorrectTopic("delivery"));

    assertThat(fx.labels()).singleElement().satisfies(r -> {
      assertThat(r.key()).isEqualTo(task.getFeedbackId());
      assertThat(r.value().getFeedbackId()).isEqualTo(task.getFeedbackId());
      assertThat(r.value().getWrongTopic()).isEqualTo(task.getTopic());
      assertThat(r.value().getRightTopic()).isEqualTo("delivery");
      assertThat(r.value().getRedactedText()).isEqualTo(task.getRedactedText());
      assertThat(r.value().getDepartment()).isEqualTo("product");
      assertThat(r.value().getTaskId()).isEqualTo(task.getTaskId());
      assertThat(r.value().getLabelledAt()).isEqualTo(at);
    });
    assertThat(fx.tasks("logistics")).hasSize(1);
  }

  @Test
  void aReassignmentForAnotherReasonOrWithoutTheRightTopicWritesNoLabel() {
    Task task = ownerTask();
    send(event(task, TaskEventType.REASSIGNED, task.getCreatedAt().plusSeconds(30)).setReassignTo("logistics")
        .setReason(ReassignReason.WRONG_DEPARTMENT).setCorrectTopic("delivery"));
    Task moved = fx.tasks("logistics").get(0);
    send(event(moved, TaskEventType.REASSIGNED, moved.getCreatedAt().plusSeconds(30)).setReassignTo("finance")
        .setReason(ReassignReason.WRONG_TOPIC));

    assertThat(fx.labels()).isEmpty();
    assertThat(state(moved.getTaskId()).getStatus()).isEqualTo(TaskStatus.REASSIGNED);
  }

  @Test
  void anEventWrittenTwiceWithOneIdIsAppliedOnce() {
    Task task = ownerTask();
    Instant t = task.getCreatedAt();
    send(event(task, TaskEventType.COMMENTED, t.plusSeconds(10)).setEventId("e-1").setNote("first"));
    send(event(task, TaskEventType.COMMENTED, t.plusSeconds(10)).setEventId("e-1").setNote("first"));
    send(event(task, TaskEventType.RESOLVED, t.plusSeconds(20)).setEventId("e-2"));
    send(event(task, TaskEventType.RESOLVED, t.plusSeconds(20)).setEventId("e-2"));

    assertThat(state(task.getTaskId()).getHistory()).extracting(h -> h.getWhat())
        .containsExactly("CREATED", "COMMENTED", "RESOLVED");
    assertThat(state(task.getTaskId()).getRecentEventIds()).containsExactly("e-1", "e-2");
    assertThat(fx.outcomes()).hasSize(1);
    assertThat(fx.deadLetters()).as("a retry is not an invalid transition").isEmpty();
  }
}
