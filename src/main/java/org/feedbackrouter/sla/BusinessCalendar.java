package org.feedbackrouter.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The hours in which an SLA clock runs: weekly working hours in a time zone, minus holidays.
 * {@link #ALWAYS} runs around the clock (the behaviour without a calendar).
 *
 * <p>Working hours are local wall-clock times, so a window keeps its local hours across a DST
 * change; business time is measured in real (elapsed) time inside the windows. A window start
 * that falls in a DST gap moves forward by the gap's length, as {@link ZonedDateTime#of} does.
 */
public final class BusinessCalendar {
  /** 24x7: business time is wall-clock time. */
  public static final BusinessCalendar ALWAYS = new BusinessCalendar("24x7", ZoneId.of("UTC"), Map.of(), Set.of(), true);

  /** Ten years of days: no valid calendar needs more to place any SLA; guards a loop on a calendar with no hours. */
  private static final int MAX_DAYS = 3660;

  private final String name;
  private final ZoneId zone;
  private final Map<DayOfWeek, List<Window>> hours;
  private final Set<LocalDate> holidays;
  private final boolean always;

  /** A window of working time in a day, in minutes after local midnight; {@code end} may be 1440 (24:00). */
  public record Window(int startMinute, int endMinute) {
    public Window {
      if (startMinute < 0 || endMinute > 24 * 60 || startMinute >= endMinute) {
        throw new IllegalArgumentException("a window must satisfy 00:00 <= start < end <= 24:00");
      }
    }
  }

  private BusinessCalendar(String name, ZoneId zone, Map<DayOfWeek, List<Window>> hours, Set<LocalDate> holidays,
      boolean always) {
    this.name = name;
    this.zone = zone;
    this.hours = hours;
    this.holidays = holidays;
    this.always = always;
  }

  /**
   * @param hours working windows per day of week; days absent are closed
   * @throws IllegalArgumentException when no day has working hours, or windows overlap
   */
  public static BusinessCalendar of(String name, ZoneId zone, Map<DayOfWeek, List<Window>> hours,
      Set<LocalDate> holidays) {
    Map<DayOfWeek, List<Window>> sorted = new EnumMap<>(DayOfWeek.class);
    hours.forEach((day, windows) -> {
      List<Window> w = new ArrayList<>(windows);
      w.sort(Comparator.comparingInt(Window::startMinute));
      for (int i = 1; i < w.size(); i++) {
        if (w.get(i).startMinute() < w.get(i - 1).endMinute()) {
          throw new IllegalArgumentException("working hours overlap on " + day);
        }
      }
      if (!w.isEmpty()) {
        sorted.put(day, List.copyOf(w));
      }
    });
    if (sorted.isEmpty()) {
      throw new IllegalArgumentException("a calendar needs working hours on at least one day");
    }
    return new BusinessCalendar(name, zone, Map.copyOf(sorted), Set.copyOf(holidays), false);
  }

  public String name() {
    return name;
  }

  public ZoneId zone() {
    return zone;
  }

  public boolean isAlways() {
    return always;
  }

  /** The wall-clock instant at which {@code business} working time has run from {@code start}. */
  public Instant plus(Instant start, Duration business) {
    if (always || business.isZero() || business.isNegative()) {
      return start.plus(business.isNegative() ? Duration.ZERO : business);
    }
    Duration left = business;
    LocalDate day = start.atZone(zone).toLocalDate();
    for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
      for (Instant[] w : windows(day)) {
        Instant from = w[0].isAfter(start) ? w[0] : start;
        if (!from.isBefore(w[1])) {
          continue;
        }
        Duration available = Duration.between(from, w[1]);
        if (available.compareTo(left) >= 0) {
          return from.plus(left);
        }
        left = left.minus(available);
      }
    }
    throw new IllegalStateException("calendar " + name + " has no working time within " + MAX_DAYS + " days");
  }

  /** Working time between two instants; zero when {@code to} is not after {@code from}. */
  public Duration between(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    if (always) {
      return Duration.between(from, to);
    }
    Duration total = Duration.ZERO;
    LocalDate last = to.atZone(zone).toLocalDate();
    for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
      for (Instant[] w : windows(day)) {
        Instant a = w[0].isAfter(from) ? w[0] : from;
        Instant b = w[1].isBefore(to) ? w[1] : to;
        if (b.isAfter(a)) {
          total = total.plus(Duration.between(a, b));
        }
      }
    }
    return total;
  }

  /** The day's working windows as instants, none on a holiday. */
  private List<Instant[]> windows(LocalDate day) {
    List<Window> local = holidays.contains(day) ? List.of() : hours.getOrDefault(day.getDayOfWeek(), List.of());
    List<Instant[]> out = new ArrayList<>(local.size());
    for (Window w : local) {
      out.add(new Instant[] {at(day, w.startMinute()), at(day, w.endMinute())});
    }
    return out;
  }

  private Instant at(LocalDate day, int minute) {
    if (minute == 24 * 60) {
      return day.plusDays(1).atStartOfDay(zone).toInstant();
    }
    return ZonedDateTime.of(day, LocalTime.of(minute / 60, minute % 60), zone).toInstant();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BusinessCalendar c && always == c.always && name.equals(c.name) && zone.equals(c.zone)
        && hours.equals(c.hours) && holidays.equals(c.holidays);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, zone, hours, holidays, always);
  }

  @Override
  public String toString() {
    return always ? "24x7" : name + " (" + zone + ")";
  }
}
