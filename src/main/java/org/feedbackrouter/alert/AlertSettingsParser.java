package org.feedbackrouter.alert;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.feedbackrouter.config.Durations;

/** Reads {@link AlertSettings} from the service's settings, collecting problems like ConfigLoader does. */
public final class AlertSettingsParser {
  static final String GROUP_WAIT = "feedback.alerts.group.wait";
  static final String GROUP_INTERVAL = "feedback.alerts.group.interval";
  static final String REPEAT_INTERVAL = "feedback.alerts.repeat.interval";
  static final String GROUP_CRITICAL = "feedback.alerts.group.critical";
  static final String INHIBIT_SURGE = "feedback.alerts.inhibit.surge";
  static final String SAMPLE_IDS = "feedback.alerts.sample.ids";

  private AlertSettingsParser() {}

  /** The settings' names and defaults, to merge into the loader's known settings. */
  public static Map<String, String> defaults() {
    AlertSettings d = AlertSettings.defaults();
    Map<String, String> out = new LinkedHashMap<>();
    out.put(GROUP_WAIT, Durations.format(d.groupWait()));
    out.put(GROUP_INTERVAL, Durations.format(d.groupInterval()));
    out.put(REPEAT_INTERVAL, Durations.format(d.repeatInterval()));
    out.put(GROUP_CRITICAL, Boolean.toString(d.groupCritical()));
    out.put(INHIBIT_SURGE, Boolean.toString(d.inhibitDuringSurge()));
    out.put(SAMPLE_IDS, Integer.toString(d.maxSampleIds()));
    return out;
  }

  /** Parses the given settings over the defaults; each bad value adds a line to {@code problems}. */
  public static AlertSettings parse(Map<String, String> settings, List<String> problems) {
    Map<String, String> values = new LinkedHashMap<>(defaults());
    defaults().keySet().forEach(k -> {
      if (settings.containsKey(k)) {
        values.put(k, settings.get(k));
      }
    });
    try {
      return new AlertSettings(
          get(values, GROUP_WAIT, Durations::parse, problems),
          get(values, GROUP_INTERVAL, Durations::parse, problems),
          get(values, REPEAT_INTERVAL, Durations::parse, problems),
          get(values, GROUP_CRITICAL, AlertSettingsParser::bool, problems),
          get(values, INHIBIT_SURGE, AlertSettingsParser::bool, problems),
          get(values, SAMPLE_IDS, Integer::parseInt, problems));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return AlertSettings.defaults();
    }
  }

  private static <T> T get(Map<String, String> values, String key, Function<String, T> parse, List<String> problems) {
    try {
      return parse.apply(values.get(key).strip());
    } catch (RuntimeException e) {
      problems.add("setting " + key + "='" + values.get(key) + "' is invalid: " + e.getMessage());
      return parse.apply(defaults().get(key));
    }
  }

  private static boolean bool(String v) {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("must be true or false");
    };
  }
}
