package org.hosthog.api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

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

  public static TimeSpan of(Duration time) {
    return new TimeSpan(0, time);
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
