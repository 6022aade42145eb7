package org.feedbackrouter.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code /metrics} body. One name in the product contract, {@code feedback_tasks_created_total},
 * ends in {@code _created}, which OpenMetrics reserves and the Prometheus Java client 1.x strips
 * from every metric name. The meter is therefore registered as {@code feedback_tasks} (exposed as
 * {@code feedback_tasks_total}) and renamed here, in the HELP, TYPE and sample lines only.
 */
public final class PrometheusText {
  static final String REGISTERED = "feedback_tasks_total";
  static final String CONTRACT = "feedback_tasks_created_total";
  private static final Pattern LINE = Pattern.compile(
      "^(# (?:HELP|TYPE) )?" + REGISTERED + "(?=[ {])", Pattern.MULTILINE);

  private PrometheusText() {}

  public static String scrape(PrometheusMeterRegistry registry) {
    Matcher m = LINE.matcher(registry.scrape());
    return m.replaceAll(r -> Matcher.quoteReplacement((r.group(1) == null ? "" : r.group(1)) + CONTRACT));
  }
}
