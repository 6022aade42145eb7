package org.feedbackrouter.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.feedbackrouter.avro.SlaCalendar;
import org.feedbackrouter.avro.WorkingHours;
import org.feedbackrouter.sla.BusinessCalendar;
import org.junit.jupiter.api.Test;

class OwnershipCalendarsTest {
  private static OwnershipFile parse(String yaml) {
    return OwnershipFile.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "f.yaml");
  }

  @Test
  void topicsAndDefaultsNameTheCalendarTheirSlaCountsIn() {
    OwnershipFile f = parse("""
        calendars:
          madrid-office:
            zone: Europe/Madrid
            hours: {mon-fri: "09:00-14:00, 15:00-18:00", sat: "10:00-14:00"}
            holidays: [2026-12-08, "2026-12-25"]
          always:
            zone: UTC
            hours: {mon-sun: "00:00-24:00"}
        defaults: {calendar: madrid-office}
        topics:
          billing: {owner: finance}
          it_outage: {owner: it, calendar: always}
        """);
    SlaCalendar madrid = f.entries().get(OwnershipTable.DEFAULTS_KEY).getCalendar();
    assertThat(madrid.getName()).isEqualTo("madrid-office");
    assertThat(madrid.getZone()).isEqualTo("Europe/Madrid");
    assertThat(madrid.getHours()).hasSize(11).contains(new WorkingHours(1, 540, 840), new WorkingHours(5, 900, 1080),
        new WorkingHours(6, 600, 840));
    assertThat(madrid.getHolidays()).containsExactly("2026-12-08", "2026-12-25");
    assertThat(f.entries().get("billing").getCalendar()).isNull();
    assertThat(f.entries().get("it_outage").getCalendar().getName()).isEqualTo("always");

    OwnershipTable table = new OwnershipTable(f.entries()::get, "cx_office");
    assertThat(table.resolve("billing").calendar().name()).isEqualTo("madrid-office");
    assertThat(table.resolve("unknown_topic").calendar().name()).isEqualTo("madrid-office");
    BusinessCalendar always = table.resolve("it_outage").calendar();
    Instant t = Instant.parse("2026-12-25T10:00:00Z");
    assertThat(always.plus(t, Duration.ofHours(30))).isEqualTo(t.plus(Duration.ofHours(30)));
  }

  @Test
  void withoutCalendarsSlasCountAroundTheClock() {
    OwnershipFile f = parse("""
        topics:
          billing: {owner: finance}
        """);
    assertThat(f.entries().get(OwnershipTable.DEFAULTS_KEY).getCalendar()).isNull();
    OwnershipTable table = new OwnershipTable(f.entries()::get, "cx_office");
    assertThat(table.resolve("billing").calendar()).isSameAs(BusinessCalendar.ALWAYS);
  }

  @Test
  void everyCalendarProblemIsReportedWithItsPath() {
    InvalidOwnershipException e = catchThrowableOfType(InvalidOwnershipException.class, () -> parse("""
        calendars:
          madrid-office:
            zone: Europe/Madird
            hours: {mon-fri: "09:00-18:00", fri-mon: "10:00-12:00", sat: "18:00-09:00", sun: "9-5"}
            holidays: [2026-13-01]
            colour: blue
          no-hours:
            zone: UTC
          overlap:
            zone: UTC
            hours: {mon: "09:00-14:00, 13:00-18:00"}
          twice:
            zone: UTC
            hours: {mon-fri: "09:00-18:00", wed: "10:00-12:00"}
        defaults: {calendar: lisbon-office}
        topics:
          billing: {owner: finance, calendar: Madrid}
        """));
    assertThat(e.errors()).containsExactlyInAnyOrder(
        "f.yaml: calendars.madrid-office.colour: unknown key (expected one of zone, hours, holidays)",
        "f.yaml: calendars.madrid-office.zone: 'Europe/Madird' is not a time zone (use an IANA name such as Europe/Madrid)",
        "f.yaml: calendars.madrid-office.hours.fri-mon: days are mon, tue, wed, thu, fri, sat, sun, a range such as"
            + " mon-fri, or a list such as mon,wed",
        "f.yaml: calendars.madrid-office.hours.sat: '18:00-09:00' is not a window HH:MM-HH:MM with start before end"
            + " (end at most 24:00)",
        "f.yaml: calendars.madrid-office.hours.sun: '9-5' is not a window HH:MM-HH:MM with start before end (end at"
            + " most 24:00)",
        "f.yaml: calendars.madrid-office.holidays[0]: '2026-13-01' is not a date yyyy-mm-dd",
        "f.yaml: calendars.no-hours.hours: required, a mapping such as {mon-fri: \"09:00-18:00\"}",
        "f.yaml: calendars.overlap.hours: working hours overlap on MONDAY",
        "f.yaml: calendars.twice.hours.wed: wed is given hours twice",
        "f.yaml: defaults.calendar: unknown calendar 'lisbon-office' (declared: madrid-office, no-hours, overlap,"
            + " twice)",
        "f.yaml: topics.billing.calendar: unknown calendar 'Madrid' (declared: madrid-office, no-hours, overlap,"
            + " twice)");
  }

  @Test
  void theAvroCalendarConvertsToTheSlaClocksCalendar() {
    SlaCalendar avro = new SlaCalendar("office", "Europe/Madrid", List.of(new WorkingHours(5, 540, 1080)),
        List.of("2026-11-20"));
    BusinessCalendar cal = OwnershipCalendars.toBusinessCalendar(avro);
    // Friday 2026-11-20 is a holiday: Friday 2026-11-13 17:00 + 2 h runs to Friday 2026-11-27 10:00.
    assertThat(cal.plus(Instant.parse("2026-11-13T16:00:00Z"), Duration.ofHours(2)))
        .isEqualTo(Instant.parse("2026-11-27T09:00:00Z"));
    assertThat(OwnershipCalendars.toBusinessCalendar(null)).isSameAs(BusinessCalendar.ALWAYS);
  }
}
