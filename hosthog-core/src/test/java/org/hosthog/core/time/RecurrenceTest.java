package org.hosthog.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.hosthog.api.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * Series rules, worked out by hand against the calendar (Berlin moves its clocks on 2027-03-28).
 */
class RecurrenceTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static ZonedDateTime at(String date, String time) {
    return ZonedDateTime.of(LocalDate.parse(date), LocalTime.parse(time), BERLIN);
  }

  @Test
  void theWordsOfEvery() {
    assertEquals(new Recurrence(Recurrence.Unit.DAY, 1), Recurrence.parse("day"));
    assertEquals(new Recurrence(Recurrence.Unit.WEEKDAY, 1), Recurrence.parse(" Weekday "));
    assertEquals(new Recurrence(Recurrence.Unit.WEEK, 1), Recurrence.parse("week"));
    assertEquals(new Recurrence(Recurrence.Unit.DAY, 3), Recurrence.parse("3d"));
    assertEquals(new Recurrence(Recurrence.Unit.WEEK, 2), Recurrence.parse("2w"));
    assertTrue(
        assertThrows(InvalidInputException.class, () -> Recurrence.parse("0d"))
            .getMessage()
            .contains("repeats nothing"));
    for (String garbage : List.of("", "fortnight", "2m", "-1d", "d", "99999d", "1d\u001b[2J")) {
      String message =
          assertThrows(InvalidInputException.class, () -> Recurrence.parse(garbage)).getMessage();
      assertTrue(message.contains("give day, weekday, week, 2d, 2w"), message);
      assertTrue(!message.contains("\u001b"), "no terminal escapes echoed");
    }
  }

  @Test
  void aWeeklySlotKeepsItsWallClockTimeAcrossTheSpringChange() {
    List<ZonedDateTime> starts =
        Recurrence.parse("week")
            .starts(at("2027-03-16", "14:00"), OptionalInt.of(4), Optional.empty());
    assertEquals(
        List.of(
            at("2027-03-16", "14:00"),
            at("2027-03-23", "14:00"),
            at("2027-03-30", "14:00"),
            at("2027-04-06", "14:00")),
        starts);
    assertEquals(
        Duration.ofDays(7).minusHours(1),
        Duration.between(starts.get(1).toInstant(), starts.get(2).toInstant()),
        "the week with the change is an hour shorter in real time");
  }

  @Test
  void aNightlyJobInTheMissingHourMovesForwardByTheGap() {
    List<ZonedDateTime> starts =
        Recurrence.parse("day")
            .starts(
                at("2027-03-27", "02:30"),
                OptionalInt.empty(),
                Optional.of(LocalDate.parse("2027-03-29")));
    assertEquals(
        List.of(at("2027-03-27", "02:30"), at("2027-03-28", "03:30"), at("2027-03-29", "02:30")),
        starts);
  }

  @Test
  void weekdaysSkipTheWeekendAndAWeekendStartBeginsOnMonday() {
    List<ZonedDateTime> starts =
        Recurrence.parse("weekday")
            .starts(at("2026-12-05", "09:00"), OptionalInt.of(6), Optional.empty()); // a Saturday
    assertEquals(
        List.of("2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-11", "2026-12-14"),
        starts.stream().map(s -> s.toLocalDate().toString()).toList());
  }

  @Test
  void throughIncludesItsDayAndEveryNWeeksStepsByN() {
    List<ZonedDateTime> starts =
        Recurrence.parse("2w")
            .starts(
                at("2026-12-07", "10:00"),
                OptionalInt.empty(),
                Optional.of(LocalDate.parse("2027-01-04")));
    assertEquals(
        List.of(at("2026-12-07", "10:00"), at("2026-12-21", "10:00"), at("2027-01-04", "10:00")),
        starts);
  }

  @Test
  void theBoundsAreNamedAndNothingBeyondThemIsMade() {
    Recurrence daily = Recurrence.parse("day");
    ZonedDateTime first = at("2026-12-07", "10:00");
    assertTrue(
        refusal(() -> daily.starts(first, OptionalInt.of(101), Optional.empty()))
            .contains("at most 100"));
    assertTrue(
        refusal(
                () ->
                    daily.starts(
                        first, OptionalInt.empty(), Optional.of(LocalDate.parse("2027-06-01"))))
            .contains("at most 100"));
    assertTrue(
        refusal(() -> Recurrence.parse("week").starts(first, OptionalInt.of(60), Optional.empty()))
            .contains("at most one year ahead"));
    assertTrue(
        refusal(
                () ->
                    Recurrence.parse("week")
                        .starts(
                            first, OptionalInt.empty(), Optional.of(LocalDate.parse("2028-01-01"))))
            .contains("at most one year ahead"));
    assertTrue(
        refusal(() -> daily.starts(first, OptionalInt.of(0), Optional.empty())).contains("from 1"));
    assertTrue(
        refusal(() -> daily.starts(first, OptionalInt.empty(), Optional.empty()))
            .contains("--count N"));
    assertTrue(
        refusal(
                () ->
                    daily.starts(
                        first, OptionalInt.of(3), Optional.of(LocalDate.parse("2026-12-09"))))
            .contains("not both"));
    assertTrue(
        refusal(
                () ->
                    daily.starts(
                        first, OptionalInt.empty(), Optional.of(LocalDate.parse("2026-12-01"))))
            .contains("before the first occurrence"));
    assertEquals(
        100, daily.starts(first, OptionalInt.of(100), Optional.empty()).size(), "100 is allowed");
  }

  @Test
  void occurrencesLongerThanThePeriodAreRefused() {
    Recurrence daily = Recurrence.parse("day");
    List<ZonedDateTime> starts =
        daily.starts(at("2026-12-07", "10:00"), OptionalInt.of(3), Optional.empty());
    daily.requireApart(starts, Duration.ofHours(24));
    assertTrue(
        refusal(() -> daily.requireApart(starts, Duration.ofHours(25)))
            .contains("each occurrence must end before the next starts: 25h"));
  }

  @Test
  void theRuleReadsAsPeopleAndCalendarsWriteIt() {
    ZonedDateTime tuesday = at("2026-12-08", "14:00");
    assertEquals("every Tue", Recurrence.parse("week").describe(tuesday));
    assertEquals("every 2 weeks on Tue", Recurrence.parse("2w").describe(tuesday));
    assertEquals("every weekday", Recurrence.parse("weekday").describe(tuesday));
    assertEquals("every 3 days", Recurrence.parse("3d").describe(tuesday));
    assertEquals("FREQ=WEEKLY", Recurrence.parse("week").rrule());
    assertEquals("FREQ=WEEKLY;INTERVAL=2", Recurrence.parse("2w").rrule());
    assertEquals("FREQ=DAILY;INTERVAL=3", Recurrence.parse("3d").rrule());
    assertEquals("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", Recurrence.parse("weekday").rrule());
  }

  private static String refusal(Runnable r) {
    return assertThrows(InvalidInputException.class, r::run).getMessage();
  }
}
