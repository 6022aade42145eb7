package org.feedbackrouter.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.KeyValueStore;
import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.AlertKind;
import org.feedbackrouter.avro.Role;
import org.feedbackrouter.avro.Scores;
import org.feedbackrouter.avro.Silence;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.avro.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert stage in the whole topology, on the driver's wall clock: grouping, silences and inhibition. */
class AlertStageTest {
  private static final String BILLING = "La factura de este mes me cobra dos veces la cuota";
  private static final String LEAK = "Someone else can see my personal data in my account, this is a data breach"
      + " and a privacy violation, I will report you to the data protection authority";

  @TempDir Path stateDir;
  private DriverFixture fx;

  @BeforeEach
  void start() {
    fx = new DriverFixture(stateDir, StreamsConfig.EXACTLY_ONCE_V2, Map.of("feedback.alerts.group.wait", "30s",
        "feedback.alerts.group.interval", "5m", "feedback.alerts.repeat.interval", "4h"));
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private List<Task> financeBillingTasks(int n) {
    for (int i = 0; i < n; i++) {
      fx.send(DriverFixture.feedback("b" + i, BILLING).build());
    }
    return fx.tasks("finance").stream().filter(t -> t.getRole() == Role.OWNER).toList();
  }

  private Duration untilAcknowledgeDue(Task task) {
    return Duration.between(task.getCreatedAt(), task.getAcknowledgeDueAt()).plusMinutes(1);
  }

  private double suppressed(String department, AlertKind kind, String reason) {
    return fx.counter("feedback_alerts_suppressed", "department", department, "kind", kind.name(), "reason", reason);
  }

  @Test
  void breachesOfOneDepartmentKindAndTopicWithinGroupWaitGoOutAsOneAlert() {
    List<Task> tasks = financeBillingTasks(3);
    assertThat(tasks).hasSize(3);
    fx.driver.advanceWallClockTime(untilAcknowledgeDue(tasks.get(0)));
    assertThat(fx.alerts("finance")).as("within group_wait").isEmpty();

    fx.driver.advanceWallClockTime(Duration.ofSeconds(30));
    assertThat(fx.alerts("finance")).singleElement().satisfies(a -> {
      assertThat(a.getKind()).isEqualTo(AlertKind.SLA_BREACH);
      assertThat(a.getTopic()).isEqualTo("billing");
      assertThat(a.getGroupCount()).isEqualTo(3L);
      assertThat(a.getSampleIds()).containsExactlyInAnyOrderElementsOf(tasks.stream().map(Task::getTaskId).toList());
      assertThat(a.getFirstTime()).isNotNull();
      assertThat(a.getLastTime()).isNotNull();
    });
    assertThat(suppressed("finance", AlertKind.SLA_BREACH, "grouped")).isEqualTo(2.0);
    assertThat(fx.counter("feedback_alerts", "department", "finance", "kind", "SLA_BREACH")).isEqualTo(1.0);
    // Nothing more goes out for the same breaches; the next ones (resolve) come in a group of their own.
    fx.driver.advanceWallClockTime(Duration.ofMinutes(5));
    assertThat(fx.alerts("finance")).isEmpty();
    fx.driver.advanceWallClockTime(Duration.between(tasks.get(0).getAcknowledgeDueAt(), tasks.get(0).getResolveDueAt()));
    fx.driver.advanceWallClockTime(Duration.ofMinutes(5));
    assertThat(fx.alerts("finance")).filteredOn(a -> a.getKind() == AlertKind.SLA_BREACH)
        .singleElement().extracting(Alert::getGroupCount).isEqualTo(3L);
  }

  @Test
  void aSilenceMutesWhatItMatchesAndTheTaskHistoryStillRecordsTheBreach() {
    Instant now = DriverFixture.START;
    fx.silences.pipeInput("s1", Silence.newBuilder().setSilenceId("s1").setDepartment("finance")
        .setKind(AlertKind.SLA_BREACH).setStartsAt(now).setEndsAt(now.plus(Duration.ofDays(30)))
        .setCreatedBy("admin").setComment("known billing backlog").setCreatedAt(now).build());
    List<Task> tasks = financeBillingTasks(2);
    fx.driver.advanceWallClockTime(untilAcknowledgeDue(tasks.get(0)));
    fx.driver.advanceWallClockTime(Duration.ofMinutes(1));

    assertThat(fx.alerts("finance")).isEmpty();
    assertThat(suppressed("finance", AlertKind.SLA_BREACH, "silenced")).isEqualTo(2.0);
    assertThat(fx.alerts("customer_service")).as("not matched: another department")
        .extracting(Alert::getKind).contains(AlertKind.SLA_BREACH);
    KeyValueStore<String, TaskState> store = fx.driver.getKeyValueStore(FeedbackTopology.TASK_STORE);
    assertThat(store.get(tasks.get(0).getTaskId()).getFired()).contains("acknowledge");

    // Expired (as DELETE writes it): the next breaches go out again.
    fx.silences.pipeInput("s1", Silence.newBuilder().setSilenceId("s1").setDepartment("finance")
        .setKind(AlertKind.SLA_BREACH).setStartsAt(now).setEndsAt(now).setCreatedAt(now).build());
    fx.driver.advanceWallClockTime(Duration.between(tasks.get(0).getAcknowledgeDueAt(), tasks.get(0).getResolveDueAt()));
    fx.driver.advanceWallClockTime(Duration.ofMinutes(1));
    assertThat(fx.alerts("finance")).extracting(Alert::getKind).contains(AlertKind.SLA_BREACH);
  }

  @Test
  void p1CriticalFeedbackGoesOutAtOnceUntilASurgeOfItsTopicInhibitsIt() {
    Instant t0 = DriverFixture.START.minus(Duration.ofMinutes(4));
    fx.send(DriverFixture.feedback("c0", LEAK).setScores(new Scores(0, null, null)).setReceivedAt(t0).build());
    List<Alert> first = fx.alerts("legal");
    assertThat(first).singleElement().satisfies(a -> {
      assertThat(a.getKind()).isEqualTo(AlertKind.CRITICAL_FEEDBACK);
      assertThat(a.getGroupCount()).as("sent alone").isNull();
    });
    String topic = first.get(0).getTopic();

    for (int i = 1; i < 40; i++) {
      fx.send(DriverFixture.feedback("c" + i, LEAK).setScores(new Scores(0, null, null))
          .setReceivedAt(t0.plusSeconds(i)).build());
    }
    // The surge detector hears of the counts within a second (criticals until then still go out);
    // the surge alert itself is grouped like any other, so it goes out after group_wait.
    fx.driver.advanceWallClockTime(Duration.ofSeconds(1));
    fx.driver.advanceWallClockTime(Duration.ofSeconds(30));
    List<Alert> legal = fx.alerts("legal");
    assertThat(legal).extracting(Alert::getKind).contains(AlertKind.SURGE);
    fx.send(DriverFixture.feedback("after", LEAK).setScores(new Scores(0, null, null))
        .setReceivedAt(t0.plusSeconds(41)).build());
    assertThat(fx.alerts("legal")).extracting(Alert::getFeedbackId).doesNotContain("after");
    assertThat(suppressed("legal", AlertKind.CRITICAL_FEEDBACK, "inhibited")).isGreaterThanOrEqualTo(1.0);
    assertThat(legal).filteredOn(a -> a.getKind() == AlertKind.SURGE).singleElement()
        .extracting(Alert::getTopic).isEqualTo(topic);

    // Once the surge ends, critical feedback of the topic goes out again.
    fx.driver.advanceWallClockTime(Duration.ofMinutes(30));
    fx.driver.advanceWallClockTime(Duration.ofSeconds(30));
    assertThat(fx.alerts("legal")).extracting(Alert::getKind).contains(AlertKind.SURGE_ENDED);
    fx.send(DriverFixture.feedback("later", LEAK).setScores(new Scores(0, null, null))
        .setReceivedAt(DriverFixture.START.plus(Duration.ofMinutes(30))).build());
    assertThat(fx.alerts("legal")).extracting(Alert::getFeedbackId).contains("later");
  }
}
