package org.hosthog.core.time;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hosthog.api.InvalidInputException;
import org.hosthog.api.TimeSpan;

/**
 * Reads the WHEN and DURATION words of the command line against a clock and a time zone.
 *
 * <p>WHEN: {@code now}, {@code HH:MM} (next occurrence), {@code today|tomorrow [HH:MM]}, a weekday
 * ({@code fri 09:00}), {@code YYYY-MM-DD}, {@code YYYY-MM-DD HH:MM}, ISO-8601 date-time, {@code
 * +2h} or {@code in 2h}. A day without a time means its start when used as a start and its end when
 * used as an end. Local times that fall into a daylight-saving gap move forward by the gap;
 * ambiguous ones take the earlier offset.
 *
 * <p>DURATION: {@code 90s}, {@code 5m}, {@code 2h}, {@code 3d}, {@code 1w}, combined {@code 1h30m},
 * or ISO-8601 ({@code PT2H}, {@code P1DT2H}).
 *
 * <p>Immutable and thread-safe.
 */
public final class TimeGrammar {

  /** Examples shown when a time is not understood. */
  public static final String WHEN_EXAMPLES =
      "now, 14:30, today 18:00, tomorrow 09:00, fri 09:00, 2026-12-24, 2026-12-24 18:00,"
          + " 2026-12-24T18:00+01:00, +2h, in 90m";

  /** Examples shown when a duration is not understood. */
  public static final String DURATION_EXAMPLES = TimeSpan.EXAMPLES;

  private static final Pattern CLOCK = Pattern.compile("(\\d{1,2}):(\\d{2})");
  private static final Pattern DAY_AND_CLOCK = Pattern.compile("(\\S+)(?:\\s+(\\d{1,2}:\\d{2}))?");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern DATE_SPACE_TIME =
      Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\s+(\\d{1,2}:\\d{2}(?::\\d{2})?)");
  private static final Map<String, DayOfWeek> WEEKDAYS = weekdays();

  private final Clock clock;
  private final ZoneId zone;

  public TimeGrammar(Clock clock, ZoneId zone) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  public ZoneId zone() {
    return zone;
  }

  public Instant now() {
    return clock.instant();
  }

  /** Reads WHEN as a start: a bare day means its first moment (or now, if that is today). */
  public Instant start(String when) {
    return parse(when, false);
  }

  /** Reads WHEN as an end: a bare day means the end of that day. */
  public Instant end(String when) {
    return parse(when, true);
  }

  /** Reads a DURATION. */
  public TimeSpan duration(String text) {
    return parseDuration(text);
  }

  /** Reads a DURATION; needs no clock (the grammar is {@link TimeSpan#parse}'s). */
  public static TimeSpan parseDuration(String text) {
    normalise(text); // a missing one is refused as a missing time or duration
    return TimeSpan.parse(text);
  }

  private Instant parse(String when, boolean asEnd) {
    String t = normalise(when);
    Instant now = clock.instant();
    if (t.equals("now")) {
      return now;
    }
    if (t.startsWith("+") || t.startsWith("in ")) {
      return duration(t.substring(t.startsWith("+") ? 1 : 3)).addTo(now, zone);
    }
    Matcher clockOnly = CLOCK.matcher(t);
    if (clockOnly.matches()) {
      LocalTime time = time(clockOnly.group(0), when);
      ZonedDateTime today = at(LocalDate.now(clock.withZone(zone)), time);
      return (today.toInstant().isBefore(now) ? at(today.toLocalDate().plusDays(1), time) : today)
          .toInstant();
    }
    if (DATE.matcher(t).matches()) {
      return dayBoundary(date(t, when), asEnd);
    }
    Matcher dateTime = DATE_SPACE_TIME.matcher(t);
    if (dateTime.matches()) {
      return at(date(dateTime.group(1), when), time(dateTime.group(2), when)).toInstant();
    }
    if (t.contains("t") && Character.isDigit(t.charAt(0))) {
      return isoDateTime(t, when);
    }
    Matcher day = DAY_AND_CLOCK.matcher(t);
    if (day.matches()) {
      LocalDate date = namedDay(day.group(1), day.group(2), when);
      if (day.group(2) != null) {
        return at(date, time(day.group(2), when)).toInstant();
      }
      Instant boundary = dayBoundary(date, asEnd);
      return boundary.isBefore(now) ? now : boundary;
    }
    throw badWhen(when);
  }

  /** today, tomorrow or the next such weekday (today counts, unless its given time has passed). */
  private LocalDate namedDay(String word, String clockText, String whole) {
    LocalDate today = LocalDate.now(clock.withZone(zone));
    if (word.equals("today")) {
      return today;
    }
    if (word.equals("tomorrow")) {
      return today.plusDays(1);
    }
    DayOfWeek dow = WEEKDAYS.get(word);
    if (dow == null) {
      throw badWhen(whole);
    }
    LocalDate date = today.with(TemporalAdjusters.nextOrSame(dow));
    if (clockText != null
        && at(date, time(clockText, whole)).toInstant().isBefore(clock.instant())) {
      date = date.plusWeeks(1);
    }
    return date;
  }

  private Instant dayBoundary(LocalDate date, boolean asEnd) {
    return (asEnd ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
  }

  private ZonedDateTime at(LocalDate date, LocalTime time) {
    return ZonedDateTime.of(date, time, zone); // gap: moved forward; overlap: earlier offset
  }

  private Instant isoDateTime(String t, String whole) {
    String upper = t.toUpperCase(Locale.ROOT);
    try {
      return OffsetDateTime.parse(upper).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        return ZonedDateTime.of(LocalDateTime.parse(upper), zone).toInstant();
      } catch (DateTimeParseException e) {
        throw badWhen(whole);
      }
    }
  }

  private static LocalDate date(String t, String whole) {
    try {
      return LocalDate.parse(t);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(
          "'" + whole + "' is not a valid date: expected YYYY-MM-DD, e.g. 2026-12-24");
    }
  }

  private static LocalTime time(String t, String whole) {
    String[] parts = t.split(":");
    try {
      return LocalTime.of(
          Integer.parseInt(parts[0]),
          Integer.parseInt(parts[1]),
          parts.length > 2 ? Integer.parseInt(parts[2]) : 0);
    } catch (DateTimeException e) {
      throw new InvalidInputException(
          "'" + whole + "' has no valid time of day: expected HH:MM from 00:00 to 23:59");
    }
  }

  private static String normalise(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("a time or duration is missing; try e.g. " + WHEN_EXAMPLES);
    }
    return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  private static InvalidInputException badWhen(String text) {
    return new InvalidInputException(
        "could not understand the time '" + text + "'; valid examples: " + WHEN_EXAMPLES);
  }

  private static Map<String, DayOfWeek> weekdays() {
    Map<String, DayOfWeek> names = new java.util.HashMap<>();
    for (DayOfWeek d : DayOfWeek.values()) {
      String full = d.name().toLowerCase(Locale.ROOT);
      names.put(full, d);
      names.put(full.substring(0, 3), d);
    }
    names.put("tues", DayOfWeek.TUESDAY);
    names.put("thur", DayOfWeek.THURSDAY);
    names.put("thurs", DayOfWeek.THURSDAY);
    return Map.copyOf(names);
  }
}
