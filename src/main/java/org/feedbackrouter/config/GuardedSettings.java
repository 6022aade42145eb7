package org.feedbackrouter.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kafka Streams settings the service's guarantees rest on. Exactly-once keeps tasks, alerts, dead
 * letters and offsets in one transaction; the application id names the state, the internal topics
 * and the task ids' consumer group; the handlers and the dead-letter topic are what files a bad
 * record instead of stopping. A stray {@code KAFKA_PROCESSING_GUARANTEE} in a deployment must not
 * weaken them silently, so these keys are refused as {@code kafka.*} settings: each has its own
 * {@code feedback.*} setting, or none.
 */
public final class GuardedSettings {
  public static final String EXACTLY_ONCE = "exactly_once_v2";
  public static final String AT_LEAST_ONCE = "at_least_once";

  /** Refused Kafka key, and what to do instead. */
  private static final Map<String, String> REFUSED = refusedKeys();

  private GuardedSettings() {}

  private static Map<String, String> refusedKeys() {
    Map<String, String> m = new TreeMap<>();
    m.put("processing.guarantee", "the service runs exactly_once_v2; to weaken it deliberately set"
        + " feedback.processing.guarantee=at_least_once");
    m.put("application.id", "set feedback.application.id instead");
    String handlers = "the dead-letter topic depends on the service's own handler; it cannot be replaced";
    m.put("deserialization.exception.handler", handlers);
    m.put("default.deserialization.exception.handler", handlers);
    m.put("processing.exception.handler", handlers);
    m.put("errors.dead.letter.queue.topic.name", "the dead-letter topic is <prefix>feedback.dlq; set"
        + " feedback.topic.prefix to move it");
    return Map.copyOf(m);
  }

  /** One problem line per refused key among the given Kafka keys (without the {@code kafka.} prefix). */
  public static List<String> refused(Collection<String> kafkaKeys) {
    List<String> problems = new ArrayList<>();
    kafkaKeys.stream().sorted().filter(REFUSED::containsKey).forEach(key -> problems.add(
        "setting kafka." + key + " (" + envName(key) + ") is refused: " + REFUSED.get(key)));
    return problems;
  }

  static String guarantee(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (!v.equals(EXACTLY_ONCE) && !v.equals(AT_LEAST_ONCE)) {
      throw new IllegalArgumentException("must be " + EXACTLY_ONCE + " or " + AT_LEAST_ONCE);
    }
    return v;
  }

  private static String envName(String key) {
    return "KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
  }
}
