package org.feedbackrouter.route;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.feedbackrouter.avro.EscalationLevel;
import org.feedbackrouter.avro.Priority;
import org.feedbackrouter.avro.SlaTarget;
import org.feedbackrouter.avro.SurgePolicy;
import org.feedbackrouter.config.Durations;

/**
 * The targets an ownership entry sets: {@code sla} per priority, {@code escalation} levels and
 * {@code surge} thresholds. Problems are added to {@code errors} with their paths in the file.
 */
final class OwnershipTargets {
  private OwnershipTargets() {}

  static List<SlaTarget> sla(JsonNode node, String path, List<String> errors) {
    List<SlaTarget> out = new ArrayList<>();
    if (node.isMissingNode()) {
      return out;
    }
    if (!node.isObject()) {
      errors.add(path + ": must map priorities P1-P4 to {acknowledge, resolve}");
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String p = path + "." + e.getKey();
      Priority priority;
      try {
        priority = Priority.valueOf(e.getKey().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException ex) {
        errors.add(p + ": priorities are P1, P2, P3, P4");
        continue;
      }
      OwnershipFile.allowOnly(e.getValue(), p, errors, "acknowledge", "resolve");
      Duration ack = duration(e.getValue(), "acknowledge", p, errors);
      Duration resolve = duration(e.getValue(), "resolve", p, errors);
      if (ack != null && resolve != null) {
        if (ack.compareTo(resolve) > 0) {
          errors.add(p + ": acknowledge (" + Durations.format(ack) + ") must not exceed resolve ("
              + Durations.format(resolve) + ")");
        }
        out.add(new SlaTarget(priority, ack.toMillis(), resolve.toMillis()));
      }
    }
    return out;
  }

  static List<EscalationLevel> escalation(JsonNode node, String path, List<String> errors) {
    List<EscalationLevel> out = new ArrayList<>();
    if (node.isMissingNode()) {
      return out;
    }
    if (!node.isArray()) {
      errors.add(path + ": must be a list of {after, department}");
      return out;
    }
    long previous = -1;
    for (int i = 0; i < node.size(); i++) {
      String p = path + "[" + i + "]";
      JsonNode level = node.get(i);
      OwnershipFile.allowOnly(level, p, errors, "after", "department");
      Duration after = duration(level, "after", p, errors);
      String department = OwnershipFile.text(level, "department");
      if (department == null) {
        errors.add(p + ".department: required");
        continue;
      }
      OwnershipFile.department(department, p + ".department", errors);
      if (after != null) {
        if (after.toMillis() <= previous) {
          errors.add(p + ".after: levels must come in increasing order of 'after'");
        }
        previous = after.toMillis();
        out.add(new EscalationLevel(i + 1, after.toMillis(), department));
      }
    }
    return out;
  }

  static SurgePolicy surge(JsonNode node, String path, List<String> errors) {
    if (node.isMissingNode()) {
      return null;
    }
    OwnershipFile.allowOnly(node, path, errors, "minCount", "baselineMultiplier");
    JsonNode min = node.path("minCount");
    JsonNode mult = node.path("baselineMultiplier");
    if (!min.canConvertToInt() || min.asInt() < 1) {
      errors.add(path + ".minCount: must be a whole number, at least 1");
      return null;
    }
    if (!mult.isNumber() || mult.asDouble() < 1.0) {
      errors.add(path + ".baselineMultiplier: must be a number, at least 1");
      return null;
    }
    return new SurgePolicy(min.asInt(), mult.asDouble());
  }

  private static Duration duration(JsonNode node, String field, String path, List<String> errors) {
    String value = OwnershipFile.text(node, field);
    if (value == null) {
      errors.add(path + "." + field + ": required");
      return null;
    }
    try {
      Duration d = Durations.parse(value);
      if (d.isZero() || d.isNegative()) {
        errors.add(path + "." + field + ": must be positive");
        return null;
      }
      return d;
    } catch (IllegalArgumentException e) {
      errors.add(path + "." + field + ": " + e.getMessage());
      return null;
    }
  }
}
