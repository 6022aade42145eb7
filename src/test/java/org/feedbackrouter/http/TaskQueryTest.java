package org.feedbackrouter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.feedbackrouter.avro.Channel;
import org.feedbackrouter.avro.GovernanceModel;
import org.feedbackrouter.avro.Priority;
import org.feedbackrouter.avro.Role;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.avro.TaskState;
import org.feedbackrouter.avro.TaskStatus;
import org.junit.jupiter.api.Test;

class TaskQueryTest {
  private static final Instant DUE = Instant.parse("2026-11-30T12:00:00Z");

  private static TaskState state(String id, String department, TaskStatus status, Priority priority, String topic,
      Instant due) {
    Task task = Task.newBuilder().setTaskId(id).setFeedbackId("f-" + id).setCorrelationId("f-" + id)
        .setDepartment(department).setDepartments(List.of(department)).setRole(Role.OWNER).setTopic(topic)
        .setTopics(List.of(topic)).setPriority(priority).setGovernance(GovernanceModel.DECENTRALISED)
        .setChannel(Channel.WEB).setLanguage("en").setRedactedText("text").setCreatedAt(due.minusSeconds(3600))
        .setFeedbackReceivedAt(due.minusSeconds(3700))
        .setAcknowledgeDueAt(due.minusSeconds(1800)).setResolveDueAt(due).build();
    return TaskState.newBuilder().setTask(task).setStatus(status).build();
  }

  @Test
  void filtersOnDepartmentStatusPriorityAndTopic() {
    TaskQuery q = TaskQuery.parse("finance", Map.of("status", "open", "priority", "p1", "topic", "billing"));
    assertThat(q.matches(state("a", "finance", TaskStatus.ACKNOWLEDGED, Priority.P1, "billing", DUE))).isTrue();
    assertThat(q.matches(state("b", "legal", TaskStatus.OPEN, Priority.P1, "billing", DUE))).isFalse();
    assertThat(q.matches(state("c", "finance", TaskStatus.RESOLVED, Priority.P1, "billing", DUE))).isFalse();
    assertThat(q.matches(state("d", "finance", TaskStatus.OPEN, Priority.P2, "billing", DUE))).isFalse();
    assertThat(q.matches(state("e", "finance", TaskStatus.OPEN, Priority.P1, "refunds", DUE))).isFalse();
    TaskQuery reassigned = TaskQuery.parse("finance", Map.of("status", "reassigned"));
    assertThat(reassigned.matches(state("f", "finance", TaskStatus.REASSIGNED, Priority.P3, "x", DUE))).isTrue();
    assertThat(reassigned.matches(state("g", "finance", TaskStatus.OPEN, Priority.P3, "x", DUE))).isFalse();
  }

  @Test
  void aCursorResumesAfterItsTaskInDueTimeThenIdOrder() {
    PageCursor cursor = PageCursor.of(DUE, "m");
    PageCursor back = PageCursor.decode(cursor.encode());
    assertThat(back).isEqualTo(cursor);
    TaskQuery next = TaskQuery.parse("finance", Map.of("status", "all", "cursor", cursor.encode()));
    assertThat(next.matches(state("a", "finance", TaskStatus.OPEN, Priority.P3, "x", DUE))).isFalse();
    assertThat(next.matches(state("m", "finance", TaskStatus.OPEN, Priority.P3, "x", DUE))).isFalse();
    assertThat(next.matches(state("z", "finance", TaskStatus.OPEN, Priority.P3, "x", DUE))).isTrue();
    assertThat(next.matches(state("a", "finance", TaskStatus.OPEN, Priority.P3, "x", DUE.plusMillis(1)))).isTrue();
    assertThat(next.matches(state("z", "finance", TaskStatus.OPEN, Priority.P3, "x", DUE.minusMillis(1)))).isFalse();
  }

  @Test
  void dueTimesCompareAsTimesNotAsText() {
    // As text, "...:00Z" sorts after "...:00.500Z"; as times it is earlier.
    assertThat(PageCursor.of(Instant.parse("2026-11-30T12:00:00Z"), "b"))
        .isLessThan(PageCursor.of(Instant.parse("2026-11-30T12:00:00.500Z"), "a"));
  }

  @Test
  void theQueryTravelsToOtherInstancesUnchanged() {
    TaskQuery q = TaskQuery.parse("finance", Map.of("status", "all", "priority", "P2", "topic", "billing",
        "limit", "7", "cursor", PageCursor.of(DUE, "id/with?odd&chars").encode()));
    Map<String, String> again = new java.util.HashMap<>();
    for (String pair : q.toQueryString().split("&")) {
      String[] kv = pair.split("=", 2);
      again.put(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
    }
    assertThat(TaskQuery.parse("finance", again)).isEqualTo(q);
  }

  @Test
  void badParametersAreRefused() {
    assertThatThrownBy(() -> TaskQuery.parse("finance", Map.of("status", "maybe"))).hasMessageContaining("status must be");
    assertThatThrownBy(() -> TaskQuery.parse("finance", Map.of("priority", "P9"))).hasMessageContaining("priority must be");
    assertThatThrownBy(() -> TaskQuery.parse("finance", Map.of("limit", "0"))).hasMessageContaining("limit must be");
    assertThatThrownBy(() -> TaskQuery.parse("finance", Map.of("limit", "1001"))).hasMessageContaining("limit must be");
    assertThatThrownBy(() -> TaskQuery.parse("finance", Map.of("limit", "ten"))).hasMessageContaining("limit must be");
    assertThatThrownBy(() -> TaskQuery.parse("finance", Map.of("cursor", "!!"))).hasMessageContaining("cursor is not");
    assertThatThrownBy(() -> TaskQuery.parse("finance", Map.of("cursor", "bm90LWEtY3Vyc29y"))).hasMessageContaining("cursor is not");
    assertThatThrownBy(() -> TaskQuery.parse("finance", Map.of("topic", "Bill ing"))).hasMessageContaining("topic must be");
    assertThatThrownBy(() -> TaskQuery.parse("finance", Map.of("sort", "due"))).hasMessageContaining("unknown parameter 'sort'");
    assertThat(TaskQuery.parse("finance", Map.of()).limit()).isEqualTo(TaskQuery.DEFAULT_LIMIT);
  }
}
