package org.feedbackrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.feedbackrouter.avro.AlertKind;
import org.feedbackrouter.avro.Channel;
import org.feedbackrouter.avro.Priority;
import org.feedbackrouter.avro.Role;
import org.feedbackrouter.metrics.FeedbackMetrics;
import org.junit.jupiter.api.Test;

class DemoSummaryTest {

  @Test
  void aShortLineOfTotalsUnderAHeaderAndATablePerDepartmentAtShutdown() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    FeedbackMetrics metrics = new FeedbackMetrics(registry);
    for (int i = 0; i < 12; i++) {
      metrics.received(Channel.WEB);
    }
    metrics.rejected("malformed");
    metrics.taskCreated("finance", Priority.P2, Role.OWNER);
    metrics.taskCreated("finance", Priority.P2, Role.OWNER);
    metrics.taskCreated("cx_office", Priority.P2, Role.OBSERVER);
    metrics.openTasks("finance", Priority.P2, 1);
    metrics.taskResolved("finance", Priority.P2, Duration.ofMinutes(3), true);
    metrics.slaBreach("finance", Priority.P2, "acknowledge");
    metrics.alert("finance", AlertKind.SLA_BREACH);
    metrics.alertSuppressed("finance", AlertKind.SLA_BREACH, "grouped");
    metrics.alertSuppressed("finance", AlertKind.SLA_BREACH, "grouped");
    metrics.alertSuppressed("finance", AlertKind.SLA_BREACH, "silenced");
    metrics.alertSuppressed("finance", AlertKind.CRITICAL_FEEDBACK, "inhibited");

    String header = DemoSummary.header();
    String line = DemoSummary.line(registry, LocalTime.of(14, 2, 0));
    assertThat(header).startsWith("time").contains("received", "rejected", "tasks", "open", "resolved", "breaches",
        "alerts", "grouped", "muted");
    assertThat(line.split("\\s+")).containsExactly("14:02:00", "12", "1", "3", "1", "1", "1", "1", "2", "2");
    assertThat(line.length()).isEqualTo(header.length()).isLessThan(80);

    List<String> last = DemoSummary.atShutdown(registry, Duration.ofSeconds(161));
    assertThat(last.get(0)).isEqualTo("Stopped after 2m 41s: 12 feedback received, 1 rejected (see tail --dlq).");
    assertThat(last.get(1).split("\\s+")).containsExactly("department", "tasks", "open", "resolved", "breaches",
        "alerts", "grouped", "muted");
    assertThat(last.subList(2, last.size())).extracting(l -> String.join(" ", l.split("\\s+")))
        .containsExactly("cx_office 1 0 0 0 0 0 0", "finance 2 1 1 1 1 2 2");
  }
}
