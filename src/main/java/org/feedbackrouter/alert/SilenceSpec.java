package org.feedbackrouter.alert;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.feedbackrouter.avro.AlertKind;
import org.feedbackrouter.avro.Priority;
import org.feedbackrouter.avro.Silence;

/**
 * A silence as people write it (the API's JSON, the ownership file's YAML): optional matchers,
 * ISO-8601 start and end, who and why. Checks it and builds the stored {@link Silence}.
 */
public final class SilenceSpec {
  public static final List<String> MATCHERS = List.of("department", "kind", "topic", "priority");
  static final int MAX_COMMENT = 1000;
  private static final String NAME = "[a-z0-9][a-z0-9_.-]{0,99}";

  private SilenceSpec() {}

  /**
   * @param matchers any of {@link #MATCHERS}; missing or null ones match anything
   * @param startsAt ISO-8601 instant, or null for {@code now}
   * @param endsAt ISO-8601 instant after the start
   * @throws IllegalArgumentException saying what is wrong
   */
  public static Silence build(String id, Map<String, String> matchers, String startsAt, String endsAt,
      String createdBy, String comment, Instant now) {
    for (String name : matchers.keySet()) {
      if (!MATCHERS.contains(name)) {
        throw new IllegalArgumentException("unknown matcher '" + name + "': known matchers are " + MATCHERS);
      }
    }
    String department = name(matchers.get("department"), "department");
    String topic = name(matchers.get("topic"), "topic");
    AlertKind kind = symbol(AlertKind.values(), matchers.get("kind"), "kind");
    Priority priority = symbol(Priority.values(), matchers.get("priority"), "priority");
    Instant start = startsAt == null ? now : instant(startsAt, "startsAt");
    if (endsAt == null) {
      throw new IllegalArgumentException("missing endsAt: a silence must end, e.g. \"" + now.plusSeconds(7200) + "\"");
    }
    Instant end = instant(endsAt, "endsAt");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("endsAt must be after startsAt");
    }
    if (comment != null && comment.length() > MAX_COMMENT) {
      throw new IllegalArgumentException("comment has " + comment.length() + " characters; at most " + MAX_COMMENT);
    }
    return Silence.newBuilder().setSilenceId(id).setDepartment(department).setKind(kind).setTopic(topic)
        .setPriority(priority).setStartsAt(start).setEndsAt(end)
        .setCreatedBy(createdBy == null ? "" : createdBy).setComment(comment == null ? "" : comment)
        .setCreatedAt(now).build();
  }

  /** The silence ended at {@code now}: what DELETE writes, so that the list still shows it. */
  public static Silence expired(Silence silence, Instant now) {
    Silence.Builder b = Silence.newBuilder(silence).setCreatedAt(now);
    if (silence.getEndsAt().isAfter(now)) {
      b.setEndsAt(now);
    }
    if (silence.getStartsAt().isAfter(now)) {
      b.setStartsAt(now);
    }
    return b.build();
  }

  /** {@code active}, {@code pending} (starts later) or {@code expired}. */
  public static String status(Silence silence, Instant now) {
    if (SilenceMatch.active(silence, now.toEpochMilli())) {
      return "active";
    }
    return silence.getStartsAt().isAfter(now) ? "pending" : "expired";
  }

  private static String name(String value, String field) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (!value.matches(NAME)) {
      throw new IllegalArgumentException(field + " must be lower case letters, digits, _ . -");
    }
    return value;
  }

  private static Instant instant(String value, String field) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + " '" + value + "' is not an ISO-8601 instant such as 2026-12-01T09:00:00Z");
    }
  }

  private static <E extends Enum<E>> E symbol(E[] values, String text, String field) {
    if (text == null || text.isBlank()) {
      return null;
    }
    return Arrays.stream(values).filter(v -> v.name().equalsIgnoreCase(text)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown " + field + " '" + text + "': one of "
            + Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList()));
  }
}
