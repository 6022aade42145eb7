package org.feedbackrouter.route;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.feedbackrouter.avro.SlaCalendar;
import org.feedbackrouter.avro.WorkingHours;
import org.feedbackrouter.sla.BusinessCalendar;

/**
 * The {@code calendars:} section of the ownership file, and the calendars it declares as they
 * travel on {@code area.ownership} ({@link SlaCalendar}) and as the SLA clock uses them
 * ({@link BusinessCalendar}).
 *
 * <pre>
 * calendars:
 *   madrid-office:
 *     zone: Europe/Madrid
 *     hours: {mon-fri: "09:00-18:00", sat: "10:00-14:00"}   # several windows: "09:00-14:00, 15:00-18:00"
 *     holidays: [2026-12-08, 2026-12-25]
 * </pre>
 */
final class OwnershipCalendars {
  private static final String NAME = "[a-z0-9][a-z0-9_-]*";
  private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
  private static final Pattern WINDOW = Pattern.compile("(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})");

  private OwnershipCalendars() {}

  /** Every calendar the section declares, by name; problems are added to {@code errors} with their paths. */
  static Map<String, SlaCalendar> read(JsonNode node, List<String> errors) {
    Map<String, SlaCalendar> out = new LinkedHashMap<>();
    if (node.isMissingNode()) {
      return out;
    }
    if (!node.isObject()) {
      errors.add("calendars: must map calendar names to {zone, hours, holidays}");
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = "calendars." + e.getKey();
      int before = errors.size();
      if (!e.getKey().matches(NAME)) {
        errors.add(path + ": calendar names are lower case letters, digits, _ and -");
      }
      SlaCalendar calendar = calendar(e.getKey(), e.getValue(), path, errors);
      if (calendar != null && errors.size() == before) {
        try {
          toBusinessCalendar(calendar);
        } catch (IllegalArgumentException ex) {
          errors.add(path + ".hours: " + ex.getMessage());
        }
      }
      // Kept even when invalid, so entries naming it are not also told it is unknown.
      out.put(e.getKey(), calendar);
    }
    return out;
  }

  /**
   * The calendar an entry names under {@code calendar:}, or null when it names none (an unknown
   * name is a problem at {@code path}).
   */
  static SlaCalendar named(JsonNode entry, String path, Map<String, SlaCalendar> calendars, List<String> errors) {
    JsonNode v = entry.get("calendar");
    if (v == null || v.isNull()) {
      return null;
    }
    SlaCalendar calendar = calendars.get(v.asText().trim());
    if (!calendars.containsKey(v.asText().trim())) {
      errors.add(path + ".calendar: unknown calendar '" + v.asText().trim() + "' (declared: "
          + (calendars.isEmpty() ? "none" : String.join(", ", calendars.keySet())) + ")");
    }
    return calendar;
  }

  /** The SLA clock's view of a calendar; null means 24x7. */
  static BusinessCalendar toBusinessCalendar(SlaCalendar calendar) {
    if (calendar == null) {
      return BusinessCalendar.ALWAYS;
    }
    Map<DayOfWeek, List<BusinessCalendar.Window>> hours = new EnumMap<>(DayOfWeek.class);
    for (WorkingHours h : calendar.getHours()) {
      hours.computeIfAbsent(DayOfWeek.of(h.getDay()), d -> new ArrayList<>())
          .add(new BusinessCalendar.Window(h.getStartMinute(), h.getEndMinute()));
    }
    Set<LocalDate> holidays = new LinkedHashSet<>();
    calendar.getHolidays().forEach(d -> holidays.add(LocalDate.parse(d)));
    return BusinessCalendar.of(calendar.getName(), ZoneId.of(calendar.getZone()), hours, holidays);
  }

  private static SlaCalendar calendar(String name, JsonNode node, String path, List<String> errors) {
    if (!node.isObject()) {
      errors.add(path + ": must be a mapping with zone, hours and holidays");
      return null;
    }
    OwnershipFile.allowOnly(node, path, errors, "zone", "hours", "holidays");
    String zone = node.path("zone").asText("").trim();
    if (zone.isEmpty()) {
      errors.add(path + ".zone: required (an IANA time zone such as Europe/Madrid)");
    } else {
      try {
        ZoneId.of(zone);
      } catch (DateTimeException ex) {
        errors.add(path + ".zone: '" + zone + "' is not a time zone (use an IANA name such as Europe/Madrid)");
      }
    }
    return new SlaCalendar(name, zone, hours(node.path("hours"), path + ".hours", errors),
        holidays(node.path("holidays"), path + ".holidays", errors));
  }

  private static List<WorkingHours> hours(JsonNode node, String path, List<String> errors) {
    List<WorkingHours> out = new ArrayList<>();
    if (!node.isObject() || node.isEmpty()) {
      errors.add(path + ": required, a mapping such as {mon-fri: \"09:00-18:00\"}");
      return out;
    }
    Set<Integer> seen = new LinkedHashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String p = path + "." + e.getKey();
      List<Integer> days = days(e.getKey());
      if (days.isEmpty()) {
        errors.add(p + ": days are mon, tue, wed, thu, fri, sat, sun, a range such as mon-fri, or a list such as"
            + " mon,wed");
        continue;
      }
      for (int day : days) {
        if (!seen.add(day)) {
          errors.add(p + ": " + DAYS.get(day - 1) + " is given hours twice");
        }
      }
      for (String window : e.getValue().asText("").split(",")) {
        Matcher m = WINDOW.matcher(window.trim());
        int start = m.matches() ? minute(m.group(1), m.group(2)) : -1;
        int end = m.matches() ? minute(m.group(3), m.group(4)) : -1;
        if (start < 0 || end < 0 || start >= end || end > 24 * 60) {
          errors.add(p + ": '" + window.trim() + "' is not a window HH:MM-HH:MM with start before end (end at most"
              + " 24:00)");
          continue;
        }
        days.forEach(d -> out.add(new WorkingHours(d, start, end)));
      }
    }
    return out;
  }

  /** ISO days (1 = Monday) named by {@code mon}, {@code mon-fri} or {@code mon,wed}; empty when not valid. */
  private static List<Integer> days(String key) {
    List<Integer> out = new ArrayList<>();
    for (String part : key.trim().toLowerCase(java.util.Locale.ROOT).split(",")) {
      String[] range = part.trim().split("-");
      int from = DAYS.indexOf(range[0].trim()) + 1;
      int to = range.length == 2 ? DAYS.indexOf(range[1].trim()) + 1 : from;
      if (from == 0 || to == 0 || to < from || range.length > 2) {
        return List.of();
      }
      for (int d = from; d <= to; d++) {
        out.add(d);
      }
    }
    return out;
  }

  private static int minute(String hours, String minutes) {
    int h = Integer.parseInt(hours);
    int m = Integer.parseInt(minutes);
    return h > 24 || m > 59 || (h == 24 && m > 0) ? -1 : h * 60 + m;
  }

  private static List<String> holidays(JsonNode node, String path, List<String> errors) {
    List<String> out = new ArrayList<>();
    if (node.isMissingNode()) {
      return out;
    }
    if (!node.isArray()) {
      errors.add(path + ": must be a list of dates yyyy-mm-dd");
      return out;
    }
    for (int i = 0; i < node.size(); i++) {
      String d = node.get(i).asText().trim();
      try {
        out.add(LocalDate.parse(d).toString());
      } catch (DateTimeParseException e) {
        errors.add(path + "[" + i + "]: '" + d + "' is not a date yyyy-mm-dd");
      }
    }
    return out;
  }
}
