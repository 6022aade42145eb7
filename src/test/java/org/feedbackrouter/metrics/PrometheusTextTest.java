package org.feedbackrouter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.feedbackrouter.avro.Priority;
import org.feedbackrouter.avro.Role;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
  @Test
  void exposesTheContractNamesIncludingTheOneEndingInCreated() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    FeedbackMetrics metrics = new FeedbackMetrics(registry);
    metrics.taskCreated("finance", Priority.P2, Role.OWNER);
    metrics.taskCreated("finance", Priority.P2, Role.OWNER);
    metrics.routingLatency(120);

    String text = PrometheusText.scrape(registry);
    assertThat(text).contains("# TYPE feedback_tasks_created_total counter",
        "# HELP feedback_tasks_created_total Tasks emitted to department topics",
        "feedback_tasks_created_total{department=\"finance\",priority=\"P2\",role=\"OWNER\"} 2.0",
        "feedback_routing_latency_seconds_count 1",
        "feedback_rejected_total{reason=\"malformed\"} 0.0");
    assertThat(text).doesNotContain("feedback_tasks_total");
  }
}
