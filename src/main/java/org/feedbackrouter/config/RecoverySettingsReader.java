package org.feedbackrouter.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Reads {@link RecoverySettings} from the service settings ({@code feedback.registry.lookup.*}). */
public final class RecoverySettingsReader {
  static final String LOOKUP_TIMEOUT = "feedback.registry.lookup.timeout";
  static final String LOOKUP_ATTEMPTS = "feedback.registry.lookup.attempts";

  /**
   * 2 s x 2: a registry that answers at all answers a schema lookup in milliseconds, and a stream
   * thread held longer than the exactly-once transaction timeout (10 s) is fenced anyway.
   */
  static final Map<String, String> DEFAULTS = Map.of(
      LOOKUP_TIMEOUT, "2s",
      LOOKUP_ATTEMPTS, "2");

  private RecoverySettingsReader() {}

  /** Problems go to {@code problems} (one line each, naming the setting); the default stands in for a bad value. */
  static RecoverySettings read(Map<String, String> settings, List<String> problems) {
    Duration timeout;
    int attempts;
    try {
      timeout = Durations.parse(value(settings, LOOKUP_TIMEOUT));
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("must be more than 0");
      }
    } catch (IllegalArgumentException e) {
      problems.add(invalid(settings, LOOKUP_TIMEOUT, e));
      timeout = Durations.parse(DEFAULTS.get(LOOKUP_TIMEOUT));
    }
    try {
      attempts = Integer.parseInt(value(settings, LOOKUP_ATTEMPTS).trim());
      if (attempts < 1) {
        throw new IllegalArgumentException("must be 1 or more");
      }
    } catch (IllegalArgumentException e) {
      problems.add(invalid(settings, LOOKUP_ATTEMPTS, e));
      attempts = Integer.parseInt(DEFAULTS.get(LOOKUP_ATTEMPTS));
    }
    return new RecoverySettings(timeout, attempts);
  }

  private static String value(Map<String, String> settings, String key) {
    return settings.getOrDefault(key, DEFAULTS.get(key));
  }

  private static String invalid(Map<String, String> settings, String key, RuntimeException e) {
    return "setting " + key + "='" + value(settings, key) + "' is invalid: " + e.getMessage();
  }
}
