package org.feedbackrouter.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.feedbackrouter.avro.TaskEventType;
import org.feedbackrouter.avro.TaskStatus;
import org.junit.jupiter.api.Test;

class TaskTransitionsTest {

  @Test
  void anOpenOrAcknowledgedTaskCanBeAcknowledgedResolvedOrReassigned() {
    for (TaskStatus status : new TaskStatus[] {TaskStatus.OPEN, TaskStatus.ACKNOWLEDGED}) {
      for (TaskEventType type : new TaskEventType[] {TaskEventType.ACKNOWLEDGED, TaskEventType.RESOLVED,
          TaskEventType.REASSIGNED, TaskEventType.COMMENTED}) {
        assertThat(TaskTransitions.refusal(status, type)).as("%s on %s", type, status).isEmpty();
      }
      assertThat(TaskTransitions.refusal(status, TaskEventType.REOPENED)).get().asString()
          .contains("only a resolved task can be reopened");
    }
  }

  @Test
  void aResolvedTaskCanOnlyBeReopenedOrCommented() {
    assertThat(TaskTransitions.refusal(TaskStatus.RESOLVED, TaskEventType.RESOLVED)).contains("the task is resolved");
    assertThat(TaskTransitions.refusal(TaskStatus.RESOLVED, TaskEventType.ACKNOWLEDGED)).contains("the task is resolved");
    assertThat(TaskTransitions.refusal(TaskStatus.RESOLVED, TaskEventType.REASSIGNED)).isPresent();
    assertThat(TaskTransitions.refusal(TaskStatus.RESOLVED, TaskEventType.REOPENED)).isEmpty();
    assertThat(TaskTransitions.refusal(TaskStatus.RESOLVED, TaskEventType.COMMENTED)).isEmpty();
  }

  @Test
  void aReassignedTaskIsClosedForGood() {
    for (TaskEventType type : new TaskEventType[] {TaskEventType.ACKNOWLEDGED, TaskEventType.RESOLVED,
        TaskEventType.REASSIGNED, TaskEventType.REOPENED}) {
      assertThat(TaskTransitions.refusal(TaskStatus.REASSIGNED, type)).as("%s", type).isPresent();
    }
  }
}
