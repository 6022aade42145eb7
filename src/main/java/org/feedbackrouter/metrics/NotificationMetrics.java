package org.feedbackrouter.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.feedbackrouter.notify.AttemptResult;
import org.feedbackrouter.notify.DeliveryObserver;
import org.feedbackrouter.notify.DeliveryOutcome;
import org.feedbackrouter.notify.Destination;
import org.feedbackrouter.notify.DestinationType;

/**
 * {@code feedback_notifications_total{department,channel,result}}: {@code delivered},
 * {@code retried} (a failed attempt another follows) and {@code dead_lettered}; and
 * {@code feedback_notification_latency_seconds{channel}}: from the first attempt to the success.
 */
public final class NotificationMetrics implements DeliveryObserver {
  public static final String DELIVERED = "delivered";
  public static final String RETRIED = "retried";
  public static final String DEAD_LETTERED = "dead_lettered";

  private final MeterRegistry registry;
  private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
  private final Map<DestinationType, Timer> latency = new ConcurrentHashMap<>();

  /** Registers every channel and result of the given departments at 0, so dashboards read 0, not "no data". */
  public NotificationMetrics(MeterRegistry registry, Map<String, List<Destination>> destinations) {
    this.registry = registry;
    destinations.values().forEach(list -> list.forEach(d -> {
      List.of(DELIVERED, RETRIED, DEAD_LETTERED).forEach(r -> counter(d.department(), d.type(), r));
      timer(d.type());
    }));
  }

  @Override
  public void delivered(Destination d, Duration took) {
    counter(d.department(), d.type(), DELIVERED).increment();
    timer(d.type()).record(took);
  }

  @Override
  public void retrying(Destination d, AttemptResult result) {
    counter(d.department(), d.type(), RETRIED).increment();
  }

  @Override
  public void gaveUp(DeliveryOutcome outcome) {
    Destination d = outcome.destination();
    counter(d.department(), d.type(), DEAD_LETTERED).increment();
  }

  /** A record that could not be read at all, dead-lettered before any destination saw it. */
  public void unreadable(String department) {
    counters.computeIfAbsent(List.of(department, "none", DEAD_LETTERED), k -> register(department, "none",
        DEAD_LETTERED)).increment();
  }

  private Counter counter(String department, DestinationType type, String result) {
    return counters.computeIfAbsent(List.of(department, type.label(), result),
        k -> register(department, type.label(), result));
  }

  private Counter register(String department, String channel, String result) {
    // Prometheus adds _total.
    return Counter.builder("feedback_notifications")
        .description("Task and alert deliveries to Slack, Teams and webhooks, by result")
        .tags("department", department, "channel", channel, "result", result)
        .register(registry);
  }

  private Timer timer(DestinationType type) {
    return latency.computeIfAbsent(type, t -> Timer.builder("feedback_notification_latency")
        .description("From a delivery's first attempt to its success, retries included")
        .tags("channel", t.label())
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(10))
        .maximumExpectedValue(Duration.ofMinutes(30))
        .register(registry));
  }
}
