package org.feedbackrouter.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.AlertKind;
import org.feedbackrouter.avro.Priority;
import org.feedbackrouter.avro.Silence;
import org.feedbackrouter.alert.AlertTriage.Verdict;
import org.junit.jupiter.api.Test;

class AlertTriageTest {
  private static final long NOW = Instant.parse("2026-03-02T09:00:00Z").toEpochMilli();
  private final AlertTriage triage = new AlertTriage(AlertSettings.defaults());

  private static Alert critical(String topic) {
    return Alert.newBuilder().setAlertId("a1").setKind(AlertKind.CRITICAL_FEEDBACK).setDepartment("finance")
        .setTopic(topic).setPriority(Priority.P1).setFeedbackId("f1").setMessage("act now")
        .setCreatedAt(Instant.ofEpochMilli(NOW)).build();
  }

  private static Silence.Builder silence() {
    return Silence.newBuilder().setSilenceId("s1").setStartsAt(Instant.ofEpochMilli(NOW - 1000))
        .setEndsAt(Instant.ofEpochMilli(NOW + 1000)).setCreatedAt(Instant.ofEpochMilli(NOW - 1000));
  }

  @Test
  void p1CriticalFeedbackBypassesGroupingByDefaultAndOtherAlertsAreGrouped() {
    assertThat(triage.triage(critical("billing"), List.of(), false, NOW)).isEqualTo(Verdict.SEND);
    Alert breach = Alert.newBuilder(critical("billing")).setKind(AlertKind.SLA_BREACH).build();
    assertThat(triage.triage(breach, List.of(), false, NOW)).isEqualTo(Verdict.GROUP);
    AlertTriage grouped = new AlertTriage(new AlertSettings(Duration.ofSeconds(30), Duration.ofMinutes(5),
        Duration.ofHours(4), true, true, 5));
    assertThat(grouped.triage(critical("billing"), List.of(), false, NOW)).isEqualTo(Verdict.GROUP);
  }

  @Test
  void everyMatcherIsOptionalAndEachOneSetMustMatch() {
    Alert alert = critical("billing");
    assertThat(triage.triage(alert, List.of(silence().build()), false, NOW)).isEqualTo(Verdict.SILENCED);
    assertThat(triage.triage(alert, List.of(silence().setDepartment("finance").setKind(AlertKind.CRITICAL_FEEDBACK)
        .setTopic("billing").setPriority(Priority.P1).build()), false, NOW)).isEqualTo(Verdict.SILENCED);
    assertThat(triage.triage(alert, List.of(silence().setDepartment("legal").build()), false, NOW))
        .isEqualTo(Verdict.SEND);
    assertThat(triage.triage(alert, List.of(silence().setKind(AlertKind.SLA_BREACH).build()), false, NOW))
        .isEqualTo(Verdict.SEND);
    assertThat(triage.triage(alert, List.of(silence().setTopic("delivery").build()), false, NOW))
        .isEqualTo(Verdict.SEND);
    assertThat(triage.triage(alert, List.of(silence().setPriority(Priority.P2).build()), false, NOW))
        .isEqualTo(Verdict.SEND);
  }

  @Test
  void aSilenceMutesFromItsStartUntilJustBeforeItsEnd() {
    Silence s = silence().build();
    assertThat(SilenceMatch.active(s, NOW - 1001)).isFalse();
    assertThat(SilenceMatch.active(s, NOW - 1000)).isTrue();
    assertThat(SilenceMatch.active(s, NOW + 999)).isTrue();
    assertThat(SilenceMatch.active(s, NOW + 1000)).isFalse();
    assertThat(triage.triage(critical("billing"), List.of(s), false, NOW + 1000)).isEqualTo(Verdict.SEND);
  }

  @Test
  void anActiveSurgeInhibitsItsTopicsCriticalFeedbackOnly() {
    assertThat(triage.triage(critical("billing"), List.of(), true, NOW)).isEqualTo(Verdict.INHIBITED);
    Alert breach = Alert.newBuilder(critical("billing")).setKind(AlertKind.SLA_BREACH).build();
    assertThat(triage.triage(breach, List.of(), true, NOW)).isEqualTo(Verdict.GROUP);
    AlertTriage noInhibition = new AlertTriage(new AlertSettings(Duration.ofSeconds(30), Duration.ofMinutes(5),
        Duration.ofHours(4), false, false, 5));
    assertThat(noInhibition.triage(critical("billing"), List.of(), true, NOW)).isEqualTo(Verdict.SEND);
  }
}
