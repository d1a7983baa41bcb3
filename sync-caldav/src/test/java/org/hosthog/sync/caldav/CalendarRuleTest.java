package org.hosthog.sync.caldav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Repeat rules as Nextcloud and Thunderbird write them, read as hosthog repeats claims. */
class CalendarRuleTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final LocalDate TUESDAY = LocalDate.parse("2026-12-08");

  private static CalendarRule rule(String rrule) {
    return CalendarRule.of(rrule, TUESDAY, BERLIN);
  }

  @Test
  void theRulesHosthogRepeatsAreTakenWithTheirEnd() {
    assertEquals(
        new CalendarRule("week", OptionalInt.of(12), Optional.empty()),
        rule("FREQ=WEEKLY;COUNT=12"));
    assertEquals(
        new CalendarRule("week", OptionalInt.of(4), Optional.empty()),
        rule("FREQ=WEEKLY;BYDAY=TU;COUNT=4;WKST=MO"));
    assertEquals(
        new CalendarRule("2w", OptionalInt.empty(), Optional.of(LocalDate.parse("2027-03-31"))),
        rule("FREQ=WEEKLY;INTERVAL=2;UNTIL=20270331T215959Z"));
    assertEquals(
        new CalendarRule(
            "weekday", OptionalInt.empty(), Optional.of(LocalDate.parse("2027-01-29"))),
        rule("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20270129"));
    assertEquals(
        new CalendarRule("3d", OptionalInt.of(5), Optional.empty()),
        rule("FREQ=DAILY;INTERVAL=3;COUNT=5"));
  }

  @Test
  void aRuleWithoutEndIsTakenUpToTheBoundOfASeries() {
    assertEquals(OptionalInt.of(100), rule("FREQ=DAILY").count());
    assertEquals(OptionalInt.of(52), rule("FREQ=WEEKLY").count(), "a year of weeks");
    assertEquals(OptionalInt.of(26), rule("FREQ=WEEKLY;INTERVAL=2").count());
    assertEquals(OptionalInt.of(100), rule("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR").count());
  }

  @Test
  void otherRulesAreRefusedSayingWhatHosthogRepeats() {
    for (String other :
        new String[] {
          "FREQ=MONTHLY;BYDAY=1MO",
          "FREQ=WEEKLY;BYDAY=MO,WE",
          "FREQ=WEEKLY;BYDAY=FR",
          "FREQ=YEARLY",
          "FREQ=DAILY;BYHOUR=9,17",
          "FREQ=DAILY;COUNT=0",
          "FREQ=DAILY;INTERVAL=x",
          "FREQ=DAILY;UNTIL=tomorrow",
          "garbage\u001b[2J"
        }) {
      Unreadable u = assertThrows(Unreadable.class, () -> rule(other), other);
      assertTrue(
          u.getMessage().contains("every day, weekday, week, N days or N weeks"), u.getMessage());
      assertTrue(!u.getMessage().contains("\u001b"), "no escapes echoed: " + u.getMessage());
    }
  }
}
