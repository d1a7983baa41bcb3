package org.hosthog.sync.caldav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.component.VEvent;
import org.hosthog.api.Claim;
import org.hosthog.api.Reservation;
import org.hosthog.api.Resource;
import org.hosthog.api.Series;
import org.junit.jupiter.api.Test;

/**
 * A series written as one recurring event, read back by ical4j's own recurrence expansion (the
 * reader a calendar client uses), across the change to summer time in Berlin.
 */
class SeriesEventsTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /** Weekly Wednesday 14:00–16:00 from 17 March 2027, four times; summer time starts 28 March. */
  private static List<Reservation> course(UUID series) {
    List<Reservation> out = new ArrayList<>();
    Instant first = LocalDateTime.parse("2027-03-17T14:00").atZone(BERLIN).toInstant();
    for (int i = 0; i < 4; i++) {
      ZonedDateTime start = LocalDateTime.parse("2027-03-17T14:00").plusWeeks(i).atZone(BERLIN);
      out.add(
          new Reservation(
                  10 + i,
                  UUID.randomUUID(),
                  "gpu-box",
                  "alice",
                  List.of(Claim.of(Resource.parse("gpu:0-3"))),
                  start.toInstant(),
                  start.plusHours(2).toInstant(),
                  "course lab",
                  Instant.parse("2027-03-01T10:00:00Z"),
                  Instant.parse("2027-03-01T10:00:00Z"),
                  "alice",
                  Optional.empty())
              .inSeries(new Series(series, "week", first, i + 1, 4)));
    }
    return out;
  }

  private static Calendar read(String ics) throws Exception {
    return new CalendarBuilder().build(new StringReader(ics));
  }

  /** The starts a calendar shows: the rule's, less EXDATEs, overrides moved (ical4j's reading). */
  private static TreeSet<Instant> shown(Calendar c) {
    List<VEvent> events = c.getComponents("VEVENT");
    VEvent master =
        events.stream().filter(e -> e.getProperty("RRULE").isPresent()).findFirst().orElseThrow();
    ZonedDateTime from = ZonedDateTime.parse("2027-01-01T00:00:00+01:00[Europe/Berlin]");
    TreeSet<Instant> starts = new TreeSet<>();
    for (Period<ZonedDateTime> p :
        master.<ZonedDateTime>calculateRecurrenceSet(new Period<>(from, from.plusYears(1)))) {
      starts.add(p.getStart().toInstant());
    }
    for (VEvent e : events) {
      if (e.getProperty("RECURRENCE-ID").isPresent()) {
        String id = e.getProperty("RECURRENCE-ID").get().getValue();
        String start = e.getProperty("DTSTART").get().getValue();
        starts.remove(
            LocalDateTime.parse(
                    id, java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"))
                .atZone(BERLIN)
                .toInstant());
        starts.add(
            LocalDateTime.parse(
                    start, java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"))
                .atZone(BERLIN)
                .toInstant());
      }
    }
    return starts;
  }

  private static Instant berlin(String local) {
    return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
  }

  @Test
  void aSeriesIsOneEventWithItsRuleAndKeepsWallClockTimeAcrossSummerTime() throws Exception {
    UUID id = UUID.randomUUID();
    String ics = new SeriesEvents(BERLIN).render(course(id), id.toString()).orElseThrow();
    assertEquals(1, ics.split("DTSTAMP").length - 1, "one DTSTAMP an event: " + ics);
    assertTrue(ics.contains("RRULE:FREQ=WEEKLY;COUNT=4"), ics);
    assertTrue(ics.contains("DTSTART;TZID=Europe/Berlin:20270317T140000"), ics);
    assertTrue(ics.contains("BEGIN:VTIMEZONE") && ics.contains("TZID:Europe/Berlin"), ics);
    Calendar c = read(ics);
    assertEquals(1, c.getComponents("VEVENT").size(), "one event, no overrides: " + ics);
    assertEquals(
        new TreeSet<>(
            List.of(
                berlin("2027-03-17T14:00"),
                berlin("2027-03-24T14:00"),
                berlin("2027-03-31T14:00"),
                berlin("2027-04-07T14:00"))),
        shown(c));
  }

  @Test
  void aReleasedOccurrenceIsAnExdateAndAMovedOneAnOverride() throws Exception {
    UUID id = UUID.randomUUID();
    List<Reservation> course = new ArrayList<>(course(id));
    course.set(1, course.get(1).releasedAt(Instant.parse("2027-03-20T10:00:00Z"), "alice"));
    Reservation third = course.get(2);
    course.set(
        2,
        third.changed(
            third.claims(),
            third.start().plus(Duration.ofHours(1)),
            third.end().plus(Duration.ofHours(1)),
            "course lab, room 2",
            "alice",
            Instant.parse("2027-03-20T10:00:00Z")));
    String ics = new SeriesEvents(BERLIN).render(course, id.toString()).orElseThrow();
    assertTrue(ics.contains("EXDATE;TZID=Europe/Berlin:20270324T140000"), ics);
    assertTrue(ics.contains("RECURRENCE-ID;TZID=Europe/Berlin:20270331T140000"), ics);
    assertTrue(ics.contains("course lab\\, room 2"), "the override has its own title: " + ics);
    assertEquals(
        new TreeSet<>(
            List.of(
                berlin("2027-03-17T14:00"),
                berlin("2027-03-31T15:00"),
                berlin("2027-04-07T14:00"))),
        shown(read(ics)));
  }

  @Test
  void releasingTheRestOfASeriesEndsItsRule() throws Exception {
    UUID id = UUID.randomUUID();
    List<Reservation> course = new ArrayList<>(course(id));
    for (int i = 2; i < 4; i++) {
      course.set(i, course.get(i).releasedAt(Instant.parse("2027-03-20T10:00:00Z"), "alice"));
    }
    String ics = new SeriesEvents(BERLIN).render(course, id.toString()).orElseThrow();
    assertTrue(ics.contains("RRULE:FREQ=WEEKLY;COUNT=2") && !ics.contains("EXDATE"), ics);
    assertEquals(
        new TreeSet<>(List.of(berlin("2027-03-17T14:00"), berlin("2027-03-24T14:00"))),
        shown(read(ics)));
  }

  @Test
  void anExdateListAndOverridesAsNextcloudWritesThemAreRead() {
    UUID id = UUID.randomUUID();
    String ics =
        new SeriesEvents(BERLIN)
            .render(course(id), id.toString())
            .orElseThrow()
            .replace(
                "RRULE:FREQ=WEEKLY;COUNT=4",
                "RRULE:FREQ=WEEKLY;COUNT=4\r\nEXDATE;TZID=Europe/Berlin:20270324T140000,20270407T140000")
            .replace(
                "END:VCALENDAR",
                "BEGIN:VEVENT\r\nUID:"
                    + id
                    + "\r\nDTSTAMP:20270301T000000Z\r\nRECURRENCE-ID;TZID=Europe/Berlin:20270331T140000"
                    + "\r\nDTSTART;TZID=Europe/Berlin:20270331T160000\r\n"
                    + "DTEND;TZID=Europe/Berlin:20270331T180000\r\nSUMMARY:later\r\nEND:VEVENT\r\n"
                    + "END:VCALENDAR");
    SeriesEvents.Remote remote = new SeriesEvents(BERLIN).read(ics);
    assertEquals(
        java.util.Set.of(berlin("2027-03-24T14:00"), berlin("2027-04-07T14:00")),
        remote.excluded());
    assertEquals(
        java.util.Map.of(
            berlin("2027-03-31T14:00"),
            new SeriesEvents.Span(berlin("2027-03-31T16:00"), berlin("2027-03-31T18:00"))),
        remote.moved());
  }

  @Test
  void aSeriesWithNothingLiveHasNoEvent() {
    UUID id = UUID.randomUUID();
    List<Reservation> gone =
        course(id).stream()
            .map(r -> r.releasedAt(Instant.parse("2027-03-01T11:00:00Z"), "alice"))
            .toList();
    assertEquals(Optional.empty(), new SeriesEvents(BERLIN).render(gone, id.toString()));
  }
}
