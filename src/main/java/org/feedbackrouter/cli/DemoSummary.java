package org.feedbackrouter.cli;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the demo prints while it runs: a header once, then one short line of totals every few
 * seconds; at shutdown, the totals per department.
 */
final class DemoSummary {
  private static final String[] COLUMNS = {"tasks", "open", "resolved", "breaches", "alerts", "grouped", "muted"};
  private static final String[] METERS = {"feedback_tasks", "feedback_tasks_open", "feedback_task_resolution",
      "feedback_sla_breaches", "feedback_alerts", "feedback_alerts_suppressed", "feedback_alerts_suppressed"};
  /** The suppression reasons each column counts; null: every meter of the name. */
  private static final List<List<String>> REASONS = java.util.Arrays.asList(null, null, null, null, null,
      List.of("grouped"), List.of("silenced", "inhibited"));

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private DemoSummary() {}

  static String header() {
    return String.format("%-8s %8s %8s %6s %5s %8s %8s %6s %7s %5s", "time", "received", "rejected", COLUMNS[0],
        COLUMNS[1], COLUMNS[2], COLUMNS[3], COLUMNS[4], COLUMNS[5], COLUMNS[6]);
  }

  /** One line of totals under {@link #header()}. */
  static String line(MeterRegistry meters, LocalTime at) {
    double[] t = new double[COLUMNS.length];
    perDepartment(meters).values().forEach(v -> {
      for (int i = 0; i < t.length; i++) {
        t[i] += v[i];
      }
    });
    return String.format("%-8s %8.0f %8.0f %6.0f %5.0f %8.0f %8.0f %6.0f %7.0f %5.0f", TIME.format(at),
        sum(meters, "feedback_received"), sum(meters, "feedback_rejected"), t[0], t[1], t[2], t[3], t[4], t[5], t[6]);
  }

  /** The final summary: totals, then one row per department. */
  static List<String> atShutdown(MeterRegistry meters, Duration ran) {
    List<String> out = new ArrayList<>();
    out.add(String.format("Stopped after %dm %02ds: %.0f feedback received, %.0f rejected (see tail --dlq).",
        ran.toMinutes(), ran.toSecondsPart(), sum(meters, "feedback_received"), sum(meters, "feedback_rejected")));
    out.add(String.format("%-24s %7s %6s %9s %9s %7s %8s %6s", "department", COLUMNS[0], COLUMNS[1], COLUMNS[2],
        COLUMNS[3], COLUMNS[4], COLUMNS[5], COLUMNS[6]));
    perDepartment(meters).forEach((d, v) -> out.add(String.format("%-24s %7.0f %6.0f %9.0f %9.0f %7.0f %8.0f %6.0f",
        d, v[0], v[1], v[2], v[3], v[4], v[5], v[6])));
    return out;
  }

  private static Map<String, double[]> perDepartment(MeterRegistry meters) {
    Map<String, double[]> out = new TreeMap<>();
    for (int slot = 0; slot < METERS.length; slot++) {
      for (Meter m : meters.find(METERS[slot]).meters()) {
        String d = m.getId().getTag("department");
        if (d != null && (REASONS.get(slot) == null || REASONS.get(slot).contains(m.getId().getTag("reason")))) {
          out.computeIfAbsent(d, k -> new double[COLUMNS.length])[slot] += value(m);
        }
      }
    }
    return out;
  }

  private static double sum(MeterRegistry meters, String name) {
    return meters.find(name).meters().stream().mapToDouble(DemoSummary::value).sum();
  }

  private static double value(Meter m) {
    if (m instanceof Counter c) {
      return c.count();
    }
    if (m instanceof Timer t) {
      return t.count();
    }
    if (m instanceof Gauge g) {
      return g.value();
    }
    return 0;
  }
}
