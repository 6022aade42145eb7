package org.feedbackrouter.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.feedbackrouter.avro.AlertKind;
import org.feedbackrouter.avro.Channel;
import org.feedbackrouter.avro.Priority;
import org.feedbackrouter.avro.ResolutionCode;
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
  private final Map<List<Object>, Timer> timers = new ConcurrentHashMap<>();
  private final Map<List<String>, AtomicLong> open = new ConcurrentHashMap<>();

  public FeedbackMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.routingLatency = Timer.builder("feedback_routing_latency")
        .description("From the feedback's receipt to its tasks being emitted")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(10))
        .register(registry);
    // Every reason shows as 0 from the start, so a healthy service's DLQ panel reads 0, not "no data".
    for (org.feedbackrouter.ingest.RejectReason reason : org.feedbackrouter.ingest.RejectReason.values()) {
      counter("feedback_rejected", "Records sent to the dead-letter topic", "reason", reason.label());
    }
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
    // Exposed as feedback_tasks_created_total: see PrometheusText.
    counter("feedback_tasks", "Tasks emitted to department topics",
        "department", department, "priority", priority.name(), "role", role.name()).increment();
  }

  public void alert(String department, AlertKind kind) {
    counter("feedback_alerts", "Alerts emitted to department topics",
        "department", department, "kind", kind.name()).increment();
  }

  /** @param reason {@code grouped}, {@code silenced} or {@code inhibited} */
  public void alertSuppressed(String department, AlertKind kind, String reason) {
    counter("feedback_alerts_suppressed", "Alerts the alert stage did not send on their own: grouped into"
        + " another, silenced or inhibited", "department", department, "kind", kind.name(), "reason", reason).increment();
  }

  public void routingLatency(long millis) {
    routingLatency.record(Math.max(0, millis), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  public void taskAcknowledged(String department, Priority priority, Duration took) {
    timer("feedback_task_acknowledge", "Time from task creation to acknowledgement", department, priority)
        .record(took.isNegative() ? Duration.ZERO : took);
  }

  public void taskResolved(String department, Priority priority, Duration took, boolean slaMet) {
    timer("feedback_task_resolution", "Time from task creation to resolution", department, priority)
        .record(took.isNegative() ? Duration.ZERO : took);
    counter("feedback_tasks_resolved", "Tasks resolved, by whether their SLA was met",
        "department", department, "priority", priority.name(), "sla_met", Boolean.toString(slaMet))
        .increment();
  }

  /** Working time from creation to resolution on the topic's SLA calendar (equal to wall-clock time on 24x7). */
  public void taskBusinessTimeToResolve(String department, Priority priority, Duration took) {
    timer("feedback_task_business_resolution", "Working time from task creation to resolution, on the SLA calendar",
        department, priority).record(took.isNegative() ? Duration.ZERO : took);
  }

  /** Resolutions by the department's resolution code; {@code none} when it gave none. */
  public void resolution(String department, ResolutionCode code) {
    counter("feedback_resolutions", "Tasks resolved, by resolution code", "department", department,
        "code", code == null ? "none" : code.name().toLowerCase(java.util.Locale.ROOT)).increment();
  }

  /** @param level {@code acknowledge}, {@code resolve}, or an escalation level number */
  public void slaBreach(String department, Priority priority, String level) {
    counter("feedback_sla_breaches", "SLA breaches and escalations fired", "department", department,
        "priority", priority.name(), "level", level).increment();
  }

  /** Adds to the open-task gauge of this instance; negative to remove. */
  public void openTasks(String department, Priority priority, long delta) {
    List<String> key = List.of(department, priority.name());
    AtomicLong value = open.get(key);
    if (value == null) {
      value = open.computeIfAbsent(key, k -> {
        AtomicLong v = new AtomicLong();
        Gauge.builder("feedback_tasks_open", v, AtomicLong::get)
            .description("Open tasks held by this instance")
            .tags("department", department, "priority", priority.name())
            .register(registry);
        return v;
      });
    }
    value.addAndGet(delta);
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

  /**
   * Buckets from one second to thirty days, so Grafana can show p50/p90 for fast and slow areas
   * alike (and for the demo, whose clock runs a day in a minute).
   */
  private Timer timer(String name, String description, String department, Priority priority) {
    List<Object> key = List.of(name, department, priority);
    Timer t = timers.get(key);
    if (t == null) {
      t = timers.computeIfAbsent(key, k -> Timer.builder(name).description(description)
          .tags("department", department, "priority", priority.name())
          .serviceLevelObjectives(TASK_BUCKETS)
          .register(registry));
    }
    return t;
  }

  private static final Duration[] TASK_BUCKETS = {
      Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(30),
      Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30),
      Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8),
      Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(3),
      Duration.ofDays(5), Duration.ofDays(7), Duration.ofDays(14), Duration.ofDays(30)};

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
