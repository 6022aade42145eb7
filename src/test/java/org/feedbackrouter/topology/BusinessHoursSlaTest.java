package org.feedbackrouter.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.test.TestRecord;
import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.AlertKind;
import org.feedbackrouter.avro.AreaOwnership;
import org.feedbackrouter.avro.GovernanceModel;
import org.feedbackrouter.avro.Priority;
import org.feedbackrouter.avro.Role;
import org.feedbackrouter.avro.SlaCalendar;
import org.feedbackrouter.avro.SlaTarget;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.avro.TaskEvent;
import org.feedbackrouter.avro.TaskEventType;
import org.feedbackrouter.avro.WorkingHours;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SLA clock on a Mon-Fri 09:00-18:00 Madrid calendar through the whole topology: the driver's
 * wall clock moves from a Friday evening over the weekend.
 */
class BusinessHoursSlaTest {
  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

  @TempDir Path stateDir;
  private DriverFixture fx;

  @BeforeEach
  void start() {
    fx = new DriverFixture(stateDir, StreamsConfig.EXACTLY_ONCE_V2, Map.of("feedback.sla.check.interval", "1m"));
    // Every priority: acknowledge within 1 working hour, resolve within 4, on the office calendar; no escalation.
    List<SlaTarget> sla = java.util.Arrays.stream(Priority.values())
        .map(p -> new SlaTarget(p, Duration.ofHours(1).toMillis(), Duration.ofHours(4).toMillis())).toList();
    SlaCalendar office = new SlaCalendar("madrid-office", "Europe/Madrid",
        java.util.stream.IntStream.rangeClosed(1, 5).mapToObj(d -> new WorkingHours(d, 9 * 60, 18 * 60)).toList(),
        List.of());
    fx.ownership.pipeInput("product_defect", AreaOwnership.newBuilder().setTopicId("product_defect")
        .setOwner("product").setGovernance(GovernanceModel.DECENTRALISED).setSla(sla).setCalendar(office)
        .setUpdatedAt(DriverFixture.START).build());
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private static Instant madrid(String local) {
    return LocalDateTime.parse(local).atZone(MADRID).toInstant();
  }

  /** The driver's wall clock, which the router stamps tasks with and the SLA punctuator reads. */
  private Instant now = DriverFixture.START;

  private void moveTo(Instant at) {
    fx.driver.advanceWallClockTime(Duration.between(now, at));
    now = at;
  }

  @Test
  void aFridayEveningTaskIsNotBreachedOverTheWeekendAndIsDueMondayMidday() {
    moveTo(madrid("2026-03-06T17:30")); // a Friday
    fx.send(DriverFixture.feedback("f1", DriverFixture.DEFECTIVE_PRODUCT).setReceivedAt(now).build());
    Task task = fx.tasks("product").stream().filter(t -> t.getRole() == Role.OWNER).findFirst().orElseThrow();
    assertThat(task.getCreatedAt()).isEqualTo(madrid("2026-03-06T17:30"));
    assertThat(task.getAcknowledgeDueAt()).isEqualTo(madrid("2026-03-09T09:30"));
    assertThat(task.getResolveDueAt()).isEqualTo(madrid("2026-03-09T12:30"));

    moveTo(madrid("2026-03-07T12:00")); // Saturday
    moveTo(madrid("2026-03-08T23:00")); // Sunday night
    assertThat(fx.alerts("product")).noneMatch(a -> a.getKind() == AlertKind.SLA_BREACH);

    moveTo(madrid("2026-03-09T09:31")); // Monday: acknowledge is late
    assertThat(fx.alerts("product")).extracting(Alert::getMessage)
        .singleElement().asString().contains("not acknowledged");
    moveTo(madrid("2026-03-09T12:29"));
    assertThat(fx.alerts("product")).isEmpty();
    moveTo(madrid("2026-03-09T12:31"));
    assertThat(fx.alerts("product")).extracting(Alert::getMessage)
        .singleElement().asString().contains("not resolved");
  }

  @Test
  void resolutionRecordsWorkingTimeBesideWallClockTime() {
    moveTo(madrid("2026-03-06T17:30"));
    fx.send(DriverFixture.feedback("f1", DriverFixture.DEFECTIVE_PRODUCT).setReceivedAt(now).build());
    Task task = fx.tasks("product").stream().filter(t -> t.getRole() == Role.OWNER).findFirst().orElseThrow();
    Instant resolved = madrid("2026-03-09T10:00");
    TaskEvent done = TaskEvent.newBuilder().setTaskId(task.getTaskId()).setType(TaskEventType.RESOLVED)
        .setActor("agent").setOccurredAt(resolved).build();
    fx.taskEvents.pipeInput(new TestRecord<>(task.getTaskId(), done, resolved));

    assertThat(fx.outcomes()).singleElement().satisfies(o -> {
      assertThat(o.getResolveMs()).isEqualTo(Duration.ofHours(64).plusMinutes(30).toMillis());
      assertThat(o.getSlaMet()).isFalse(); // acknowledged (with the resolution) after 09:30
    });
    var wall = fx.meters.find("feedback_task_resolution").tag("department", "product").timer();
    var business = fx.meters.find("feedback_task_business_resolution").tag("department", "product").timer();
    assertThat(wall.totalTime(TimeUnit.MINUTES)).isEqualTo(64 * 60 + 30);
    assertThat(business.totalTime(TimeUnit.MINUTES)).isEqualTo(90);
  }
}
