package org.feedbackrouter.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.AlertGroup;
import org.feedbackrouter.avro.AlertKind;
import org.feedbackrouter.avro.Priority;
import org.junit.jupiter.api.Test;

class AlertGroupingTest {
  private static final long T0 = Instant.parse("2026-03-02T09:00:00Z").toEpochMilli();
  private final AlertSettings settings = new AlertSettings(Duration.ofSeconds(30), Duration.ofMinutes(5),
      Duration.ofHours(4), false, true, 3);
  private final AlertGrouping grouping = new AlertGrouping(settings);

  static Alert breach(String taskId, long at) {
    return Alert.newBuilder().setAlertId("id-" + taskId).setKind(AlertKind.SLA_BREACH).setDepartment("finance")
        .setTopic("billing").setPriority(Priority.P2).setTaskId(taskId).setFeedbackId("f-" + taskId)
        .setMessage("Task not resolved").setCreatedAt(Instant.ofEpochMilli(at)).build();
  }

  @Test
  void aNewGroupWaitsGroupWaitThenSendsOneAlertThatCountsTheOthers() {
    AlertGroup g = grouping.add(null, breach("t1", T0), T0);
    assertThat(AlertGrouping.joinsWaiting(g)).isTrue();
    for (int i = 2; i <= 5; i++) {
      g = grouping.add(g, breach("t" + i, T0 + i * 1000), T0 + i * 1000);
    }
    assertThat(AlertGrouping.due(g, T0 + 29_999)).isFalse();
    assertThat(AlertGrouping.due(g, T0 + 30_000)).isTrue();

    Alert out = grouping.flush(g, T0 + 30_000).orElseThrow();
    assertThat(out.getGroupCount()).isEqualTo(5L);
    assertThat(out.getSampleIds()).containsExactly("t1", "t2", "t3");
    assertThat(out.getFirstTime()).isEqualTo(Instant.ofEpochMilli(T0));
    assertThat(out.getLastTime()).isEqualTo(Instant.ofEpochMilli(T0 + 5000));
    assertThat(out.getTaskId()).isNull();
    assertThat(out.getMessage()).startsWith("5 SLA_BREACH alerts on billing");
    assertThat(out.getAlertId()).isNotEqualTo("id-t1");
    assertThat(AlertGrouping.joinsWaiting(g)).isFalse();
    assertThat(grouping.flush(g, T0 + 31_000)).isEmpty();
  }

  @Test
  void theSameAlertsMakeTheSameNotificationId() {
    AlertGroup a = grouping.add(grouping.add(null, breach("t1", T0), T0), breach("t2", T0), T0);
    AlertGroup b = grouping.add(grouping.add(null, breach("t1", T0), T0), breach("t2", T0), T0);
    assertThat(grouping.flush(a, T0 + 30_000).orElseThrow().getAlertId())
        .isEqualTo(grouping.flush(b, T0 + 60_000).orElseThrow().getAlertId());
  }

  @Test
  void aSingleAlertGoesOutAsItCame() {
    Alert alert = breach("t1", T0);
    AlertGroup g = grouping.add(null, alert, T0);
    assertThat(grouping.flush(g, T0 + 30_000)).contains(alert);
  }

  @Test
  void laterAlertsGoOutAtTheGroupsNextIntervalTickAndAQuietGroupIsForgottenAfterTheRepeatInterval() {
    AlertGroup g = grouping.add(null, breach("t1", T0), T0);
    grouping.flush(g, T0 + 30_000);
    long sent = T0 + 30_000;
    assertThat(grouping.forgotten(g, sent + Duration.ofHours(1).toMillis())).isFalse();

    g = grouping.add(g, breach("t2", sent + 60_000), sent + 60_000);
    assertThat(g.getFlushAt()).isEqualTo(sent + Duration.ofMinutes(5).toMillis());
    grouping.flush(g, g.getFlushAt());
    long second = sent + Duration.ofMinutes(5).toMillis();
    // Seven minutes later, the next tick on the five-minute grid is ten minutes after the last one.
    g = grouping.add(g, breach("t3", second + 7 * 60_000), second + 7 * 60_000);
    assertThat(g.getFlushAt()).isEqualTo(second + Duration.ofMinutes(10).toMillis());
    assertThat(grouping.forgotten(g, second + Duration.ofHours(5).toMillis())).as("waiting alerts").isFalse();
    grouping.flush(g, g.getFlushAt());
    assertThat(grouping.forgotten(g, g.getLastSentAt() + Duration.ofHours(4).toMillis() - 1)).isFalse();
    assertThat(grouping.forgotten(g, g.getLastSentAt() + Duration.ofHours(4).toMillis())).isTrue();
  }

  @Test
  void groupsAreKeyedByDepartmentKindAndTopic() {
    Alert a = breach("t1", T0);
    assertThat(AlertGrouping.key(a)).isEqualTo("finance|SLA_BREACH|billing");
    assertThat(AlertGrouping.key(Alert.newBuilder(a).setTopic(null).build())).isEqualTo("finance|SLA_BREACH|");
  }
}
