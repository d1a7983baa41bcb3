package org.hosthog.sync.caldav;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.hosthog.api.Text;

/**
 * A calendar's repeat rule (RRULE) as hosthog repeats claims: every day, weekday, week, N days or N
 * weeks, for a count or through a day. A rule without an end is taken up to a series' bound (at
 * most 100 occurrences, at most a year).
 *
 * @param every as {@code --every} takes it
 * @param count how many, when the rule or the bound says so
 * @param through the last day, when the rule ends on one (UNTIL)
 */
record CalendarRule(String every, OptionalInt count, Optional<LocalDate> through) {
  private static final Set<String> TAKEN =
      Set.of("FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "WKST");
  private static final List<String> WEEKDAYS = List.of("MO", "TU", "WE", "TH", "FR");

  /**
   * Reads {@code rrule} of an event whose first occurrence starts on {@code first}.
   *
   * @throws Unreadable for a rule hosthog does not repeat (monthly, several days a week...)
   */
  static CalendarRule of(String rrule, LocalDate first, ZoneId zone) {
    Map<String, String> parts = new HashMap<>();
    for (String part : rrule.toUpperCase(Locale.ROOT).split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        parts.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    String unsupported =
        "repeats in a way hosthog does not ("
            + Text.sanitize(rrule)
            + "); hosthog repeats every day, weekday, week, N days or N weeks";
    if (!TAKEN.containsAll(parts.keySet())) {
      throw new Unreadable(unsupported);
    }
    int interval = number(parts.getOrDefault("INTERVAL", "1"), unsupported);
    String freq = parts.getOrDefault("FREQ", "");
    String day = first.getDayOfWeek().name().substring(0, 2); // MO, TU...
    Optional<String> byDay = Optional.ofNullable(parts.get("BYDAY"));
    String every;
    if (freq.equals("DAILY") && byDay.isEmpty()) {
      every = interval == 1 ? "day" : interval + "d";
    } else if (freq.equals("WEEKLY") && byDay.map(b -> b.equals(day)).orElse(true)) {
      every = interval == 1 ? "week" : interval + "w";
    } else if (freq.equals("WEEKLY")
        && interval == 1
        && byDay.map(b -> Set.of(b.split(",")).equals(Set.copyOf(WEEKDAYS))).orElse(false)) {
      every = "weekday";
    } else {
      throw new Unreadable(unsupported);
    }
    if (parts.containsKey("COUNT")) {
      return new CalendarRule(
          every, OptionalInt.of(number(parts.get("COUNT"), unsupported)), Optional.empty());
    }
    if (parts.containsKey("UNTIL")) {
      return new CalendarRule(
          every, OptionalInt.empty(), Optional.of(until(parts.get("UNTIL"), zone, unsupported)));
    }
    return new CalendarRule(every, OptionalInt.of(bound(every)), Optional.empty());
  }

  /** A rule without end: as many as a series may have, within a year. */
  private static int bound(String every) {
    int periodDays =
        switch (every) {
          case "day" -> 1;
          case "weekday" -> 1;
          case "week" -> 7;
          default ->
              Integer.parseInt(every.substring(0, every.length() - 1))
                  * (every.endsWith("w") ? 7 : 1);
        };
    return every.equals("weekday") ? 100 : Math.min(100, 365 / periodDays);
  }

  private static LocalDate until(String text, ZoneId zone, String unsupported) {
    try {
      if (!text.endsWith("Z")) { // a date, or a floating time: its day
        return LocalDate.parse(
            text.substring(0, Math.min(8, text.length())), DateTimeFormatter.BASIC_ISO_DATE);
      }
      Instant t = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX").parse(text, Instant::from);
      return LocalDate.ofInstant(t, zone);
    } catch (DateTimeParseException e) {
      throw new Unreadable(unsupported);
    }
  }

  private static int number(String text, String unsupported) {
    try {
      int n = Integer.parseInt(text);
      if (n < 1) {
        throw new Unreadable(unsupported);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new Unreadable(unsupported);
    }
  }
}
