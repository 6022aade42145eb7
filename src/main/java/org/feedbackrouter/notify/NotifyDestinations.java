package org.feedbackrouter.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Reads one department's {@code notify} list from the ownership file:
 *
 * <pre>
 *   notify:
 *     - {type: slack, url: env:FINANCE_SLACK_URL}
 *     - {type: webhook, url: "https://hooks.example.org/feedback", secret: env:FINANCE_HOOK_SECRET}
 *     - {type: teams, url: env:FINANCE_TEAMS_URL}
 * </pre>
 *
 * A value {@code env:NAME} is read from the environment now, so a missing variable is found when
 * the file is applied or the deliverer starts, not at the first task. Webhook secrets must come
 * from the environment: the file is under version control. Problems name their path and the
 * variable, never a value: Slack and Teams URLs are credentials too.
 */
public final class NotifyDestinations {
  private static final String ENV = "env:";
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private NotifyDestinations() {}

  /**
   * The ownership file's {@code departments} section: each department's {@code notify} list.
   * Departments without destinations are left out.
   *
   * @param checkName reports a department name that cannot be one, with its path
   */
  public static Map<String, List<Destination>> readDepartments(JsonNode departments, Map<String, String> env,
      List<String> errors, BiConsumer<String, String> checkName) {
    Map<String, List<Destination>> out = new LinkedHashMap<>();
    if (departments.isMissingNode()) {
      return out;
    }
    if (!departments.isObject()) {
      errors.add("departments: must map department names to their settings");
      return out;
    }
    departments.fields().forEachRemaining(e -> {
      String path = "departments." + e.getKey();
      checkName.accept(e.getKey(), path);
      if (!e.getValue().isObject()) {
        errors.add(path + ": must be a mapping");
        return;
      }
      e.getValue().fieldNames().forEachRemaining(f -> {
        if (!f.equals("notify")) {
          errors.add(path + "." + f + ": unknown key (expected one of notify)");
        }
      });
      List<Destination> destinations = read(e.getKey(), e.getValue().path("notify"), path + ".notify", env, errors);
      if (!destinations.isEmpty()) {
        out.put(e.getKey(), List.copyOf(destinations));
      }
    });
    return out;
  }

  static List<Destination> read(String department, JsonNode notify, String path,
      Map<String, String> env, List<String> errors) {
    List<Destination> out = new ArrayList<>();
    if (notify.isMissingNode() || notify.isNull()) {
      return out;
    }
    if (!notify.isArray()) {
      errors.add(path + ": must be a list of {type, url[, secret]}");
      return out;
    }
    for (int i = 0; i < notify.size(); i++) {
      String p = path + "[" + i + "]";
      JsonNode entry = notify.get(i);
      if (!entry.isObject()) {
        errors.add(p + ": must be a mapping {type, url[, secret]}");
        continue;
      }
      entry.fieldNames().forEachRemaining(f -> {
        if (!Set.of("type", "url", "secret").contains(f)) {
          errors.add(p + "." + f + ": unknown key (expected one of type, url, secret)");
        }
      });
      DestinationType type = type(entry.get("type"), p + ".type", errors);
      URI url = url(entry.get("url"), p + ".url", env, errors);
      String secret = secret(type, entry.get("secret"), p + ".secret", env, errors);
      if (type != null && url != null && (secret != null || type != DestinationType.WEBHOOK)) {
        out.add(new Destination(department, i, type, url, secret));
      }
    }
    return out;
  }

  private static DestinationType type(JsonNode node, String path, List<String> errors) {
    if (node == null || node.isNull()) {
      errors.add(path + ": required (slack, teams or webhook)");
      return null;
    }
    try {
      return DestinationType.valueOf(node.asText().trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      errors.add(path + ": '" + node.asText() + "' is not one of slack, teams, webhook");
      return null;
    }
  }

  private static URI url(JsonNode node, String path, Map<String, String> env, List<String> errors) {
    if (node == null || node.isNull()) {
      errors.add(path + ": required");
      return null;
    }
    String raw = node.asText().trim();
    String value = resolve(raw, path, env, errors);
    if (value == null) {
      return null;
    }
    String what = raw.startsWith(ENV) ? "the value of " + raw.substring(ENV.length()) : "the value";
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
        errors.add(path + ": " + what + " is not an http(s) URL with a host");
        return null;
      }
      return uri;
    } catch (URISyntaxException e) {
      errors.add(path + ": " + what + " is not a valid URL");
      return null;
    }
  }

  private static String secret(DestinationType type, JsonNode node, String path, Map<String, String> env,
      List<String> errors) {
    boolean given = node != null && !node.isNull();
    if (type != null && type != DestinationType.WEBHOOK) {
      if (given) {
        errors.add(path + ": only webhooks are signed; " + type.label() + " takes no secret");
      }
      return null;
    }
    if (!given) {
      if (type == DestinationType.WEBHOOK) {
        errors.add(path + ": required for a webhook (env:NAME; the HMAC key of X-Feedback-Signature)");
      }
      return null;
    }
    String raw = node.asText().trim();
    if (!raw.startsWith(ENV)) {
      // Not echoed: it may be the secret itself.
      errors.add(path + ": secrets come from the environment only: write env:NAME");
      return null;
    }
    return resolve(raw, path, env, errors);
  }

  /** The value itself, or the environment variable an {@code env:NAME} names; null after an error. */
  private static String resolve(String raw, String path, Map<String, String> env, List<String> errors) {
    if (!raw.startsWith(ENV)) {
      if (raw.isEmpty()) {
        errors.add(path + ": must not be empty");
        return null;
      }
      return raw;
    }
    String name = raw.substring(ENV.length()).trim();
    if (!ENV_NAME.matcher(name).matches()) {
      errors.add(path + ": '" + name + "' is not an environment variable name");
      return null;
    }
    String value = env.get(name);
    if (value == null) {
      errors.add(path + ": environment variable " + name + " is not set");
      return null;
    }
    if (value.isBlank()) {
      errors.add(path + ": environment variable " + name + " is empty");
      return null;
    }
    return value.trim();
  }
}
