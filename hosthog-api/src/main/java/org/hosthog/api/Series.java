package org.hosthog.api;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * The series a reservation belongs to: one claim with {@code --every} makes one reservation per
 * occurrence, each with its own id, all sharing this series' {@code id}.
 *
 * <p>The rule and its first start say where every occurrence was placed, so a calendar can write
 * the series as one recurring event and each occurrence's original slot (its RECURRENCE-ID), even
 * after the occurrence was moved.
 *
 * @param id shared by every occurrence of the series
 * @param every the rule as {@code --every} takes it: {@code day}, {@code weekday}, {@code week},
 *     {@code Nd}, {@code Nw}
 * @param first where the rule placed the first occurrence's start (its wall-clock time repeats in
 *     the host's time zone)
 * @param index this occurrence's place in the rule, from 1 (skipped places are not made)
 * @param count how many places the rule had when the series was made
 */
public record Series(UUID id, String every, Instant first, int index, int count) {
  public Series {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(every, "every");
    first = Objects.requireNonNull(first, "first").truncatedTo(ChronoUnit.MILLIS);
    if (count < 1 || index < 1 || index > count) {
      throw new IllegalArgumentException("occurrence " + index + " of " + count);
    }
  }

  /**
   * The rule as people read it, e.g. {@code every Tue}, {@code every weekday}, {@code every 2 weeks
   * on Mon}, {@code every 3 days}: weekly rules name the weekday of the first start in {@code
   * zone}.
   */
  public String rule(ZoneId zone) {
    return describe(every, first.atZone(zone).getDayOfWeek());
  }

  /**
   * The rule with an occurrence's hours, e.g. {@code every Tue 14:00–16:00}, times in {@code zone}.
   */
  public String rule(ZoneId zone, Instant start, Instant end) {
    return rule(zone)
        + " "
        + HOURS.format(start.atZone(zone))
        + "–"
        + HOURS.format(end.atZone(zone));
  }

  private static final DateTimeFormatter HOURS =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

  /** {@link #rule} of a rule as {@code --every} takes it, repeating on {@code day}. */
  public static String describe(String every, DayOfWeek day) {
    String weekday = day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    return switch (every) {
      case "day" -> "every day";
      case "weekday" -> "every weekday";
      case "week" -> "every " + weekday;
      default -> {
        String n = every.substring(0, every.length() - 1);
        yield every.endsWith("w") ? "every " + n + " weeks on " + weekday : "every " + n + " days";
      }
    };
  }

  /** The rule as iCalendar writes it with its bound, e.g. {@code FREQ=WEEKLY;COUNT=12}. */
  public String rrule() {
    return rrule(every) + ";COUNT=" + count;
  }

  /**
   * A rule as {@code --every} takes it, as iCalendar writes it without a bound (RFC 5545 RRULE):
   * weekly rules repeat on the first start's weekday.
   */
  public static String rrule(String every) {
    return switch (every) {
      case "day" -> "FREQ=DAILY";
      case "weekday" -> "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR";
      case "week" -> "FREQ=WEEKLY";
      default -> {
        String n = every.substring(0, every.length() - 1);
        yield (every.endsWith("w") ? "FREQ=WEEKLY" : "FREQ=DAILY") + ";INTERVAL=" + n;
      }
    };
  }

  /** Where this occurrence stands, e.g. {@code 3 of 12}. */
  public String place() {
    return index + " of " + count;
  }
}
