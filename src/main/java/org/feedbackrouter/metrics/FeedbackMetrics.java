package org.feedbackrouter.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.feedbackrouter.avro.AlertKind;
import org.feedbackrouter.avro.Channel;
import org.feedbackrouter.avro.Priority;
import org.feedbackrouter.avro.Role;
import org.feedbackrouter.avro.Scores;

/**
 * The product's metrics, named as in PRODUCT.md. Meters are looked up once per label set and
 * kept, because Micrometer's own lookup builds an id per call and this runs for every record.
 * Labels are bounded: departments, priorities, channels and taxonomy topics only.
 */
public final class FeedbackMetrics {
  private final MeterRegistry registry;
  private final Map<List<Object>, Counter> counters = new ConcurrentHashMap<>();
  private final Timer routingLatency;

  public FeedbackMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.routingLatency = Timer.builder("feedback_routing_latency")
        .description("From the feedback's receipt to its tasks being emitted")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(10))
        .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void received(Channel channel) {
    counter("feedback_received", "Feedback events decoded from feedback.received",
        "channel", label(channel)).increment();
  }

  public void rejected(String reason) {
    counter("feedback_rejected", "Records sent to the dead-letter topic", "reason", reason).increment();
  }

  public void duplicate() {
    counter("feedback_duplicates", "Feedback ids seen again within the dedup window and dropped").increment();
  }

  public void classified(String topic, Priority priority) {
    counter("feedback_classified", "Feedback classified, by primary topic and priority",
        "topic", topic, "priority", priority.name()).increment();
  }

  public void unowned(String topic) {
    counter("feedback_unowned", "Feedback about a topic nobody owns, routed to the fallback owner",
        "topic", topic).increment();
  }

  public void taskCreated(String department, Priority priority, Role role) {
    counter("feedback_tasks_created", "Tasks emitted to department topics",
        "department", department, "priority", priority.name(), "role", role.name()).increment();
  }

  public void alert(String department, AlertKind kind) {
    counter("feedback_alerts", "Alerts emitted to department topics",
        "department", department, "kind", kind.name()).increment();
  }

  public void routingLatency(long millis) {
    routingLatency.record(Math.max(0, millis), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /**
   * Perception counters that PromQL turns into scores: NPS = (promoters - detractors) / responses,
   * CSAT% = satisfied / responses, average CES = sum / responses.
   */
  public void perception(String topic, Channel channel, Scores scores) {
    if (scores == null) {
      return;
    }
    String ch = label(channel);
    if (scores.getNps() != null) {
      int nps = scores.getNps();
      String band = nps <= 6 ? "detractor" : nps <= 8 ? "passive" : "promoter";
      counter("feedback_nps_responses", "NPS answers by band", "topic", topic, "channel", ch,
          "band", band).increment();
    }
    if (scores.getCsat() != null) {
      int csat = scores.getCsat();
      String result = csat >= 4 ? "satisfied" : csat <= 2 ? "unsatisfied" : "neutral";
      counter("feedback_csat_responses", "CSAT answers by result", "topic", topic, "channel", ch,
          "result", result).increment();
    }
    if (scores.getCes() != null) {
      counter("feedback_ces_responses", "CES answers", "topic", topic, "channel", ch).increment();
      counter("feedback_ces_score", "Sum of CES answers (1-7)", "topic", topic, "channel", ch)
          .increment(scores.getCes());
    }
  }

  private static String label(Channel channel) {
    return channel.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Prometheus adds {@code _total} to counter names, so names here leave it off. */
  private Counter counter(String name, String description, String... tags) {
    List<Object> key = tags.length == 0 ? List.of(name) : List.of(name, List.of(tags));
    Counter c = counters.get(key);
    if (c == null) {
      c = counters.computeIfAbsent(key,
          k -> Counter.builder(name).description(description).tags(tags).register(registry));
    }
    return c;
  }
}
