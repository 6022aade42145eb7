package org.feedbackrouter.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {
  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  private static final BusinessCalendar.Window NINE_TO_SIX = new BusinessCalendar.Window(9 * 60, 18 * 60);

  private static BusinessCalendar weekdays(Set<LocalDate> holidays) {
    Map<DayOfWeek, List<BusinessCalendar.Window>> hours = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
        DayOfWeek.FRIDAY)) {
      hours.put(d, List.of(NINE_TO_SIX));
    }
    return BusinessCalendar.of("madrid-office", MADRID, hours, holidays);
  }

  private static Instant madrid(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(MADRID).toInstant();
  }

  @Test
  void fridayEveningArrivalIsDueOnMondayMorning() {
    BusinessCalendar cal = weekdays(Set.of());
    // 2026-11-27 is a Friday: half an hour left that day, 3.5 h on Monday.
    assertThat(cal.plus(madrid("2026-11-27T17:30"), Duration.ofHours(4))).isEqualTo(madrid("2026-11-30T12:30"));
    // Arriving after hours, the clock starts at the next opening.
    assertThat(cal.plus(madrid("2026-11-27T21:00"), Duration.ofHours(1))).isEqualTo(madrid("2026-11-30T10:00"));
    assertThat(cal.between(madrid("2026-11-27T17:30"), madrid("2026-11-30T12:30"))).isEqualTo(Duration.ofHours(4));
    assertThat(cal.between(madrid("2026-11-28T10:00"), madrid("2026-11-29T20:00"))).isZero();
  }

  @Test
  void holidaysAreSkipped() {
    // 2026-12-08 is a Tuesday.
    BusinessCalendar cal = weekdays(Set.of(LocalDate.parse("2026-12-08")));
    assertThat(cal.plus(madrid("2026-12-07T17:00"), Duration.ofHours(2))).isEqualTo(madrid("2026-12-09T10:00"));
    assertThat(cal.between(madrid("2026-12-07T09:00"), madrid("2026-12-09T18:00"))).isEqualTo(Duration.ofHours(18));
    // Without the holiday the same SLA lands on the Tuesday.
    assertThat(weekdays(Set.of()).plus(madrid("2026-12-07T17:00"), Duration.ofHours(2)))
        .isEqualTo(madrid("2026-12-08T10:00"));
  }

  @Test
  void workingHoursKeepTheirLocalTimesAcrossDstChanges() {
    BusinessCalendar cal = weekdays(Set.of());
    // Spring forward on Sunday 2026-03-29: Friday 17:00 CET (16:00Z) + 4 h -> Monday 12:00 CEST (10:00Z).
    assertThat(cal.plus(madrid("2026-03-27T17:00"), Duration.ofHours(4))).isEqualTo(Instant.parse("2026-03-30T10:00:00Z"));
    // Fall back on Sunday 2026-10-25: Friday 17:00 CEST (15:00Z) + 4 h -> Monday 12:00 CET (11:00Z).
    assertThat(cal.plus(madrid("2026-10-23T17:00"), Duration.ofHours(4))).isEqualTo(Instant.parse("2026-10-26T11:00:00Z"));
  }

  @Test
  void businessTimeOnADstDayIsElapsedTime() {
    Map<DayOfWeek, List<BusinessCalendar.Window>> sundays = Map.of(DayOfWeek.SUNDAY,
        List.of(new BusinessCalendar.Window(0, 24 * 60)));
    BusinessCalendar cal = BusinessCalendar.of("sundays", MADRID, sundays, Set.of());
    assertThat(cal.between(madrid("2026-03-29T00:00"), madrid("2026-03-30T00:00"))).isEqualTo(Duration.ofHours(23));
    assertThat(cal.between(madrid("2026-10-25T00:00"), madrid("2026-10-26T00:00"))).isEqualTo(Duration.ofHours(25));
    // 24 working hours from the start of the short Sunday run into the next Sunday.
    assertThat(cal.plus(madrid("2026-03-29T00:00"), Duration.ofHours(24))).isEqualTo(madrid("2026-04-05T01:00"));
  }

  @Test
  void roundTheClockIsWallClock() {
    Instant t = Instant.parse("2026-11-27T16:30:00Z");
    assertThat(BusinessCalendar.ALWAYS.plus(t, Duration.ofHours(4))).isEqualTo(t.plus(Duration.ofHours(4)));
    assertThat(BusinessCalendar.ALWAYS.between(t, t.plusSeconds(90))).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void severalWindowsADay() {
    BusinessCalendar cal = BusinessCalendar.of("split", MADRID, Map.of(DayOfWeek.MONDAY, List.of(
        new BusinessCalendar.Window(15 * 60, 18 * 60), new BusinessCalendar.Window(9 * 60, 14 * 60))), Set.of());
    assertThat(cal.plus(madrid("2026-11-30T13:00"), Duration.ofHours(2))).isEqualTo(madrid("2026-11-30T16:00"));
    assertThat(cal.between(madrid("2026-11-30T00:00"), madrid("2026-12-01T00:00"))).isEqualTo(Duration.ofHours(8));
  }

  @Test
  void refusesCalendarsWithoutHoursOrWithOverlaps() {
    assertThatThrownBy(() -> BusinessCalendar.of("none", MADRID, Map.of(), Set.of()))
        .hasMessageContaining("at least one day");
    assertThatThrownBy(() -> BusinessCalendar.of("overlap", MADRID, Map.of(DayOfWeek.MONDAY, List.of(
        new BusinessCalendar.Window(9 * 60, 14 * 60), new BusinessCalendar.Window(13 * 60, 18 * 60))), Set.of()))
        .hasMessageContaining("overlap on MONDAY");
    assertThatThrownBy(() -> new BusinessCalendar.Window(18 * 60, 9 * 60)).isInstanceOf(IllegalArgumentException.class);
  }
}
