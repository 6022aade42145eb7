package org.feedbackrouter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Kafka's meters as its Micrometer binder names them, through the service's Prometheus registry. */
class PrometheusMeterFilterTest {

  /** Two state stores of different kinds, and a client's connection-count gauge, as KafkaMetrics registers them. */
  private static List<String> registerKafkaLikeMeters(MeterRegistry registry) {
    List<String> failures = new ArrayList<>();
    registry.config().onMeterRegistrationFailed((id, reason) -> failures.add(id.getName() + ": " + reason));
    Tags thread = Tags.of("thread.id", "router-StreamThread-1", "task.id", "0_0", "kafka.version", "4.3.0");
    try {
      Gauge.builder("kafka.stream.state.get.latency.max", () -> 1.0)
          .tags(thread.and("rocksdb.state.id", "task-state-store")).register(registry);
      Gauge.builder("kafka.stream.state.get.latency.max", () -> 2.0)
          .tags(thread.and("rocksdb.window.state.id", "feedback-dedup-store")).register(registry);
      Gauge.builder("kafka.admin.client.connection.count", () -> 3.0)
          .tags("client.id", "admin-1", "kafka.version", "4.3.0").register(registry);
    } catch (IllegalArgumentException refused) {
      failures.add(refused.getMessage());
    }
    return failures;
  }

  @Test
  void withoutTheFilterPrometheusRefusesTheSecondStoreKind() {
    List<String> failures = registerKafkaLikeMeters(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    assertThat(failures).anySatisfy(f -> assertThat(f).contains("same set of tag keys"));
  }

  @Test
  void everyStoreKindIsExportedUnderCommonTagsAndNoGaugeEndsInCount() throws Exception {
    PrometheusMeterRegistry registry = MeterRegistries.prometheus();
    assertThat(registerKafkaLikeMeters(registry)).isEmpty();

    String text = PrometheusText.scrape(registry);
    assertThat(text).contains("store=\"task-state-store\"", "store_type=\"rocksdb-state\"",
        "store=\"feedback-dedup-store\"", "store_type=\"rocksdb-window-state\"",
        "kafka_admin_client_connection_number{", "system_cpu_number ");
    // What promtool check metrics objects to: a gauge (or counter) whose name ends in _count.
    Matcher types = Pattern.compile("(?m)^# TYPE (\\S+) (gauge|counter)$").matcher(text);
    List<String> countGauges = new ArrayList<>();
    while (types.find()) {
      if (types.group(1).endsWith("_count")) {
        countGauges.add(types.group(1));
      }
    }
    assertThat(countGauges).isEmpty();
    promtoolFindsNoCountSuffix(text);
  }

  /** Where promtool is installed (CI installs it), its own lint must not object to a _count name. */
  private static void promtoolFindsNoCountSuffix(String exposition) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
    } catch (java.io.IOException notInstalled) {
      return;
    }
    p.getOutputStream().write(exposition.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(output).doesNotContain("_count", "error while linting");
  }
}
