package org.feedbackrouter.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Parses each setting, turning a bad value into one problem line; the default stands in for it
 * so that every problem is collected before the load fails. The static checks are the value
 * rules shared by the settings.
 */
record SettingParser(Map<String, String> values, Map<String, String> defaults, List<String> problems) {

  <T> T get(String key, Function<String, T> parse) {
    String value = values.get(key);
    try {
      return parse.apply(value);
    } catch (RuntimeException e) {
      problems.add("setting " + key + "='" + value + "' is invalid: " + e.getMessage());
      return parse.apply(defaults.get(key));
    }
  }

  static int port(int p) {
    if (p < 0 || p > 65535) throw new IllegalArgumentException("must be a port, 0-65535");
    return p;
  }

  static int positive(int n) {
    if (n <= 0) throw new IllegalArgumentException("must be positive");
    return n;
  }

  static Duration positive(Duration d) {
    if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("must be positive");
    return d;
  }

  static boolean bool(String v) {
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("must be true or false");
    };
  }

  static String departmentName(String v) {
    if (!v.matches("[a-z0-9][a-z0-9_.-]*")) {
      throw new IllegalArgumentException("department names are lower case letters, digits, _ . -");
    }
    return v;
  }

  static double unit(double d) {
    if (!(d >= 0 && d <= 1)) throw new IllegalArgumentException("must be in [0, 1]");
    return d;
  }
}
