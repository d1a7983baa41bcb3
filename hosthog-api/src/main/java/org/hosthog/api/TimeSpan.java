package org.hosthog.api;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A length of time as people say it: whole days and weeks on the calendar plus an exact time part.
 *
 * <p>{@code 1d} from 12:00 is 12:00 the next day even across a daylight-saving change (23 or 25
 * hours); {@code 24h} is always 24 hours.
 *
 * @param days calendar days (weeks count as 7)
 * @param time the exact part (hours, minutes, seconds)
 */
public record TimeSpan(long days, Duration time) {
  public TimeSpan {
    if (days < 0 || time.isNegative() || (days == 0 && time.isZero())) {
      throw new IllegalArgumentException("a time span is positive");
    }
  }

  /** Examples shown when a duration is not understood. */
  public static final String EXAMPLES = "90s, 5m, 2h, 3d, 1w, 1h30m, PT2H";

  private static final Pattern PART =
      Pattern.compile(
          "(\\d+)\\s*(weeks?|w|days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)");

  public static TimeSpan of(Duration time) {
    return new TimeSpan(0, time);
  }

  /**
   * Reads a DURATION as people type it: {@code 90s}, {@code 5m}, {@code 2h}, {@code 3d}, {@code
   * 1w}, combined {@code 1h30m}, or ISO-8601 ({@code PT2H}, {@code P1DT2H}). The one grammar of the
   * command line, the socket protocol and both config files.
   *
   * @throws InvalidInputException saying what was not understood, with examples
   */
  public static TimeSpan parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("a duration is missing; try e.g. " + EXAMPLES);
    }
    String t = text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    if (t.startsWith("p")) {
      return iso(t, text);
    }
    Matcher m = PART.matcher(t);
    long days = 0;
    Duration time = Duration.ZERO;
    int pos = 0;
    while (pos < t.length()) {
      if (!m.find(pos) || m.start() != pos) {
        throw notUnderstood(text);
      }
      long n = Long.parseLong(m.group(1));
      switch (m.group(2).charAt(0)) {
        case 'w' -> days = Math.addExact(days, Math.multiplyExact(n, 7));
        case 'd' -> days = Math.addExact(days, n);
        case 'h' -> time = time.plusHours(n);
        case 'm' -> time = time.plusMinutes(n);
        default -> time = time.plusSeconds(n);
      }
      pos = m.end();
      while (pos < t.length() && t.charAt(pos) == ' ') {
        pos++;
      }
    }
    return positive(days, time, text);
  }

  private static TimeSpan iso(String t, String whole) {
    String upper = t.toUpperCase(Locale.ROOT);
    int tee = upper.indexOf('T');
    try {
      Period period =
          tee == 1 ? Period.ZERO : Period.parse(tee < 0 ? upper : upper.substring(0, tee));
      Duration time = tee < 0 ? Duration.ZERO : Duration.parse("PT" + upper.substring(tee + 1));
      if (period.getYears() != 0 || period.getMonths() != 0) {
        throw new InvalidInputException(
            "'" + whole + "': years and months are not supported; use days or weeks, e.g. P30D");
      }
      return positive(period.getDays(), time, whole);
    } catch (DateTimeParseException e) {
      throw notUnderstood(whole);
    }
  }

  private static TimeSpan positive(long days, Duration time, String whole) {
    if (days < 0 || time.isNegative() || (days == 0 && time.isZero())) {
      throw new InvalidInputException(
          "'" + whole + "' is not a positive duration; try e.g. " + EXAMPLES);
    }
    return new TimeSpan(days, time);
  }

  private static InvalidInputException notUnderstood(String text) {
    return new InvalidInputException(
        "could not understand the duration '" + text + "'; valid examples: " + EXAMPLES);
  }

  /** {@code from} plus this span, counting days on the calendar of {@code zone}. */
  public Instant addTo(Instant from, ZoneId zone) {
    return from.atZone(zone).plusDays(days).toInstant().plus(time);
  }

  /** An approximate length (a day counted as 24 hours), for display and limits. */
  public Duration approximate() {
    return Duration.ofDays(days).plus(time);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    if (days > 0) {
      s.append(days).append('d');
    }
    long secs = time.toSeconds();
    if (secs / 3600 > 0) {
      s.append(secs / 3600).append('h');
    }
    if (secs % 3600 / 60 > 0) {
      s.append(secs % 3600 / 60).append('m');
    }
    if (secs % 60 > 0) {
      s.append(secs % 60).append('s');
    }
    return s.toString();
  }
}
